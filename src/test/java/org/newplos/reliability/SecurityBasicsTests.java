package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.newplos.WebSession;
import org.newplos.users.Role;
import org.newplos.users.Users;

/**
 * Security basics through the real server: headers on both chains, the session cookie's flags behind a TLS
 * proxy, password hashing, login throttling, Tomcat- and firewall-level rejections as problem+json, and
 * finally that no password, DSN secret or API token was ever written to the log.
 */
@Tag("reliability")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityBasicsTests {

    private final LiveServer server = LiveServer.get();
    private static String apiToken;

    @Test
    @Order(1)
    void apiAndUiResponsesCarrySecurityHeaders() {
        for (String path : List.of("/api/v1/spaces", "/login", "/", "/api/v1/nothing-here")) {
            HttpResponse<String> response = server.send(server.request(path)
                    .header("Authorization", LiveServer.basic(LiveServer.VIEWER))
                    .GET()
                    .build());
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'", "default-src"));
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
        }
    }

    @Test
    @Order(2)
    void sessionCookieIsHttpOnlySameSiteAndSecureBehindTls() throws Exception {
        WebSession browser = new WebSession(java.net.URI.create(server.base).getPort());
        String token = WebSession.csrf(browser.get("/login").body());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(java.net.URI.create(browser.url("/login")))
                .header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + LiveServer.STAFF + "&password=" + LiveServer.PASSWORD + "&_csrf=" + token)));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie at sign-in: " + login.headers()));
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure");
        assertThat(cookie).containsIgnoringCase("SameSite=Lax");

        // plain http (no proxy header): HttpOnly and SameSite still, Secure not (it would break local use)
        WebSession plain = new WebSession(java.net.URI.create(server.base).getPort());
        HttpResponse<String> plainLogin = plain.login(LiveServer.STAFF, LiveServer.PASSWORD);
        String plainCookie = plainLogin.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(plainCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    @Order(3)
    void passwordsAreStoredAsBcryptWithCostTenOrMore() {
        String email = "hash-check-" + System.nanoTime() + "@example.com";
        server.context.getBean(Users.class).create(email, "Hash check", Role.VIEWER, LiveServer.PASSWORD);
        String hash;
        try (var c = server.connect();
                var s = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
            s.setString(1, email);
            var rs = s.executeQuery();
            rs.next();
            hash = rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Matcher m = Pattern.compile("^\\{bcrypt}\\$2[aby]\\$(\\d\\d)\\$.{53}$").matcher(hash);
        assertThat(m.matches())
                .as("bcrypt hash with {bcrypt} prefix: %s", hash.substring(0, 12))
                .isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(10);
        assertThat(hash).doesNotContain(LiveServer.PASSWORD);
    }

    @Test
    @Order(4)
    void repeatedFailedSignInsLockTheAccountEvenForTheRightPassword() throws Exception {
        String email = "throttle-" + System.nanoTime() + "@example.com";
        server.context.getBean(Users.class).create(email, "Throttle", Role.VIEWER, LiveServer.PASSWORD);
        WebSession browser = new WebSession(java.net.URI.create(server.base).getPort());
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> attempt = browser.login(email, "wrong-password-" + i);
            if (attempt.headers().firstValue("Location").orElse("").contains("/login?")) {
                refused++;
            }
        }
        HttpResponse<String> right = browser.login(email, LiveServer.PASSWORD);
        Figures.record(
                "login throttling",
                "failedAttempts",
                6,
                "refused",
                refused,
                "rightPasswordAfterLock",
                right.headers().firstValue("Location").orElse("?"));
        assertThat(refused).isEqualTo(6);
        assertThat(right.headers().firstValue("Location").orElse("")).contains("/login?locked");
    }

    @Test
    @Order(5)
    void requestsTomcatOrTheFirewallRefuseStillGetProblemJson() {
        for (String path : List.of("/api/v1/plans/%00", "/api/v1/plans/1;x=1", "/api/v1/plans/..%2F..%2Fetc")) {
            HttpResponse<String> response = server.send(server.request(path)
                    .header("Authorization", LiveServer.basic(LiveServer.VIEWER))
                    .GET()
                    .build());
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .startsWith("application/problem+json");
            assertThat(response.body()).as(path).doesNotContainIgnoringCase("tomcat");
        }
    }

    @Test
    @Order(6)
    void apiTokensWork() {
        HttpResponse<String> created = server.json("POST", "/api/v1/me/tokens", LiveServer.STAFF, "{\"name\":\"rel\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher m = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertThat(m.find()).isTrue();
        apiToken = m.group(1);
        HttpResponse<String> listed = server.send(server.request("/api/v1/spaces")
                .header("Authorization", "Bearer " + apiToken)
                .GET()
                .build());
        assertThat(listed.statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = server.send(server.request("/api/v1/spaces")
                .header("Authorization", "Bearer " + apiToken + "x")
                .GET()
                .build());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(7)
    void noPasswordDsnSecretOrTokenIsEverLogged() {
        // a failed sign-in with a password, and a bad DSN-looking value in a request, must not be echoed
        server.json("GET", "/api/v1/spaces", null, null);
        server.send(server.request("/api/v1/spaces")
                .header("Authorization", LiveServer.basic("nobody@example.com"))
                .GET()
                .build());
        List<String> lines = List.copyOf(server.logLines);
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        secrets.put("user password", LiveServer.PASSWORD);
        secrets.put("database password", LiveServer.DB_PASSWORD);
        if (apiToken != null) {
            secrets.put("API token", apiToken);
        }
        int hits = 0;
        for (String line : lines) {
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                if (line.contains(secret.getValue())) {
                    hits++;
                    System.out.println("SECRET IN LOG (" + secret.getKey() + "): " + line);
                }
            }
        }
        Figures.record(
                "secrets in logs", "logLinesScanned", lines.size(), "secretsLooked", secrets.size(), "hits", hits);
        assertThat(lines).as("the capture works").isNotEmpty();
        assertThat(hits).isZero();
    }
}
