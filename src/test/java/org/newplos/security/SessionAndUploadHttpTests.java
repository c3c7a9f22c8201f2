package org.newplos.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newplos.TestDatabaseInitializer;
import org.newplos.WebSession;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** Sign-in and uploads through the real servlet container (Tomcat), as a browser does them. */
@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class SessionAndUploadHttpTests {

    static final String PASSWORD = "a long enough password";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signingInChangesTheSessionIdAndKeepsTheSessionInPostgresql() throws Exception {
        String email = newUser(Role.STAFF);
        WebSession browser = new WebSession(port);
        browser.get("/login");
        String before = browser.sessionId();
        assertThat(before).as("a session holds the login form's CSRF token").isNotNull();

        HttpResponse<String> login = browser.login(email, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        String after = browser.sessionId();
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :email")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        assertThat(browser.get("/members").statusCode()).isEqualTo(200);

        HttpResponse<String> logout = browser.postForm(
                "/logout",
                java.util.Map.of(
                        "_csrf", WebSession.csrf(browser.get("/members").body())));
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(browser.get("/members").statusCode()).isEqualTo(302);
    }

    @Test
    void anUploadOverTenMegabytesGetsAClearMessage() throws Exception {
        String email = newUser(Role.STAFF);
        WebSession browser = new WebSession(port);
        browser.login(email, PASSWORD);
        String token = WebSession.csrf(browser.get("/members/import").body());

        byte[] big = new byte[11 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        String boundary = "----newplos" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response =
                browser.send(HttpRequest.newBuilder(java.net.URI.create(browser.url("/members/import")))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("X-CSRF-TOKEN", token)
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(head, big, tail))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 10 MB", "Request id");
    }

    @Test
    void aForbiddenPageIsFriendlyAndItsRequestIdIsInTheLog(CapturedOutput output) throws Exception {
        String email = newUser(Role.VIEWER);
        WebSession browser = new WebSession(port);
        HttpResponse<String> failed = browser.login(email, "not the password");
        String failedId = failed.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(output.getAll()).containsPattern("\\[" + failedId + "\\].*Sign-in failed for " + email);

        browser.login(email, PASSWORD);
        HttpResponse<String> forbidden = browser.get("/users");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        String id = forbidden.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(forbidden.body()).contains("Not allowed", "VIEWER reads only", id);
    }

    private String newUser(Role role) {
        String email = "http" + System.nanoTime() + "@example.com";
        users.create(email, "HTTP Test", role, PASSWORD);
        return email;
    }
}
