package org.newplos.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.observability.FakeEndpoints.FakeSentry;
import org.springframework.mock.env.MockEnvironment;

/** A failed CLI command reaches Sentry (flushed before the process exits) only when a DSN is set. */
class CommandErrorsTests {

    @BeforeEach
    @AfterEach
    void noGlobalSentry() {
        Sentry.close();
    }

    @Test
    void aFailedCommandIsSentWithItsNameAndReleaseButWithoutTheDatabasePassword() throws Exception {
        try (FakeSentry sentry = new FakeSentry()) {
            MockEnvironment environment = new MockEnvironment().withProperty("sentry.dsn", sentry.dsn());
            CommandErrors.report(
                    "migrate",
                    new IllegalStateException(
                            "could not connect to the database at postgres://newplos:db-secret@db:5432/newplos"),
                    environment);
            assertThat(sentry.envelopes).hasSize(1);
            assertThat(sentry.envelopes.get(0))
                    .contains("\"newplos.command\":\"migrate\"", "newplos migrate failed")
                    .contains("could not connect to the database", "\"release\":\"newplos@")
                    .doesNotContain("db-secret");
        }
    }

    @Test
    void withoutADsnNothingIsSent() throws Exception {
        try (FakeSentry sentry = new FakeSentry()) {
            CommandErrors.report("migrate", new IllegalStateException("boom"), new MockEnvironment());
            assertThat(sentry.envelopes).isEmpty();
            assertThat(Sentry.isEnabled()).isFalse();
        }
    }
}
