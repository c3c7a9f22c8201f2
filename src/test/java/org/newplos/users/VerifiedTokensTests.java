package org.newplos.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The verified-token cache: entries live for the ttl, are forgotten on demand, and a zero ttl caches nothing. */
class VerifiedTokensTests {

    static final TokenOwner OWNER = new TokenOwner("a@example.com", Role.STAFF);

    final MovableClock clock = new MovableClock();

    @Test
    void anEntryLivesForTheTtlOnly() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(10), clock);
        tokens.put("h1", 1, OWNER);
        clock.advance(Duration.ofSeconds(10));
        assertThat(tokens.get("h1")).isEqualTo(OWNER);
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.get("h1")).isNull();
    }

    @Test
    void forgettingATokenOrEverything() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(10), clock);
        tokens.put("h1", 1, OWNER);
        tokens.put("h2", 2, OWNER);
        tokens.forgetToken(1);
        assertThat(tokens.get("h1")).isNull();
        assertThat(tokens.get("h2")).isEqualTo(OWNER);
        tokens.forgetAll();
        assertThat(tokens.get("h2")).isNull();
    }

    @Test
    void aZeroTtlCachesNothing() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ZERO, clock);
        tokens.put("h1", 1, OWNER);
        assertThat(tokens.get("h1")).isNull();
    }

    @Test
    void staysBounded() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(10), clock);
        for (int i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) {
            tokens.put("h" + i, i, OWNER);
        }
        assertThat(tokens.get("h0")).isNull();
        assertThat(tokens.get("h" + VerifiedTokens.MAX_ENTRIES)).isEqualTo(OWNER);
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
