package org.newplos.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Personal API tokens: Bearer authentication with the user's role, revocation, hashing, last use. */
@IntegrationTest
class ApiTokenTests {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final String PASSWORD = "a long enough password";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenAuthenticatesApiRequestsWithTheUsersRole() {
        String token = tokens.create(user(Role.STAFF), "integration").value();
        assertThat(token).startsWith("npt_").hasSizeGreaterThan(40);
        assertThat(get("/api/v1/spaces", "Bearer " + token)).hasStatus(200);
        assertThat(post("/api/v1/spaces", "Bearer " + token, """
                        {"code": "TOK-%d", "name": "Desk", "type": "DESK", "monthlyRate": 10}""".formatted(SEQUENCE.incrementAndGet())))
                .hasStatus(201);
    }

    @Test
    void aWrongOrMalformedTokenIs401InProblemJson() {
        tokens.create(user(Role.STAFF), "integration");
        for (String header : new String[] {"Bearer npt_wrong", "Bearer ", "Bearer nonsense", "bearer npt_x"}) {
            MvcTestResult result = get("/api/v1/spaces", header);
            assertThat(result).as(header).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aRevokedTokenIs401() {
        String email = user(Role.STAFF);
        NewApiToken created = tokens.create(email, "door system");
        assertThat(get("/api/v1/spaces", "Bearer " + created.value())).hasStatus(200);
        assertThat(tokens.revoke(email, created.token().id())).isTrue();
        assertThat(get("/api/v1/spaces", "Bearer " + created.value())).hasStatus(401);
        assertThat(tokens.list(email).get(0).revokedAt()).isNotNull();
    }

    @Test
    void aViewersTokenReadsButCannotWrite() {
        String token = tokens.create(user(Role.VIEWER), "reports").value();
        assertThat(get("/api/v1/spaces", "Bearer " + token)).hasStatus(200);
        assertThat(post("/api/v1/spaces", "Bearer " + token, """
                        {"code": "TOK-V%d", "name": "Desk", "type": "DESK", "monthlyRate": 10}""".formatted(SEQUENCE.incrementAndGet())))
                .hasStatus(403);
    }

    @Test
    void aDisabledUsersTokenIs401() {
        String email = user(Role.STAFF);
        String token = tokens.create(email, "integration").value();
        jdbc.sql("UPDATE users SET enabled = false WHERE email = :email")
                .param("email", email)
                .update();
        assertThat(get("/api/v1/spaces", "Bearer " + token)).hasStatus(401);
    }

    @Test
    void aVerifiedTokenIsNotLookedUpAgainForAFewSeconds() {
        NewApiToken created = tokens.create(user(Role.STAFF), "cached");
        assertThat(get("/api/v1/spaces", "Bearer " + created.value())).hasStatus(200);
        jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE id = :id")
                .param("id", created.token().id())
                .update(); // behind this instance's back, as another instance would
        assertThat(get("/api/v1/spaces", "Bearer " + created.value()))
                .as("still verified from the cache")
                .hasStatus(200);
        tokens.forgetVerified();
        assertThat(get("/api/v1/spaces", "Bearer " + created.value())).hasStatus(401);
    }

    @Test
    void aRoleChangedHereTakesEffectAtOnceForTokensInUse() {
        String email = user(Role.STAFF);
        String token = tokens.create(email, "integration").value();
        String space = """
                {"code": "TOK-R%d", "name": "Desk", "type": "DESK", "monthlyRate": 10}""";
        assertThat(post("/api/v1/spaces", "Bearer " + token, space.formatted(SEQUENCE.incrementAndGet())))
                .hasStatus(201);
        users.resetPassword(email, Role.VIEWER, PASSWORD);
        assertThat(post("/api/v1/spaces", "Bearer " + token, space.formatted(SEQUENCE.incrementAndGet())))
                .hasStatus(403);
    }

    @Test
    void onlyTheSha256HashIsStoredNeverTheToken() {
        String token = tokens.create(user(Role.STAFF), "hashing").value();
        String stored = jdbc.sql("SELECT token_sha256 FROM api_tokens WHERE token_sha256 = :hash")
                .param("hash", ApiTokens.sha256(token))
                .query(String.class)
                .single();
        assertThat(stored).hasSize(64).doesNotContain(token.substring(4));
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens t WHERE row_to_json(t)::text LIKE :token")
                        .param("token", "%" + token.substring(4, 20) + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void lastUseIsKeptButWrittenAtMostOncePerMinute() {
        NewApiToken created = tokens.create(user(Role.STAFF), "last use");
        assertThat(lastUsed(created)).isNull();
        get("/api/v1/spaces", "Bearer " + created.value());
        Instant first = lastUsed(created);
        assertThat(first).isNotNull();
        get("/api/v1/spaces", "Bearer " + created.value());
        assertThat(lastUsed(created)).as("not rewritten within the minute").isEqualTo(first);
        jdbc.sql("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = :id")
                .param("id", created.token().id())
                .update();
        tokens.forgetVerified(); // as if the few seconds of the verified-token cache had passed
        get("/api/v1/spaces", "Bearer " + created.value());
        assertThat(lastUsed(created)).isAfter(first.minusSeconds(1));
    }

    @Test
    void theSignedInUserCreatesListsAndRevokesTokensOverTheApi() {
        String email = user(Role.VIEWER);
        MvcTestResult created = mvc.post()
                .uri("/api/v1/me/tokens")
                .with(httpBasic(email, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"laptop\"}")
                .exchange();
        assertThat(created).hasStatus(201);
        String body = ApiClient.body(created);
        String token = JsonPath.read(body, "$.value");
        long id = JsonPath.<Number>read(body, "$.token.id").longValue();
        assertThat(get("/api/v1/me/tokens", "Bearer " + token))
                .hasStatus(200)
                .bodyJson()
                .extractingPath("$[0].name")
                .isEqualTo("laptop");
        assertThat(ApiClient.body(get("/api/v1/me/tokens", "Bearer " + token))).doesNotContain(token);
        assertThat(mvc.delete()
                        .uri("/api/v1/me/tokens/" + id)
                        .with(httpBasic(email, PASSWORD))
                        .exchange())
                .hasStatus(204);
        assertThat(get("/api/v1/spaces", "Bearer " + token)).hasStatus(401);
        assertThat(mvc.delete()
                        .uri("/api/v1/me/tokens/999999")
                        .with(httpBasic(email, PASSWORD))
                        .exchange())
                .hasStatus(404);
        assertThat(mvc.post()
                        .uri("/api/v1/me/tokens")
                        .with(httpBasic(email, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \" \"}")
                        .exchange())
                .hasStatus(400);
    }

    @Test
    void httpBasicStillWorks() {
        assertThat(mvc.get()
                        .uri("/api/v1/spaces")
                        .with(httpBasic(user(Role.VIEWER), PASSWORD))
                        .exchange())
                .hasStatus(200);
    }

    private Instant lastUsed(NewApiToken created) {
        return jdbc.sql("SELECT last_used_at FROM api_tokens WHERE id = :id")
                .param("id", created.token().id())
                .query((rs, n) ->
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional()
                .orElse(null);
    }

    private String user(Role role) {
        String email = "token-" + SEQUENCE.incrementAndGet() + "@example.com";
        users.create(email, "Token user", role, PASSWORD);
        return email;
    }

    private MvcTestResult get(String uri, String authorization) {
        return mvc.get().uri(uri).header("Authorization", authorization).exchange();
    }

    private MvcTestResult post(String uri, String authorization, String json) {
        return mvc.post()
                .uri(uri)
                .header("Authorization", authorization)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }
}
