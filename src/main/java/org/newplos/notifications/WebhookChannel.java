package org.newplos.notifications;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.newplos.common.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers webhooks as the Standard Webhooks specification says: a JSON body {@code {"type", "timestamp",
 * "data"}} POSTed with {@code webhook-id} (the same on every attempt), {@code webhook-timestamp} (seconds, now)
 * and {@code webhook-signature} (HMAC-SHA256 with the endpoint's secret). A 2xx is delivered; any other answer,
 * a timeout or a broken connection is worth another attempt; redirects are not followed (a 3xx is a failure).
 * The endpoint's address is checked again just before each attempt (SSRF, DNS rebinding): a refused address
 * makes the message dead, naming why.
 */
@Component
class WebhookChannel implements Channel {

    /** How much of an endpoint's answer the delivery log keeps. */
    static final int BODY_EXCERPT = 500;

    /** Threads that read the start of failed answers, so that a slow one is abandoned after the request timeout. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "webhook-answer-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final WebhookEndpoints endpoints;
    private final WebhookAddresses addresses;
    private final WebhookSettings settings;
    private final Clock clock;
    private final String userAgent;
    /** Built at the first delivery: its TLS set-up (trust store, providers) costs a start ~0.3 s otherwise. */
    private final SingletonSupplier<HttpClient> http;

    WebhookChannel(
            WebhookEndpoints endpoints,
            WebhookAddresses addresses,
            WebhookSettings settings,
            Clock clock,
            @Value("${newplos.version:dev}") String version) {
        this.endpoints = endpoints;
        this.addresses = addresses;
        this.settings = settings;
        this.clock = clock;
        this.userAgent = "Newplos-Webhooks/" + version;
        this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .build());
    }

    @Override
    public Kind kind() {
        return Kind.WEBHOOK;
    }

    @Override
    public Delivery send(Message message) {
        try {
            return attempt(message);
        } catch (RuntimeException e) {
            return Delivery.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Delivery attempt(Message message) {
        if (message.endpointId() == null) {
            return Delivery.dead("a webhook message without an endpoint");
        }
        WebhookEndpoints.Target target = endpoints.target(message.endpointId()).orElse(null);
        if (target == null || target.deletedAt() != null) {
            return Delivery.skipped("endpoint deleted");
        }
        boolean ping = EventType.PING.wire().equals(message.eventType());
        if (!target.enabled() && !ping) {
            return Delivery.skipped("endpoint disabled");
        }
        URI uri;
        try {
            uri = WebhookAddresses.parse(target.url());
        } catch (InvalidInputException e) {
            return Delivery.dead(
                    "refused: the endpoint's URL " + e.errors().get(0).message());
        }
        WebhookAddresses.Refusal refused = addresses.refusal(uri);
        if (refused != null && refused.unresolved()) {
            // DNS may be down for a while: worth another attempt
            return Delivery.failed(null, "the endpoint's URL " + refused.reason());
        }
        if (refused != null) {
            return Delivery.dead("refused: " + uri.getHost() + " " + refused.reason());
        }
        String body = body(message);
        long timestamp = clock.instant().getEpochSecond();
        String signature;
        try {
            signature = new Webhook(target.secret()).sign(message.webhookId(), timestamp, body);
        } catch (WebhookSigningException | RuntimeException e) {
            return Delivery.dead("cannot sign with the endpoint's secret: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header("webhook-id", message.webhookId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return post(request);
    }

    private Delivery post(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.obtain().send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                response.body().close();
                return Delivery.sent(status, "HTTP " + status);
            }
            String excerpt = excerpt(response.body());
            String detail = "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
            return Delivery.failed(status, excerpt.isEmpty() ? detail : detail + ": " + excerpt);
        } catch (HttpTimeoutException e) {
            return Delivery.failed(
                    null, "timed out after " + settings.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            return Delivery.failed(
                    null,
                    "could not connect or send: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.failed(null, "interrupted while sending");
        }
    }

    /**
     * The first characters of an answer, read no further than that and for no longer than the request timeout (an
     * endpoint may answer with gigabytes, or a byte a minute).
     */
    private String excerpt(InputStream body) throws IOException, InterruptedException {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return body.readNBytes(BODY_EXCERPT * 4);
                    } catch (IOException e) {
                        return new byte[0];
                    }
                },
                READERS);
        try (body) {
            String text = new String(
                            read.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS),
                            StandardCharsets.UTF_8)
                    .replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ")
                    .strip();
            return text.length() <= BODY_EXCERPT ? text : text.substring(0, BODY_EXCERPT) + "…";
        } catch (TimeoutException | ExecutionException e) {
            return "(the answer's body was too slow to read)";
        }
    }

    /** The body Standard Webhooks recommends: the type, when the event happened, and its data. */
    static String body(Message message) {
        ObjectNode body = DomainEvents.JSON.createObjectNode();
        body.put("type", message.eventType());
        body.put("timestamp", message.createdAt().toString());
        body.set("data", DomainEvents.JSON.readTree(message.payload()));
        return DomainEvents.JSON.writeValueAsString(body);
    }
}
