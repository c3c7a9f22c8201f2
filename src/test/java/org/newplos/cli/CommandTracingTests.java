package org.newplos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabase;
import org.newplos.observability.FakeEndpoints.OtlpReceiver;

/**
 * CLI commands pointed at a local OTLP/HTTP receiver: each is a root span {@code newplos <command>} with its
 * SQL (and, for migrate, the Flyway run) as children, exported before the command returns, since closing
 * the command's application shuts the OpenTelemetry SDK down.
 */
@Tag("database")
class CommandTracingTests {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final TestDatabase server = TestDatabase.server();
    static OtlpReceiver otlp;
    static String database;

    @BeforeAll
    static void pointCommandsAtTheReceiverAndATestDatabase() throws Exception {
        NewplosCommand.application = NewplosApplication.class;
        otlp = new OtlpReceiver();
        database = server.createDatabase("newplos_cli_traces");
        System.setProperty(ENDPOINT, otlp.url());
        System.setProperty("spring.datasource.url", server.jdbcUrl(database));
        System.setProperty("spring.datasource.username", server.username());
        System.setProperty("spring.datasource.password", server.password());
    }

    @AfterAll
    static void restore() {
        System.clearProperty(ENDPOINT);
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.datasource.username");
        System.clearProperty("spring.datasource.password");
        otlp.close();
        server.dropDatabase(database);
    }

    @BeforeEach
    void forgetEarlierSpans() {
        otlp.received.clear();
    }

    @Test
    void migrateIsARootSpanWithTheFlywayRunAsItsChildExportedBeforeTheCommandReturns() {
        String fresh = server.createDatabase("newplos_cli_traces_migrate");
        try {
            int code = run("migrate", "-D", "spring.datasource.url=" + server.jdbcUrl(fresh));
            assertThat(code).isZero();

            // No waiting: the spans are already there when the command returns.
            Span root = only("newplos migrate");
            assertThat(root.getParentSpanId()).isEmpty();
            assertThat(attributes(root))
                    .containsEntry("newplos.command", "migrate")
                    .containsEntry("newplos.exit_code", "0");
            Span flyway = only("flyway migrate");
            assertThat(flyway.getParentSpanId()).isEqualTo(root.getSpanId());
            assertThat(flyway.getTraceId()).isEqualTo(root.getTraceId());
            assertThat(attributes(flyway))
                    .containsEntry("db.system", "postgresql")
                    .containsEntry("db.name", fresh)
                    .containsEntry("flyway.schema.version.before", "none")
                    .containsKey("flyway.schema.version");
            assertThat(Integer.parseInt(attributes(flyway).get("flyway.migrations.applied")))
                    .isGreaterThanOrEqualTo(4);
            assertThat(otlp.received.get(0).getResource().getAttributesList())
                    .extracting(KeyValue::getKey)
                    .contains("service.name", "service.version");
        } finally {
            server.dropDatabase(fresh);
        }
    }

    @Test
    void importIsARootSpanWithTheInsertsAsSqlChildren(@TempDir Path folder) throws Exception {
        Path csv = folder.resolve("members.csv");
        Files.writeString(csv, """
                full_name,email,status
                Ada Lovelace,ada.traced@example.com,ACTIVE
                Grace Hopper,grace.traced@example.com,
                """);
        assertThat(run("import", "members", csv.toString())).isZero();

        Span root = only("newplos import members");
        assertThat(root.getParentSpanId()).isEmpty();
        assertThat(attributes(root))
                .containsEntry("newplos.command", "import members")
                .containsEntry("newplos.exit_code", "0")
                .containsEntry("newplos.import.rows", "2")
                .containsEntry("newplos.import.imported", "2");
        List<Span> inserts = otlp.spans().stream()
                .filter(span -> span.getTraceId().equals(root.getTraceId()))
                .filter(span -> sql(span).toLowerCase().contains("insert into members"))
                .toList();
        assertThat(inserts).hasSize(2).allSatisfy(span -> {
            assertThat(descendsFrom(span, root)).isTrue();
            assertThat(sql(span)).doesNotContain("ada.traced", "Grace");
            assertThat(attributes(span)).containsEntry("db.name", database);
        });
    }

    @Test
    void invoiceRunIsARootSpanWithItsSqlAsChildren() {
        assertThat(run("invoice-run", "--as-of", "2027-02-01", "--dry-run")).isZero();

        Span root = only("newplos invoice-run");
        assertThat(root.getParentSpanId()).isEmpty();
        assertThat(attributes(root))
                .containsEntry("newplos.command", "invoice-run")
                .containsEntry("newplos.exit_code", "0");
        assertThat(otlp.spans().stream()
                        .filter(span -> span.getTraceId().equals(root.getTraceId()))
                        .filter(span -> sql(span).contains("invoice_runs")))
                .isNotEmpty()
                .allSatisfy(span -> assertThat(descendsFrom(span, root)).isTrue());
    }

    @Test
    void aFailedCommandIsASpanWithAnError() {
        assertThat(run("create-token", "--email", "nobody.traced@example.com", "--name", "x"))
                .isEqualTo(1);
        Span root = only("newplos create-token");
        assertThat(root.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attributes(root)).containsEntry("newplos.command", "create-token");
    }

    private static Span only(String name) {
        List<Span> spans = otlp.spans().stream()
                .filter(span -> span.getName().equals(name))
                .toList();
        assertThat(spans)
                .as(
                        "spans named %s among %s",
                        name, otlp.spans().stream().map(Span::getName).toList())
                .hasSize(1);
        return spans.get(0);
    }

    private static String sql(Span span) {
        return attributes(span).entrySet().stream()
                .filter(e -> e.getKey().startsWith("jdbc.query"))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining(" "));
    }

    private static boolean descendsFrom(Span span, Span ancestor) {
        Map<ByteString, Span> byId =
                otlp.spans().stream().collect(Collectors.toMap(Span::getSpanId, Function.identity(), (a, b) -> a));
        Span current = span;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
            current = byId.get(current.getParentSpanId());
        }
        return false;
    }

    private static Map<String, String> attributes(Span span) {
        return span.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a));
    }

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        return NewplosCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(out, true))
                .execute(args);
    }
}
