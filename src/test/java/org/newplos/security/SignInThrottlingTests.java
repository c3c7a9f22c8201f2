package org.newplos.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newplos.IntegrationTest;
import org.newplos.common.InvalidInputException;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 16, findings 1, 2 and 9: every password sign-in path (form, HTTP Basic on the API and on actuator)
 * is counted and throttled by account+address and by address; names longer than an email address never
 * reach the user lookup or the throttle's memory, and are never logged raw; passwords bcrypt cannot check
 * are a 4xx, not a 500.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottlingTests {

    static final String PASSWORD = "a long enough password";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Users users;

    @Test
    void guessingPasswordsOverBasicOnTheApiLocksThatAccountForThatAddressOnly() {
        String email = user(Role.VIEWER);
        String attacker = address();
        for (int i = 0; i < 5; i++) {
            assertThat(mvc.get()
                            .uri("/api/v1/plans")
                            .with(httpBasic(email, "wrong password " + i))
                            .with(from(attacker)))
                    .hasStatus(401);
        }
        var locked = mvc.get()
                .uri("/api/v1/plans")
                .with(httpBasic(email, PASSWORD))
                .with(from(attacker))
                .exchange();
        assertThat(locked).hasStatus(429).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(locked.getResponse().getHeader("Retry-After")).isNotBlank();
        // the legitimate user, elsewhere, still gets in
        assertThat(mvc.get()
                        .uri("/api/v1/plans")
                        .with(httpBasic(email, PASSWORD))
                        .with(from(address())))
                .hasStatusOk();
    }

    @Test
    void failuresOverBasicOnActuatorAndOnTheFormCountForTheSameLock() {
        String email = user(Role.ADMIN);
        String attacker = address();
        for (int i = 0; i < 3; i++) {
            assertThat(mvc.get()
                            .uri("/actuator/prometheus")
                            .with(httpBasic(email, "wrong password " + i))
                            .with(from(attacker)))
                    .hasStatus(401);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(mvc.post()
                            .uri("/login")
                            .param("username", email)
                            .param("password", "wrong password " + i)
                            .with(csrf())
                            .with(from(attacker)))
                    .hasRedirectedUrl("/login?error");
        }
        assertThat(mvc.post()
                        .uri("/login")
                        .param("username", email)
                        .param("password", PASSWORD)
                        .with(csrf())
                        .with(from(attacker)))
                .hasRedirectedUrl("/login?locked");
        assertThat(mvc.get()
                        .uri("/actuator/prometheus")
                        .with(httpBasic(email, PASSWORD))
                        .with(from(attacker)))
                .hasStatus(429);
    }

    @Test
    void oneAddressGuessingAcrossManyAccountsIsLockedForAllOfThem() {
        String attacker = address();
        for (int i = 0; i < 50; i++) {
            mvc.get()
                    .uri("/api/v1/plans")
                    .with(httpBasic("nobody-" + i + "@example.com", "wrong password"))
                    .with(from(attacker))
                    .exchange();
        }
        assertThat(mvc.get()
                        .uri("/api/v1/plans")
                        .with(httpBasic(user(Role.VIEWER), PASSWORD))
                        .with(from(attacker)))
                .hasStatus(429);
    }

    @Test
    void namesLongerThanAnyEmailAddressAreRefusedWithoutALookup() {
        // 255 characters: no email address is that long, so the users table is not even asked
        String email = "x".repeat(243) + "@example.com";
        users.create(email, "Long name", Role.VIEWER, PASSWORD);
        assertThat(mvc.get()
                        .uri("/api/v1/plans")
                        .with(httpBasic(email, PASSWORD))
                        .with(from(address())))
                .hasStatus(401);
        assertThat(mvc.post()
                        .uri("/login")
                        .param("username", email)
                        .param("password", PASSWORD)
                        .with(csrf())
                        .with(from(address())))
                .hasRedirectedUrl("/login?error");
    }

    @Test
    void failedSignInsNeverLogTheRawName(CapturedOutput output) {
        String forged = "someone@example.com\nINFO forged log line " + SEQUENCE.incrementAndGet();
        String typedPassword = "my-secret-password-typed-in-the-wrong-field-" + SEQUENCE.incrementAndGet();
        for (String name : new String[] {forged, typedPassword}) {
            assertThat(mvc.post()
                            .uri("/login")
                            .param("username", name)
                            .param("password", "whatever it is")
                            .with(csrf())
                            .with(from(address())))
                    .hasRedirectedUrl("/login?error");
        }
        assertThat(output.getAll()).contains("Sign-in failed").doesNotContain(forged, typedPassword);
    }

    @Test
    void passwordsLongerThan72BytesAre4xxNeverA500() {
        String tooLong = "ä".repeat(37); // 37 characters, 74 bytes in UTF-8
        String email = "long-password-" + SEQUENCE.incrementAndGet() + "@example.com";
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> users.create(email, "Long password", Role.VIEWER, tooLong))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("72 bytes");
        assertThat(
                        mvc.post()
                                .uri("/users")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("admin")
                                        .roles("ADMIN"))
                                .with(csrf())
                                .param("email", email)
                                .param("displayName", "Long password")
                                .param("role", "VIEWER")
                                .param("password", tooLong))
                .hasStatus(422);
        String existing = user(Role.VIEWER);
        assertThat(mvc.get()
                        .uri("/api/v1/plans")
                        .with(httpBasic(existing, "y".repeat(100)))
                        .with(from(address())))
                .hasStatus(401);
        assertThat(mvc.post()
                        .uri("/login")
                        .param("username", existing)
                        .param("password", "y".repeat(100))
                        .with(csrf())
                        .with(from(address())))
                .hasRedirectedUrl("/login?error");
    }

    private String user(Role role) {
        String email = "throttle-" + SEQUENCE.incrementAndGet() + "@example.com";
        users.create(email, "Throttle test", role, PASSWORD);
        return email;
    }

    /** A fresh client address for each scenario, so scenarios do not lock each other out. */
    private static String address() {
        long n = SEQUENCE.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
