package org.newplos.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** What callers see when something is wrong: always problem+json, never a 500 for bad input. */
@IntegrationTest
class ApiErrorTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void malformedAndTruncatedJsonIs400() {
        var result = ApiClient.as(mvc, "STAFF").post("/api/v1/members", "{\"fullName\": \"Ada\", ");
        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Malformed request body");
        assertThat(ApiClient.as(mvc, "STAFF").post("/api/v1/members", "")).hasStatus(400);
        assertThat(ApiClient.as(mvc, "STAFF").post("/api/v1/members", "[1,2]")).hasStatus(400);
    }

    @Test
    void aMalformedFormBodyOnPutIsA4xxNotA500() {
        // Found by BadInputPropertyTests: Spring's FormContentFilter parsed PUT form bodies before any
        // handler could answer, and a lone "%" failed there as a 500. The API reads JSON only.
        var result = mvc.put()
                .uri("/api/v1/plans/1")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                                "admin@example.com")
                        .roles("ADMIN"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("%")
                .exchange();
        assertThat(result.getResponse().getStatus()).isBetween(400, 499);
    }

    @Test
    void unknownFieldsAreNamedSoTyposDoNotGoUnnoticed() {
        var result = ApiClient.as(mvc, "STAFF").post("/api/v1/spaces", """
                {"code": "T-1", "name": "Desk", "type": "DESK", "montlyRate": 10}""");
        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("montlyRate");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[0].message")
                .asString()
                .contains("monthlyRate");
    }

    @Test
    void wrongTypesAndOverflowingNumbersAre400() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        assertThat(staff.post("/api/v1/spaces", """
                        {"code": "T-2", "name": "Desk", "type": "DESK", "monthlyRate": "ten"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("monthlyRate");
        assertThat(staff.post("/api/v1/spaces", """
                        {"code": "T-3", "name": "Desk", "type": "DESK", "monthlyRate": 1e400}""")).hasStatus(400);
        assertThat(staff.post("/api/v1/spaces", """
                        {"code": "T-4", "name": "Desk", "type": "DESK", "capacity": 99999999999, "monthlyRate": 1}""")).hasStatus(400);
        assertThat(staff.get("/api/v1/leases/abc")).hasStatus(400);
    }

    @Test
    void textTheDatabaseCannotStoreIs400NotA500() {
        assertThat(ApiClient.as(mvc, "STAFF").post("/api/v1/spaces", """
                        {"code": "NUL-%d", "name": "Desk\\u0000", "type": "DESK", "monthlyRate": 1}""".formatted(System.nanoTime())))
                .hasStatus(400);
    }

    @Test
    void oversizeBodiesAre413() {
        String huge = "{\"notes\": \"" + "x".repeat(300 * 1024) + "\"}";
        assertThat(ApiClient.as(mvc, "STAFF").post("/api/v1/members", huge))
                .hasStatus(413)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unsupportedMethodsAndMediaTypesAreClientErrors() {
        assertThat(
                        mvc.patch()
                                .uri("/api/v1/members/1")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("s")
                                        .roles("STAFF"))
                                .exchange())
                .hasStatus(405);
        assertThat(
                        mvc.post()
                                .uri("/api/v1/members")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("s")
                                        .roles("STAFF"))
                                .contentType(MediaType.TEXT_PLAIN)
                                .content("hello")
                                .exchange())
                .hasStatus(415);
    }

    @Test
    void anonymousCallersGet401ProblemWithABasicChallenge() {
        var result = mvc.get().uri("/api/v1/members").exchange();
        assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).hasHeader("WWW-Authenticate", "Basic realm=\"newplos\"");
    }

    @Test
    void httpBasicChecksTheUsersTableAndItsRoles() {
        String email = "viewer" + System.nanoTime() + "@example.com";
        users.create(email, "Viewer", Role.VIEWER, "correct horse battery");
        assertThat(mvc.get().uri("/api/v1/plans").with(httpBasic(email, "correct horse battery")))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/plans").with(httpBasic(email.toUpperCase(), "correct horse battery")))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/plans").with(httpBasic(email, "wrong password!!")))
                .hasStatus(401);
        assertThat(mvc.post()
                        .uri("/api/v1/spaces")
                        .with(httpBasic(email, "correct horse battery"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String email = "hash" + System.nanoTime() + "@example.com";
        users.create(email, "Hash", Role.STAFF, "a long enough password");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("a long enough password");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        assertThat(mvc.get().uri("/v3/api-docs"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.paths")
                .asMap()
                .containsKeys("/api/v1/leases", "/api/v1/spaces/available", "/api/v1/reports/mrr");
    }
}
