package org.newplos.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16, findings 7, 8 and 10: a token cannot mint tokens; Prometheus scrapes with an admin's token; a
 * token revoked while another request looks it up is not cached as valid.
 */
@IntegrationTest
class ApiTokenSecurityTests {

    static final String PASSWORD = "a long enough password";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aTokenCannotMintTokensOnlyAPasswordSignInCan() {
        String email = user(Role.STAFF);
        String token = tokens.create(email, "leaked").value();
        var minted = mvc.post()
                .uri("/api/v1/me/tokens")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"persistence\"}")
                .exchange();
        assertThat(minted).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(ApiClient.body(minted)).contains("password sign-in");
        // the token still reads, lists and revokes
        assertThat(mvc.get().uri("/api/v1/me/tokens").header("Authorization", "Bearer " + token))
                .hasStatusOk();
        assertThat(mvc.post()
                        .uri("/api/v1/me/tokens")
                        .with(httpBasic(email, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"by password\"}"))
                .hasStatus(201);
    }

    @Test
    void prometheusScrapesWithAnAdminsTokenNeverAPassword() {
        String admin = user(Role.ADMIN);
        String scrape = tokens.create(admin, "prometheus").value();
        var metrics = mvc.get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + scrape)
                .exchange();
        assertThat(metrics).hasStatusOk();
        assertThat(ApiClient.body(metrics)).contains("jvm_memory_used_bytes");
        String viewerToken = tokens.create(user(Role.VIEWER), "not enough").value();
        assertThat(mvc.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + viewerToken))
                .hasStatus(403);
        assertThat(mvc.get().uri("/actuator/prometheus").header("Authorization", "Bearer npt_unknown"))
                .hasStatus(401);
        assertThat(mvc.get().uri("/actuator/health")).hasStatusOk();
    }

    @Test
    void aTokenRevokedWhileAnotherRequestLooksItUpIsNotCachedAsValid() {
        String email = user(Role.VIEWER);
        NewApiToken created = tokens.create(email, "racing");
        // used once already, so the lookup below writes no last-used time (which would wait for our lock)
        assertThat(tokens.authenticate(created.value())).isPresent();
        transactions.executeWithoutResult(status -> {
            assertThat(tokens.revoke(email, created.token().id())).isTrue();
            // another request, on its own connection, still sees the committed (live) token and caches it
            boolean seen = CompletableFuture.supplyAsync(
                            () -> tokens.authenticate(created.value()).isPresent())
                    .join();
            assertThat(seen)
                    .as("before the commit the token is still live elsewhere")
                    .isTrue();
        });
        assertThat(tokens.authenticate(created.value())).as("after the commit").isEmpty();
    }

    @Test
    void disablingAUserInsideATransactionLeavesNoCachedToken() {
        String email = user(Role.VIEWER);
        NewApiToken created = tokens.create(email, "cached");
        long id = users.findByEmail(email).orElseThrow().id();
        assertThat(tokens.authenticate(created.value())).isPresent();
        users.setEnabled(id, false);
        assertThat(tokens.authenticate(created.value())).isEmpty();
        users.setEnabled(id, true);
        assertThat(tokens.authenticate(created.value()))
                .as("disabling revoked the token for good")
                .isEmpty();
        assertThat(JsonPath.<Object>read(
                        ApiClient.body(mvc.get()
                                .uri("/api/v1/me/tokens")
                                .with(httpBasic(email, PASSWORD))
                                .exchange()),
                        "$[0].revokedAt"))
                .isNotNull();
    }

    private String user(Role role) {
        String email = "token-sec-" + SEQUENCE.incrementAndGet() + "@example.com";
        users.create(email, "Token security", role, PASSWORD);
        return email;
    }
}
