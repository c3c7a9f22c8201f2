package org.newplos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.NewplosApplication;
import org.newplos.observability.FakeEndpoints;
import org.newplos.observability.FakeEndpoints.FakeSentry;

/**
 * A command that fails for real, through the command line an operator uses: one clear line, exit 1, and
 * with SENTRY_DSN set one error event, sent before the command returns, that never holds the password of
 * DATABASE_URL.
 */
class CommandFailureReportTests {

    static final String SECRET = "cli-db-secret-8731";

    @BeforeEach
    @AfterEach
    void clean() {
        NewplosCommand.application = NewplosApplication.class;
        System.clearProperty("sentry.dsn");
        System.clearProperty("DATABASE_URL");
        Sentry.close();
    }

    @Test
    void aCommandThatCannotReachTheDatabaseIsReportedWithoutTheDatabasePassword() throws Exception {
        try (FakeSentry sentry = new FakeSentry()) {
            System.setProperty("sentry.dsn", sentry.dsn());
            System.setProperty(
                    "DATABASE_URL",
                    "postgres://newplos:" + SECRET + "@127.0.0.1:" + FakeEndpoints.closedPort() + "/newplos");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = NewplosCommand.commandLine()
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute("migrate");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("newplos migrate: ").doesNotContain(SECRET, "\tat ");
            assertThat(out + err.toString()).doesNotContain(SECRET);
            assertThat(sentry.envelopes).as("sent before the command returned").hasSize(1);
            assertThat(sentry.envelopes.get(0))
                    .contains("newplos migrate failed", "\"newplos.command\":\"migrate\"")
                    .doesNotContain(SECRET);
        }
    }
}
