package org.newplos.notifications;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint just made (or given a new secret), with its secret: the only answer that ever shows it. The
 * receiver needs it to verify signatures; store it in the receiver's configuration at once.
 */
record NewWebhookEndpoint(
        long id,
        String url,
        String description,
        List<String> eventTypes,
        boolean enabled,
        String secret,
        String secretHint,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    static NewWebhookEndpoint of(WebhookEndpoint e, String secret) {
        return new NewWebhookEndpoint(
                e.id(),
                e.url(),
                e.description(),
                e.eventTypes(),
                e.enabled(),
                secret,
                e.secretHint(),
                e.createdBy(),
                e.createdAt(),
                e.updatedAt());
    }
}
