package org.newplos.notifications;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.Page;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins do with webhooks: register endpoints (the secret made here and shown once), change, disable and
 * delete them (what was still to be sent to them is cancelled), give them a new secret, send a test ping, read
 * the delivery log and send a delivery again. Every change of an endpoint is in the audit log, never its secret.
 */
@Component
class Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpoints endpoints;
    private final WebhookAddresses addresses;
    private final Messages messages;
    private final Dispatcher dispatcher;
    private final AuditLog audit;
    private final Resending resending;
    private final DeliveryTracing tracing;
    private final Clock clock;

    Webhooks(
            WebhookEndpoints endpoints,
            WebhookAddresses addresses,
            Messages messages,
            Dispatcher dispatcher,
            AuditLog audit,
            Resending resending,
            DeliveryTracing tracing,
            Clock clock) {
        this.endpoints = endpoints;
        this.addresses = addresses;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.resending = resending;
        this.tracing = tracing;
        this.clock = clock;
    }

    List<WebhookEndpoint> all() {
        return endpoints.all();
    }

    WebhookEndpoint get(long id) {
        return endpoints.get(id);
    }

    @Transactional
    NewWebhookEndpoint create(WebhookRequest request) {
        String url = checkedUrl(request);
        List<String> types = checkedTypes(request.eventTypes());
        String secret = newSecret();
        WebhookEndpoint created = endpoints.create(
                url,
                request.descriptionOrEmpty(),
                types,
                request.enabled() == null || request.enabled(),
                secret,
                actor());
        audit.record("webhook_endpoint", created.id(), "created", null, created);
        return NewWebhookEndpoint.of(created, secret);
    }

    /** Changes an endpoint; disabling it cancels what was still to be sent to it. */
    @Transactional
    WebhookEndpoint update(long id, WebhookRequest request) {
        WebhookEndpoint before = endpoints.get(id);
        String url = checkedUrl(request);
        List<String> types = checkedTypes(request.eventTypes());
        boolean enabled = request.enabled() == null ? before.enabled() : request.enabled();
        WebhookEndpoint after = endpoints.update(id, url, request.descriptionOrEmpty(), types, enabled);
        if (before.enabled() && !after.enabled()) {
            messages.cancelPending(id);
        }
        audit.record("webhook_endpoint", id, "updated", before, after);
        return after;
    }

    /** Deletes an endpoint (its delivery log stays) and cancels what was still to be sent to it. */
    @Transactional
    void delete(long id) {
        WebhookEndpoint before = endpoints.get(id);
        if (!endpoints.delete(id)) {
            throw new NotFoundException("webhook endpoint", id);
        }
        messages.cancelPending(id);
        audit.record("webhook_endpoint", id, "deleted", before, null);
    }

    /** Gives an endpoint a new secret, shown once; deliveries from now on are signed with it. */
    @Transactional
    NewWebhookEndpoint rotateSecret(long id) {
        WebhookEndpoint before = endpoints.get(id);
        String secret = newSecret();
        WebhookEndpoint after = endpoints.rotateSecret(id, secret);
        audit.record("webhook_endpoint", id, "updated", before, after);
        return NewWebhookEndpoint.of(after, secret);
    }

    /**
     * Sends a test ping to one endpoint at once, in this request, and answers how it went. The ping is a
     * message like any other: in the outbox and the delivery log, and tried again later if this attempt fails.
     * A disabled endpoint gets pings too (to test it before enabling it).
     */
    WebhookDelivery.Detail ping(long id) {
        WebhookEndpoint endpoint = endpoints.get(id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id());
        data.put("message", "A test ping from Newplos: this endpoint receives webhooks.");
        data.put("sentBy", actor());
        long messageId = messages.writePing(
                id,
                EventType.PING.wire() + ":" + id + ":" + UUID.randomUUID(),
                DomainEvents.json(data),
                tracing.currentTraceparent());
        dispatcher.deliverNow(messageId, clock.instant());
        return delivery(messageId);
    }

    /**
     * Sends a finished delivery again: due now with a fresh count of attempts, and tried at once in this request
     * (if a dispatcher takes it first, its next run sends it). 409 while it is still pending or when its endpoint
     * was deleted.
     */
    WebhookDelivery.Detail sendAgain(long messageId) {
        Message message = webhookMessage(messageId);
        if (message.endpointId() == null || endpoints.find(message.endpointId()).isEmpty()) {
            throw new ConflictException("Delivery " + messageId + " cannot be sent again: its endpoint was deleted.");
        }
        resending.resend(messageId);
        dispatcher.deliverNow(messageId, clock.instant());
        return delivery(messageId);
    }

    /** An endpoint's deliveries, newest first, optionally of one status; {@code before} is the keyset cursor. */
    Page<WebhookDelivery> deliveries(long endpointId, Message.@Nullable Status status, long before, int limit) {
        endpoints.get(endpointId);
        Page<Message> page =
                messages.list(new MessageFilter(Channel.Kind.WEBHOOK, status, null, endpointId, null), before, limit);
        Map<Long, Messages.LastAttempt> last =
                messages.lastAttempts(page.items().stream().map(Message::id).toList());
        return new Page<>(
                page.items().stream()
                        .map(m -> WebhookDelivery.of(m, last.get(m.id())))
                        .toList(),
                page.nextAfter());
    }

    /** One delivery with its payload, the body it is sent with, and its attempts. */
    WebhookDelivery.Detail delivery(long messageId) {
        Message message = webhookMessage(messageId);
        Messages.LastAttempt last = messages.lastAttempts(List.of(messageId)).get(messageId);
        return new WebhookDelivery.Detail(
                WebhookDelivery.of(message, last),
                DomainEvents.JSON.readTree(message.payload()),
                WebhookChannel.body(message),
                messages.attempts(messageId));
    }

    private Message webhookMessage(long id) {
        return messages.find(id)
                .filter(m -> m.channel() == Channel.Kind.WEBHOOK)
                .orElseThrow(() -> new NotFoundException("webhook delivery", id));
    }

    /** Every event type an endpoint can subscribe to, with what it means. */
    static List<EventTypeView> eventTypes() {
        return EventType.subscribable().stream()
                .map(t -> new EventTypeView(t.wire(), t.description()))
                .toList();
    }

    /** An event type as the API and the form show it. */
    record EventTypeView(String type, String description) {}

    private String checkedUrl(WebhookRequest request) {
        return addresses.check(request.url()).toString();
    }

    /** The event types, known and subscribable, each once, in the order given. */
    static List<String> checkedTypes(@Nullable List<String> types) {
        if (types == null || types.isEmpty()) {
            throw new InvalidInputException("eventTypes", "must name at least one event type; valid: " + valid());
        }
        Set<String> known =
                EventType.subscribable().stream().map(EventType::wire).collect(Collectors.toSet());
        Set<String> checked = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String type : types) {
            String t = type == null ? "" : type.strip();
            if (known.contains(t)) {
                checked.add(t);
            } else {
                unknown.add("'" + (type == null ? "null" : type) + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    "eventTypes",
                    (unknown.size() == 1 ? "has an unknown event type " : "has unknown event types ")
                            + String.join(", ", unknown) + "; valid: " + valid());
        }
        return List.copyOf(checked);
    }

    private static String valid() {
        return EventType.subscribable().stream().map(EventType::wire).collect(Collectors.joining(", "));
    }

    /** "whsec_" and the base64 of 32 random bytes, as Standard Webhooks libraries expect. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return "system";
        }
        return auth.getName();
    }
}
