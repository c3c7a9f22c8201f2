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

    /** What the link of a secret message is replaced with for staff, and in the outbox once it is sent. */
    static final String MASKED_LINK = "(sign-in link hidden: only the member sees it)";

    /**
     * The message as staff may read it: a secret type's link (a sign-in link would let a reader sign in as the
     * member) replaced by {@link #MASKED_LINK}.
     */
    Message forStaff() {
        if (EventType.of(eventType).filter(EventType::secret).isEmpty()) {
            return this;
        }
        tools.jackson.databind.node.ObjectNode data =
                (tools.jackson.databind.node.ObjectNode) DomainEvents.JSON.readTree(payload);
        if (data.has("link")) {
            data.put("link", MASKED_LINK);
        }
        return new Message(
                id,
                channel,
                eventType,
                dedupKey,
                endpointId,
                recipient,
                locationId,
                memberId,
                subjectType,
                subjectId,
                thresholdDays,
                DomainEvents.JSON.writeValueAsString(data),
                status,
                attempt,
                dueAt,
                claimedBy,
                lastError,
                sentAt,
                traceparent,
                createdAt);
    }

    /** The webhook message id: the same on every attempt, so receivers can drop repeats. */
    String webhookId() {
        return "msg_" + id;
    }
}
