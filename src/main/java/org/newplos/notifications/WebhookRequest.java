package org.newplos.notifications;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint as an admin enters it (API body and form). {@code enabled} left out: true for a new endpoint,
 * unchanged for an existing one. The URL's destination and the event types are checked by {@link Webhooks}.
 */
record WebhookRequest(
        @NotBlank @Size(max = WebhookAddresses.MAX_URL_LENGTH) @Schema(example = "https://hooks.example.com/newplos")
        String url,

        @Nullable @Size(max = 500) @Schema(example = "Door access system")
        String description,

        @NotEmpty(message = "must name at least one event type")
        @Size(max = 50)
        @Schema(example = "[\"lease.booked\", \"lease.ended\"]")
        List<String> eventTypes,

        @Nullable @Schema(example = "true") Boolean enabled) {

    String descriptionOrEmpty() {
        return description == null ? "" : description.strip();
    }

    /** The same endpoint, enabled or not (a form's unchecked box sends nothing). */
    WebhookRequest withEnabled(boolean on) {
        return new WebhookRequest(url, description, eventTypes, on);
    }

    static WebhookRequest of(WebhookEndpoint endpoint) {
        return new WebhookRequest(endpoint.url(), endpoint.description(), endpoint.eventTypes(), endpoint.enabled());
    }
}
