package org.newplos.notifications;

import java.time.Instant;
import java.util.List;

/**
 * A place webhooks go, as admins see it: never its secret, only the secret's last characters to tell two
 * apart. Public only because the audit log reads its fields (which, for the same reason, never hold the secret).
 */
record WebhookEndpoint(
        long id,
        String url,
        String description,
        List<String> eventTypes,
        boolean enabled,
        String secretHint,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /** "whsec_…" and the secret's last four characters. */
    static String hint(String secret) {
        return "whsec_…" + secret.substring(Math.max(0, secret.length() - 4));
    }
}
