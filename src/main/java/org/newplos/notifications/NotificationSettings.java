package org.newplos.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox is delivered ({@code newplos.notifications.*}; env {@code NEWPLOS_NOTIFICATIONS_*}).
 *
 * @param schedulerEnabled run the dispatcher and the reminder scan in this process (commands and tests turn it off)
 * @param dispatchInterval pause between two dispatcher runs (each run sends everything due, then stops)
 * @param scanInterval pause between two reminder scans (the first runs right after start)
 * @param batchSize messages claimed at once by a dispatcher
 * @param senders messages sent in parallel by one dispatcher
 * @param maxAttempts attempts before a message is dead
 * @param firstRetry wait after the first failed attempt; doubled after each further one
 * @param maxRetryInterval the longest wait between two attempts
 * @param claimTimeout how long a claimed message is left to its dispatcher before another may take it (a
 *     crashed dispatcher's messages come back after this)
 * @param drainBudget the longest one dispatcher run goes on before it lets the next run take over
 */
@ConfigurationProperties("newplos.notifications")
record NotificationSettings(
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("5s") Duration dispatchInterval,
        @DefaultValue("5m") Duration scanInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("4") int senders,
        @DefaultValue("14") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("6h") Duration maxRetryInterval,
        @DefaultValue("2m") Duration claimTimeout,
        @DefaultValue("1m") Duration drainBudget) {

    NotificationSettings {
        if (batchSize < 1 || senders < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "newplos.notifications: batch-size, senders and max-attempts must be at least 1");
        }
        if (dispatchInterval.isNegative()
                || dispatchInterval.isZero()
                || scanInterval.isNegative()
                || scanInterval.isZero()) {
            throw new IllegalArgumentException(
                    "newplos.notifications: dispatch-interval and scan-interval must be positive");
        }
    }

    /** The wait after the given number of failed attempts: first-retry, doubled each time, at most max-retry-interval. */
    Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration wait = firstRetry.multipliedBy(1L << doublings);
        return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
    }
}
