package org.newplos.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 16, finding 2: the throttle's memory is bounded in size and in time. */
class LoginThrottleTests {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle =
            new LoginThrottle(new LoginThrottle.Settings(5, Duration.ofMinutes(15), 50, 10_000), clock);

    @Test
    void distinctNamesFromManyAddressesNeverGrowItPastItsBound() {
        for (int i = 0; i < 100_000; i++) {
            throttle.failed("user-" + i + "@example.com", "10.0." + (i % 200) + "." + (i % 250));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void entriesAreForgottenOnceTheirWindowHasPassed() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("a@example.com", "10.0.0.1");
        }
        assertThat(throttle.isLocked("A@Example.com ", "10.0.0.1")).isTrue();
        assertThat(throttle.isLocked("a@example.com", "10.0.0.2")).isFalse();
        assertThat(throttle.lockedFor("a@example.com", "10.0.0.1")).hasValue(Duration.ofMinutes(15));
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(throttle.isLocked("a@example.com", "10.0.0.1")).isFalse();
        assertThat(throttle.tracked()).isZero();
    }

    @Test
    void aSuccessClearsThePairButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("a@example.com", "10.0.0.1");
        }
        throttle.succeeded("a@example.com", "10.0.0.1");
        throttle.failed("a@example.com", "10.0.0.1");
        assertThat(throttle.isLocked("a@example.com", "10.0.0.1")).isFalse();
        for (int i = 0; i < 45; i++) {
            throttle.failed("other-" + i + "@example.com", "10.0.0.1");
        }
        assertThat(throttle.isLocked("fresh@example.com", "10.0.0.1")).isTrue();
    }
}
