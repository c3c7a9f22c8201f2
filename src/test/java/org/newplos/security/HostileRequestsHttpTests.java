package org.newplos.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.TestDatabaseInitializer;
import org.newplos.WebSession;
import org.newplos.users.ApiTokens;
import org.newplos.users.Role;
import org.newplos.users.User;
import org.newplos.users.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 16, findings 3, 4 and 5, through the real server (Tomcat decodes paths as an attacker would have
 * it): percent-encoded paths get the same lockout and body limit; a role change, a disabled account and a
 * password reset end the user's sessions; anonymous sessions live minutes, signed-in ones hours.
 */
@Tag("database")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class HostileRequestsHttpTests {

    static final String PASSWORD = "a long enough password";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiTokens tokens;

    @Test
    void aPercentEncodedLoginPathIsLockedOutLikeThePlainOne() throws Exception {
        String email = user(Role.VIEWER);
        WebSession browser = new WebSession(port);
        for (int i = 0; i < 5; i++) {
            browser.login(email, "wrong password " + i);
        }
        String token = WebSession.csrf(browser.get("/login").body());
        HttpResponse<String> encoded = browser.send(HttpRequest.newBuilder(URI.create(browser.url("/%6Cogin")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + email + "&password=" + PASSWORD.replace(' ', '+') + "&_csrf=" + token)));
        assertThat(encoded.statusCode()).isEqualTo(302);
        assertThat(encoded.headers().firstValue("Location").orElse("")).endsWith("/login?locked");
    }

    @Test
    void aPercentEncodedApiPathHasTheBodyLimitToo() throws Exception {
        String email = user(Role.STAFF);
        String huge = "{\"fullName\":\"" + "x".repeat(400 * 1024) + "\"}";
        for (String path : new String[] {"/api/v1/members", "/%61pi/v1/members"}) {
            HttpResponse<String> response = new WebSession(port)
                    .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", basic(email))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(huge)));
            assertThat(response.statusCode()).as(path).isEqualTo(413);
        }
    }

    @Test
    void anonymousSessionsLiveMinutesAndSignedInSessionsHours() throws Exception {
        WebSession browser = new WebSession(port);
        browser.get("/login");
        assertThat(maxInactiveSeconds(browser.sessionId())).isBetween(60, 15 * 60);
        browser.login(user(Role.VIEWER), PASSWORD);
        assertThat(maxInactiveSeconds(browser.sessionId())).isEqualTo(8 * 3600);
    }

    @Test
    void aNewRoleEndsTheUsersSessions() throws Exception {
        String email = user(Role.STAFF);
        WebSession browser = signedIn(email);
        users.changeRole(id(email), Role.VIEWER);
        assertThat(browser.get("/members").statusCode()).as("signed out").isEqualTo(302);
        WebSession again = signedIn(email);
        assertThat(again.get("/members/new").statusCode()).as("now a VIEWER").isEqualTo(403);
    }

    @Test
    void disablingAUserEndsTheirSessions() throws Exception {
        String email = user(Role.STAFF);
        WebSession browser = signedIn(email);
        users.setEnabled(id(email), false);
        assertThat(browser.get("/members").statusCode()).isEqualTo(302);
        assertThat(new WebSession(port).login(email, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?"));
    }

    @Test
    void resettingAPasswordEndsTheUsersSessionsAndRevokesTheirTokens() throws Exception {
        String email = user(Role.STAFF);
        WebSession browser = signedIn(email);
        String token = tokens.create(email, "before the reset").value();
        users.resetPassword(email, Role.STAFF, "another long password", true);
        assertThat(browser.get("/members").statusCode()).isEqualTo(302);
        HttpResponse<String> withToken = new WebSession(port)
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/spaces"))
                        .header("Authorization", "Bearer " + token));
        assertThat(withToken.statusCode()).isEqualTo(401);
    }

    @Test
    void theUsersPageSaysWhatAccountChangesDoToSessionsAndTokens() throws Exception {
        String admin = user(Role.ADMIN);
        String staff = user(Role.STAFF);
        WebSession browser = signedIn(admin);
        String page = browser.get("/users").body();
        assertThat(page).contains("signs the user out everywhere", "revokes all their API tokens");
        HttpResponse<String> changed = browser.postForm(
                "/users/" + id(staff) + "/role", Map.of("role", "VIEWER", "_csrf", WebSession.csrf(page)));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(users.findByEmail(staff).orElseThrow().role()).isEqualTo(Role.VIEWER);
        HttpResponse<String> self = browser.postForm(
                "/users/" + id(admin) + "/enabled", Map.of("enabled", "false", "_csrf", WebSession.csrf(page)));
        assertThat(self.statusCode()).as("an admin cannot disable themselves").isEqualTo(409);
        assertThat(users.findByEmail(admin).map(User::enabled)).hasValue(true);
    }

    private WebSession signedIn(String email) throws Exception {
        WebSession browser = new WebSession(port);
        assertThat(browser.login(email, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error", "locked"));
        assertThat(browser.get("/members").statusCode()).isEqualTo(200);
        return browser;
    }

    /** Of the session a SESSION cookie names (Spring Session writes the id base64-encoded). */
    private int maxInactiveSeconds(String cookie) {
        return jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = :id")
                .param("id", new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8))
                .query(Integer.class)
                .single();
    }

    private long id(String email) {
        return users.findByEmail(email).orElseThrow().id();
    }

    private String user(Role role) {
        String email = "hostile-" + SEQUENCE.incrementAndGet() + "@example.com";
        users.create(email, "Hostile test", role, PASSWORD);
        return email;
    }

    private static String basic(String email) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
