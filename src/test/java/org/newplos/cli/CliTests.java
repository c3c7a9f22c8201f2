package org.newplos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The command line as an operator uses it: help, exit codes, create-admin, demo-data. */
@Tag("database")
class CliTests {

    static TestDatabase server = TestDatabase.server();
    static String database;

    @BeforeAll
    static void pointCommandsAtATestDatabase() {
        NewplosCommand.application = NewplosApplication.class;
        database = server.createDatabase("newplos_cli");
        System.setProperty("spring.datasource.url", server.jdbcUrl(database));
        System.setProperty("spring.datasource.username", server.username());
        System.setProperty("spring.datasource.password", server.password());
    }

    @AfterAll
    static void restore() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.datasource.username");
        System.clearProperty("spring.datasource.password");
        server.dropDatabase(database);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "serve --help",
                "create-admin --help",
                "demo-data --help",
                "create-token --help",
                "invoice-run --help",
                "migrate --help",
                "doctor --help",
                "import --help"
            })
    void everyCommandExplainsItselfAndItsExitCodes(String args) {
        Run run = run(null, args.split(" "));
        assertThat(run.code).isZero();
        assertThat(run.out).contains("Usage:", "Exit codes:");
    }

    @Test
    void aSubcommandsHelpIsItsOwn() {
        assertThat(run(null, "invoice-run", "--help").out).contains("Usage: newplos invoice-run", "--as-of");
    }

    @Test
    void aMistypedCommandIsRefusedWithSuggestionsAndStartsNothing() {
        Run typo = run(null, "migrat");
        assertThat(typo.code).isEqualTo(2);
        assertThat(typo.err).contains("unknown command 'migrat'", "migrate", "newplos --help");
        assertThat(typo.out).doesNotContain("Started");

        Run unknown = run(null, "frobnicate", "--foo");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("unknown command 'frobnicate'");

        Run stray = run(null, "serve", "now");
        assertThat(stray.code).isEqualTo(2);
        assertThat(stray.err).contains("unexpected argument 'now'", "only --options go to the server");

        assertThat(run(null, "invoice-rn", "--as-of", "2027-01-01").err).contains("invoice-run");
    }

    @Test
    void onlyAServerStartWithSpringOptionsSkipsTheCommandLine() {
        assertThat(NewplosCommand.onlyServerOptions(new String[0])).isTrue();
        assertThat(NewplosCommand.onlyServerOptions(new String[] {"serve"})).isTrue();
        assertThat(NewplosCommand.onlyServerOptions(new String[] {"--server.port=9090"}))
                .isTrue();
        assertThat(NewplosCommand.onlyServerOptions(new String[] {"serve", "--server.port=9090", "--debug"}))
                .isTrue();
        // everything else is parsed, checked and explained by the command line as before
        for (String args : new String[] {
            "--help",
            "serve --help",
            "--version",
            "serve --version=x",
            "-h",
            "serve now",
            "migrat",
            "frobnicate --foo",
            "--server.port=1 migrate",
            "--",
            "serve --",
            "@args.txt",
            "serve serve"
        }) {
            assertThat(NewplosCommand.onlyServerOptions(args.split(" ")))
                    .as(args)
                    .isFalse();
        }
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertThat(run(null, "create-admin", "--emial", "x@example.com").code).isEqualTo(2);
        assertThat(run(null, "create-admin").err).contains("--email");
    }

    @Test
    void createAdminReadsThePasswordFromStandardInput() {
        Run created = run("a sufficiently long password\n", "create-admin", "--email", "ops@example.com");
        assertThat(created.code).isZero();
        assertThat(created.out).contains("Created ADMIN user ops@example.com");
        assertThat(jdbc().sql("SELECT role FROM users WHERE email = 'ops@example.com'")
                        .query(String.class)
                        .single())
                .isEqualTo("ADMIN");

        Run again = run("another long password!\n", "create-admin", "--email", "OPS@example.com");
        assertThat(again.code).isEqualTo(1);
        assertThat(again.err).contains("already exists", "--reset");

        Run reset = run(
                "another long password!\n", "create-admin", "--email", "ops@example.com", "--reset", "--role", "staff");
        assertThat(reset.code).isZero();
        assertThat(reset.out).contains("Password reset");
    }

    @Test
    void createAdminRefusesShortPasswordsAndBadEmails() {
        Run short_ = run("short\n", "create-admin", "--email", "short@example.com");
        assertThat(short_.code).isEqualTo(1);
        assertThat(short_.err).contains("at least 12 characters");
        assertThat(run("long enough password\n", "create-admin", "--email", "nope").code)
                .isEqualTo(2);
    }

    @Test
    void demoDataAddsARealisticSampleWithPastCurrentAndFutureLeases() {
        Run run = run(null, "demo-data", "--members", "60", "--spaces", "25", "--seed", "7");
        assertThat(run.code).isZero();
        assertThat(run.out).containsPattern("Added \\d+ plans, 25 spaces, 60 members and \\d+ leases");
        JdbcClient jdbc = jdbc();
        assertThat(jdbc.sql("SELECT count(DISTINCT type) FROM spaces")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("""
                        SELECT count(*) FILTER (WHERE upper(period) <= current_date) > 0
                           AND count(*) FILTER (WHERE period @> current_date) > 0
                           AND count(*) FILTER (WHERE lower(period) > current_date) > 0
                           AND count(*) FILTER (WHERE upper_inf(period)) > 0
                        FROM leases""").query(Boolean.class).single())
                .as("past, current, future and open-ended leases")
                .isTrue();
    }

    @Test
    void createTokenPrintsTheTokenOnceAndStoresOnlyItsHash() {
        assertThat(run("a sufficiently long password\n", "create-admin", "--email", "tokens@example.com").code)
                .isZero();
        Run created = run(null, "create-token", "--email", "tokens@example.com", "--name", "door system");
        assertThat(created.code).isZero();
        String token = created.out.strip();
        assertThat(token).startsWith("npt_").doesNotContain("\n");
        assertThat(created.err).contains("shown only this once");
        assertThat(jdbc().sql(
                                "SELECT count(*) FROM api_tokens WHERE token_sha256 = encode(sha256(convert_to(:t, 'UTF8')), 'hex')")
                        .param("t", token)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc().sql("SELECT count(*) FROM api_tokens t WHERE row_to_json(t)::text LIKE :t")
                        .param("t", "%" + token.substring(4) + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        Run second = run(null, "create-token", "--email", "tokens@example.com", "--name", "door system");
        assertThat(second.out.strip()).isNotEqualTo(token);

        Run unknown = run(null, "create-token", "--email", "nobody@example.com", "--name", "x");
        assertThat(unknown.code).isEqualTo(1);
        assertThat(unknown.err).contains("no user has the email nobody@example.com");
        assertThat(run(null, "create-token", "--email", "tokens@example.com").code)
                .isEqualTo(2);
    }

    @Test
    void demoDataRefusesSillySizes() {
        assertThat(run(null, "demo-data", "--members", "0").code).isEqualTo(2);
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(new SimpleDriverDataSource(
                new org.postgresql.Driver(), server.jdbcUrl(database), server.username(), server.password()));
    }

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream originalIn = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int code = NewplosCommand.commandLine()
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(originalIn);
        }
    }

    record Run(int code, String out, String err) {}
}
