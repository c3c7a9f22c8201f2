package org.newplos.notifications;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One outbox row: a message to one email address or one webhook endpoint. {@code payload} is the event's
 * data as JSON (the webhook body's {@code data}, the email template's model); {@code attempt} counts the
 * attempts including the one under way.
 */
record Message(
        long id,
        Channel.Kind channel,
        String eventType,
        String dedupKey,
        @Nullable Long endpointId,
        @Nullable String recipient,
        @Nullable Long locationId,
        @Nullable Long memberId,
        String subjectType,
        long subjectId,
        @Nullable Integer thresholdDays,
        String payload,
        Status status,
        int attempt,
        Instant dueAt,
        @Nullable String claimedBy,
        @Nullable String lastError,
        @Nullable Instant sentAt,
        @Nullable String traceparent,
        Instant createdAt) {

    /** Where a message is in its life (see V7__notifications.sql). */
    enum Status {
        PENDING,
        SENT,
        DEAD,
        SKIPPED,
        KEPT,
        CANCELLED
    }

    /** The webhook message id: the same on every attempt, so receivers can drop repeats. */
    String webhookId() {
        return "msg_" + id;
    }
}
