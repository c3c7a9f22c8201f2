package org.newplos.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class AdminUiSecurityTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anonymousBrowserIsSentToTheLoginPage() {
        MvcTestResult result =
                mvc.get().uri("/members").accept(MediaType.TEXT_HTML).exchange();
        assertThat(result).hasStatus(302);
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(mvc.get().uri("/login").exchange())
                .hasStatusOk()
                .bodyText()
                .contains("Sign in", "name=\"_csrf\"", "name=\"username\"", "name=\"password\"");
    }

    @Test
    void anonymousHtmxRequestIsToldToReloadTheLoginPage() {
        MvcTestResult result =
                mvc.get().uri("/members").header("HX-Request", "true").exchange();
        assertThat(result).hasStatus(401).hasHeader("HX-Redirect", "/login");
    }

    @Test
    void signInWithTheFormStoresTheSessionInPostgresql() {
        String email = newUser(Role.STAFF);
        MvcTestResult result = mvc.post()
                .uri("/login")
                .param("username", email)
                .param("password", PASSWORD)
                .with(csrf())
                .exchange();
        assertThat(result).hasStatus(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :email")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void wrongPasswordShowsAnErrorAndRepeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String email = newUser(Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            MvcTestResult failed = login(email, "wrong password " + i);
            assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        }
        MvcTestResult locked = login(email, PASSWORD);
        assertThat(locked.getResponse().getRedirectedUrl()).isEqualTo("/login?locked");
        assertThat(mvc.get().uri("/login?locked").exchange()).bodyText().contains("Too many failed sign-ins");
        // Another account from the same address is not affected.
        assertThat(login(newUser(Role.VIEWER), PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void postsWithoutCsrfTokenAreRejected() {
        assertThat(mvc.post()
                        .uri("/members")
                        .with(user("staff").roles("STAFF"))
                        .param("fullName", "No Token")
                        .param("email", "no-token@example.com")
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/login")
                        .param("username", "x@example.com")
                        .param("password", "x")
                        .exchange())
                .hasStatus(403);
    }

    @Test
    void viewerCannotPostAndStaffCannotManageUsers() {
        assertThat(mvc.post()
                        .uri("/members")
                        .with(user("viewer").roles("VIEWER"))
                        .with(csrf())
                        .param("fullName", "Viewer Made")
                        .param("email", "viewer-made@example.com")
                        .accept(MediaType.TEXT_HTML)
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/members/new")
                        .with(user("viewer").roles("VIEWER"))
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get().uri("/users").with(user("staff").roles("STAFF")).exchange())
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/users")
                        .with(user("staff").roles("STAFF"))
                        .with(csrf())
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/plans")
                        .with(user("staff").roles("STAFF"))
                        .with(csrf())
                        .exchange())
                .hasStatus(403);
    }

    @Test
    void forbiddenAndMissingPagesAreFriendlyHtmlWithTheRequestId() {
        MvcTestResult missing = mvc.get()
                .uri("/no-such-page")
                .with(user("viewer").roles("VIEWER"))
                .accept(MediaType.TEXT_HTML)
                .exchange();
        assertThat(missing).hasStatus(404);
        String requestId = missing.getResponse().getHeader("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(missing).bodyText().contains("Page not found", requestId);
        assertThat(missing.getResponse().getContentType()).startsWith("text/html");
    }

    @Test
    void theApiKeepsProblemJsonForUnknownAddresses() {
        MvcTestResult result = ApiClient.as(mvc, "VIEWER").get("/api/v1/nothing-here");
        assertThat(result).hasStatus(404);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aGivenRequestIdIsKept() {
        MvcTestResult result = mvc.get()
                .uri("/login")
                .header("X-Request-Id", "trace-1234567890")
                .exchange();
        assertThat(result).hasHeader("X-Request-Id", "trace-1234567890");
    }

    private MvcTestResult login(String email, String password) {
        return mvc.post()
                .uri("/login")
                .param("username", email)
                .param("password", password)
                .with(csrf())
                .exchange();
    }

    private String newUser(Role role) {
        String email = "user" + System.nanoTime() + "@example.com";
        users.create(email, "Test User", role, PASSWORD);
        return email;
    }
}
