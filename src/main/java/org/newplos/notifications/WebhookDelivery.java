package org.newplos.notifications;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One message to a webhook endpoint, as the delivery log shows it: where it is in its life, how many attempts
 * it took (also those before it was sent again), what the endpoint last answered, and when it is tried next.
 */
record WebhookDelivery(
        long id,
        String webhookId,
        long endpointId,
        String eventType,
        Message.Status status,
        int attempts,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant sentAt,
        Instant createdAt) {

    static WebhookDelivery of(Message message, Messages.@Nullable LastAttempt last) {
        Messages.Attempt attempt = last == null ? null : last.attempt();
        String error = message.lastError();
        if (error == null && attempt != null && attempt.outcome() != Delivery.Outcome.SENT) {
            error = attempt.detail();
        }
        return new WebhookDelivery(
                message.id(),
                message.webhookId(),
                message.endpointId() == null ? 0 : message.endpointId(),
                message.eventType(),
                message.status(),
                last == null ? 0 : last.tries(),
                attempt == null ? null : attempt.statusCode(),
                message.status() == Message.Status.SENT ? null : error,
                message.status() == Message.Status.PENDING ? message.dueAt() : null,
                attempt == null ? null : attempt.attemptedAt(),
                message.sentAt(),
                message.createdAt());
    }

    /** Whether "send again" applies: the message is finished (sent, dead, skipped or cancelled); public for the templates. */
    public boolean canSendAgain() {
        return status != Message.Status.PENDING;
    }

    /** A delivery with what was sent (the body's data) and every attempt, oldest first. */
    record Detail(WebhookDelivery delivery, JsonNode payload, String body, List<Messages.Attempt> attempts) {}
}
