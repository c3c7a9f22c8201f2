package org.newplos.notifications;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A real webhook receiver for tests, on 127.0.0.1 and a free port: it verifies each delivery's signature with
 * the Standard Webhooks library (as a receiver in the wild would), records what came, and answers with the
 * status codes it is told to (200 when told nothing).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received, and whether its signature verified with the endpoint's secret. */
    record Received(
            Map<String, List<String>> headers,
            String body,
            @Nullable String verifyError) {

        boolean verified() {
            return verifyError == null;
        }

        @Nullable
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 200;
    private volatile @Nullable String secret;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secret deliveries are verified with (the one shown when the endpoint was made). */
    void secret(String secret) {
        this.secret = secret;
    }

    /** The next answers, in order; after them, {@code otherwise}. */
    void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    void otherwise(int status) {
        this.otherwise = status;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String error = null;
            try {
                String key = secret;
                if (key == null) {
                    error = "no secret given to the receiver";
                } else {
                    new Webhook(key).verify(body, headers);
                }
            } catch (WebhookVerificationException e) {
                error = e.getMessage();
            }
            received.add(new Received(headers, body, error));
            Integer next = answers.poll();
            int status = next == null ? otherwise : next;
            byte[] reply = (status < 300 ? "ok" : "the receiver says " + status).getBytes(StandardCharsets.UTF_8);
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            }
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
