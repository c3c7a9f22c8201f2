package org.newplos.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newplos.cli.NewplosCommand;
import org.newplos.observability.FakeEndpoints.FakeSentry;
import org.newplos.observability.FakeEndpoints.OtlpReceiver;
import picocli.CommandLine;

/** {@code newplos doctor [--send-test-events]} against local fakes and against a closed port. */
class DoctorTelemetryTests {

    static final String ENDPOINT = TelemetrySettings.TRACES_ENDPOINT;

    @AfterEach
    void clear() {
        System.clearProperty(ENDPOINT);
        System.clearProperty("sentry.dsn");
    }

    @Test
    void sendTestEventsReportsBothAcceptedByTheFakes() throws Exception {
        try (OtlpReceiver otlp = new OtlpReceiver();
                FakeSentry sentry = new FakeSentry()) {
            System.setProperty(ENDPOINT, otlp.url());
            System.setProperty("sentry.dsn", sentry.dsn());
            Run run = doctor("--send-test-events");
            assertThat(run.code).as(run.out).isZero();
            assertThat(run.out)
                    .contains("PASS tracing test span: accepted")
                    .contains("PASS error tracking test event: accepted");
            assertThat(otlp.spans()).extracting(span -> span.getName()).containsExactly("newplos doctor test span");
            assertThat(otlp.received.get(0).getResource().getAttributesList()).anySatisfy(attribute -> {
                assertThat(attribute.getKey()).isEqualTo("service.name");
                assertThat(attribute.getValue().getStringValue()).isEqualTo("newplos");
            });
            assertThat(sentry.envelopes).hasSize(1);
            assertThat(sentry.envelopes.get(0))
                    .contains("newplos doctor --send-test-events: test error event", "\"release\":\"newplos@");
            assertThat(sentry.authHeaders.get(0)).contains("sentry_key=key");
        }
    }

    @Test
    void sendTestEventsReportsFailureAgainstAClosedPort() throws Exception {
        int port = FakeEndpoints.closedPort();
        System.setProperty(ENDPOINT, "http://127.0.0.1:" + port + "/v1/traces");
        System.setProperty("sentry.dsn", "http://key@127.0.0.1:" + port + "/1");
        Run run = doctor("--send-test-events");
        assertThat(run.code).isEqualTo(1);
        assertThat(run.out)
                .contains("FAIL tracing test span: not accepted")
                .contains("FAIL error tracking test event: not sent");
    }

    @Test
    void plainDoctorSaysUnconfiguredReachableOrUnreachable() throws Exception {
        Run unconfigured = doctor();
        assertThat(unconfigured.code).isZero();
        assertThat(unconfigured.out)
                .contains("WARN tracing: not configured", "fix: set OTEL_EXPORTER_OTLP_ENDPOINT")
                .contains("WARN error tracking: not configured", "fix: set SENTRY_DSN");

        try (OtlpReceiver otlp = new OtlpReceiver()) {
            System.setProperty(ENDPOINT, otlp.url());
            System.setProperty("sentry.dsn", "http://key@127.0.0.1:" + FakeEndpoints.closedPort() + "/1");
            Run mixed = doctor();
            assertThat(mixed.code).isEqualTo(1);
            assertThat(mixed.out).contains("PASS tracing: OTLP endpoint").contains("FAIL error tracking: Sentry at");
            assertThat(mixed.out).doesNotContain("key@");
        }
    }

    @Test
    void doctorExplainsItself() {
        Run help = doctor("--help");
        assertThat(help.out).contains("--send-test-events", "Exit codes:");
    }

    record Run(int code, String out) {}

    static Run doctor(String... options) {
        CommandLine command = NewplosCommand.commandLine();
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        String[] args = new String[options.length + 1];
        args[0] = "doctor";
        System.arraycopy(options, 0, args, 1, options.length);
        int code = command.execute(args);
        return new Run(code, out.toString());
    }
}
