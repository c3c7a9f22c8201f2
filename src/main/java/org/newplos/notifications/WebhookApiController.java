package org.newplos.notifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Webhooks",
        description = "Signed webhooks (Standard Webhooks) to other systems: endpoints, their delivery log, test"
                + " pings and sending again. ADMIN only, reading too: URLs and payloads are sensitive.")
@RestController
class WebhookApiController {

    private static final String ENDPOINT_EXAMPLE = """
            {"url": "https://hooks.example.com/newplos", "description": "Door access system",
             "eventTypes": ["lease.booked", "lease.ended", "lease.cancelled"], "enabled": true}""";

    private final Webhooks webhooks;

    WebhookApiController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "List webhook endpoints",
            description = "Every endpoint not deleted, oldest first; secrets are never shown, only their last four"
                    + " characters (secretHint).")
    @GetMapping("/api/v1/webhook-endpoints")
    List<WebhookEndpoint> list() {
        return webhooks.all();
    }

    @Operation(
            summary = "Register a webhook endpoint",
            description = "An absolute http(s) URL (no user:password, at most 2000 characters) whose host resolves"
                    + " only to public addresses unless the operator sets newplos.webhooks.allow-private-addresses;"
                    + " one or more event types from GET /api/v1/webhook-event-types. The answer (201, Location)"
                    + " holds the signing secret (whsec_…): the only time it is shown.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject(name = "endpoint", value = ENDPOINT_EXAMPLE))))
    @PostMapping("/api/v1/webhook-endpoints")
    ResponseEntity<NewWebhookEndpoint> create(@Valid @RequestBody WebhookRequest request) {
        NewWebhookEndpoint created = webhooks.create(request);
        return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Get a webhook endpoint", description = "Without its secret (only secretHint).")
    @GetMapping("/api/v1/webhook-endpoints/{id}")
    WebhookEndpoint get(@PathVariable long id) {
        return webhooks.get(id);
    }

    @Operation(
            summary = "Change a webhook endpoint",
            description = "URL, description, event types and enabled (left out: unchanged), checked as when"
                    + " registering. Disabling cancels the deliveries still pending to it; the secret is unchanged.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject(name = "endpoint", value = ENDPOINT_EXAMPLE))))
    @PutMapping("/api/v1/webhook-endpoints/{id}")
    WebhookEndpoint update(@PathVariable long id, @Valid @RequestBody WebhookRequest request) {
        return webhooks.update(id, request);
    }

    @Operation(
            summary = "Delete a webhook endpoint",
            description = "It gets nothing more: deliveries still pending are cancelled. Its delivery log is kept"
                    + " (GET /api/v1/webhook-deliveries/{id}). 204.")
    @DeleteMapping("/api/v1/webhook-endpoints/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Give a webhook endpoint a new secret",
            description = "Answers the endpoint with its new secret, shown this once; every delivery from now on,"
                    + " also a retry of an older one, is signed with it.")
    @PostMapping("/api/v1/webhook-endpoints/{id}/secret")
    NewWebhookEndpoint rotateSecret(@PathVariable long id) {
        return webhooks.rotateSecret(id);
    }

    @Operation(
            summary = "Send a test ping",
            description = "Sends a webhook.ping to this endpoint only, at once, and answers the delivery with the"
                    + " endpoint's status code (also for a disabled endpoint). Like any delivery it is in the log"
                    + " and, if this attempt failed, tried again with backoff.")
    @PostMapping("/api/v1/webhook-endpoints/{id}/ping")
    WebhookDelivery.Detail ping(@PathVariable long id) {
        return webhooks.ping(id);
    }

    @Operation(
            summary = "An endpoint's delivery log",
            description = "Newest first, each with its status (PENDING, SENT, DEAD, SKIPPED, CANCELLED), attempts,"
                    + " the last status code and error, and when it is tried next. Keyset paging: pass nextBefore as"
                    + " before for the next page; status narrows the list; limit at most 500.")
    @GetMapping("/api/v1/webhook-endpoints/{id}/deliveries")
    DeliveryPage deliveries(
            @PathVariable long id,
            @RequestParam(required = false) Message.@Nullable Status status,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(required = false) @Nullable Integer limit) {
        PageRequest page = PageRequest.of(before, limit);
        Page<WebhookDelivery> deliveries = webhooks.deliveries(id, status, page.after(), page.limit());
        return new DeliveryPage(deliveries.items(), deliveries.nextAfter());
    }

    /** A page of the delivery log; {@code nextBefore} is the cursor of the next (older) page, absent on the last. */
    record DeliveryPage(
            List<WebhookDelivery> items, @Nullable Long nextBefore) {}

    @Operation(
            summary = "Get a delivery",
            description = "The delivery with its payload (the body's data), the exact body it is sent with (signed"
                    + " with the timestamp of each attempt), and every attempt: outcome, status code, detail,"
                    + " duration.")
    @GetMapping("/api/v1/webhook-deliveries/{id}")
    WebhookDelivery.Detail delivery(@PathVariable long id) {
        return webhooks.delivery(id);
    }

    @Operation(
            summary = "Send a delivery again",
            description = "For a finished delivery (SENT, DEAD, SKIPPED, CANCELLED): due now with a fresh count of"
                    + " attempts, and tried at once; answers the delivery after that attempt (PENDING if a dispatcher"
                    + " took it first or it failed again). Same webhook-id, so receivers can drop a repeat. 409 while"
                    + " it is pending or when its endpoint was deleted.")
    @PostMapping("/api/v1/webhook-deliveries/{id}/retry")
    WebhookDelivery.Detail retry(@PathVariable long id) {
        return webhooks.sendAgain(id);
    }

    @Operation(
            summary = "List the event types",
            description = "What an endpoint can subscribe to (the body's type), with what each means.")
    @GetMapping("/api/v1/webhook-event-types")
    List<Webhooks.EventTypeView> eventTypes() {
        return Webhooks.eventTypes();
    }
}
