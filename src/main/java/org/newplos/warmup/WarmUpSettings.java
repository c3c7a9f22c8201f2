package org.newplos.warmup;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a new server warms up ({@code newplos.warmup.*}; env {@code NEWPLOS_WARMUP_*}).
 *
 * @param duration how long it exercises its read API before it reports ready; {@code 0s} turns warm-up off.
 *     Unset: 10 s with an external database (a deployed server), off with the embedded one (a local run).
 * @param clients how many requests it keeps in flight (at least 1)
 */
@ConfigurationProperties("newplos.warmup")
record WarmUpSettings(
        @Nullable Duration duration, @DefaultValue("4") int clients) {

    static final Duration DEPLOYED = Duration.ofSeconds(10);
    static final Duration LONGEST = Duration.ofMinutes(2);

    WarmUpSettings {
        if (duration != null && (duration.isNegative() || duration.compareTo(LONGEST) > 0)) {
            throw new IllegalArgumentException(
                    "newplos.warmup.duration must be between 0s (off) and " + LONGEST.toSeconds() + "s");
        }
        if (clients < 1 || clients > 16) {
            throw new IllegalArgumentException("newplos.warmup.clients must be between 1 and 16");
        }
    }

    /** The warm-up's length for this server: the setting, or by default 10 s unless the database is embedded. */
    Duration effectiveDuration(boolean embeddedDatabase) {
        if (duration != null) {
            return duration;
        }
        return embeddedDatabase ? Duration.ZERO : DEPLOYED;
    }
}
