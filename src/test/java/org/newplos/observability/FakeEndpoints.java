package org.newplos.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** Local stand-ins for an OTLP/HTTP collector and a Sentry server, on free loopback ports. */
public final class FakeEndpoints {

    private FakeEndpoints() {}

    /** Accepts OTLP/HTTP protobuf trace exports on /v1/traces and keeps the spans. */
    public static final class OtlpReceiver implements AutoCloseable {
        final HttpServer server;
        public final List<ResourceSpans> received = new CopyOnWriteArrayList<>();

        public OtlpReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/traces", exchange -> {
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body(exchange));
                received.addAll(request.getResourceSpansList());
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
        }

        public List<Span> spans() {
            return received.stream()
                    .flatMap(resource -> resource.getScopeSpansList().stream())
                    .flatMap((ScopeSpans scope) -> scope.getSpansList().stream())
                    .toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Accepts Sentry envelopes on /api/1/envelope/ and keeps them as text. */
    public static final class FakeSentry implements AutoCloseable {
        final HttpServer server;
        public final List<String> envelopes = new CopyOnWriteArrayList<>();
        final List<String> authHeaders = new CopyOnWriteArrayList<>();

        public FakeSentry() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/1/envelope/", exchange -> {
                envelopes.add(new String(body(exchange), StandardCharsets.UTF_8));
                authHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Sentry-Auth")));
                byte[] answer = "{\"id\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        public String dsn() {
            return "http://key@127.0.0.1:" + server.getAddress().getPort() + "/1";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    /** A port nothing listens on (free a moment ago). */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
