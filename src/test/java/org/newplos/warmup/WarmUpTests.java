package org.newplos.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.TestDatabaseInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 19, warm-up: a new server exercises its read API through the real HTTP stack before it reports ready,
 * with a credential that is read-only, loopback-only and gone afterwards.
 */
@Tag("database")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"newplos.warmup.duration=1500ms", "newplos.warmup.clients=2"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class WarmUpTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WarmUp warmUp;

    @Autowired
    WarmUpCredential credential;

    @Test
    void theServerExercisedItsReadApiBeforeItReportedReady() {
        WarmUp.Result result = warmUp.last();
        assertThat(result).as("a warm-up ran during the start").isNotNull();
        assertThat(result.readinessDuring()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        assertThat(result.stoppedBecause()).isNull();
        assertThat(result.failures()).isZero();
        assertThat(result.requests()).isPositive();
        assertThat(result.took()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
        // a new database has no leases and no members: by id and search are skipped, the other kinds answered
        assertThat(result.byKind().get(WarmUp.Kind.LEASES.ordinal())).isPositive();
        assertThat(result.byKind().get(WarmUp.Kind.AVAILABLE.ordinal())).isPositive();
        assertThat(result.byKind().get(WarmUp.Kind.SPACES.ordinal())).isPositive();
        assertThat(result.byKind().get(WarmUp.Kind.LEASE.ordinal())).isZero();
        assertThat(result.byKind().get(WarmUp.Kind.MEMBERS.ordinal())).isZero();
    }

    @Test
    void aWarmUpAfterTheServerServesIsSkipped() {
        WarmUp.Result before = warmUp.last();
        warmUp.onDatabaseReady();
        assertThat(warmUp.last()).isSameAs(before);
    }

    @Test
    void theCredentialReadsFromLoopbackWhileItLivesAndNeverWrites() throws Exception {
        assertThat(get("warmup_anything").statusCode())
                .as("no credential after the warm-up")
                .isEqualTo(401);
        String token = credential.issue();
        try {
            assertThat(get(token).statusCode()).isEqualTo(200);
            HttpResponse<String> write = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/members"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"fullName\":\"Warm Up\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode())
                    .as("a write with the warm-up's credential")
                    .isEqualTo(401);
            assertThat(credential.accepts(token, "GET", "10.0.0.7")).isFalse();
            assertThat(credential.accepts(token, "GET", "::1")).isTrue();
            assertThat(credential.accepts(token + "x", "GET", "127.0.0.1")).isFalse();
        } finally {
            credential.revoke();
        }
        assertThat(get(token).statusCode()).as("after revoke").isEqualTo(401);
    }

    @Test
    void settingsAreCheckedAndDefaultToOnlyDeployedServers() {
        assertThat(new WarmUpSettings(null, 4).effectiveDuration(false)).isEqualTo(Duration.ofSeconds(10));
        assertThat(new WarmUpSettings(null, 4).effectiveDuration(true)).isZero();
        assertThat(new WarmUpSettings(Duration.ofSeconds(3), 4).effectiveDuration(true))
                .isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> new WarmUpSettings(Duration.ofSeconds(-1), 4))
                .hasMessageContaining("newplos.warmup.duration");
        assertThatThrownBy(() -> new WarmUpSettings(Duration.ofMinutes(3), 4))
                .hasMessageContaining("newplos.warmup.duration");
        assertThatThrownBy(() -> new WarmUpSettings(null, 0)).hasMessageContaining("newplos.warmup.clients");
    }

    private HttpResponse<String> get(String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/spaces?limit=1"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
