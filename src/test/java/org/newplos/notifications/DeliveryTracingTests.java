package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.TestDatabaseInitializer;
import org.newplos.observability.FakeEndpoints.OtlpReceiver;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A delivery is traced and tied to its cause: the message written by {@code POST /api/v1/leases} keeps that
 * request's trace context, and its delivery attempt is a span {@code outbox deliver} of its own, exported,
 * with a link to the request's span.
 */
@Tag("database")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class DeliveryTracingTests {

    static final String PASSWORD = "delivery tracing password";
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final OtlpReceiver otlp = receiver();

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", otlp::url);
    }

    @AfterAll
    static void stop() {
        otlp.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeliveryIsASpanLinkedToTheRequestThatWroteTheMessage() throws Exception {
        String admin = "trace" + System.nanoTime() + "@example.com";
        users.create(admin, "Trace Test", Role.ADMIN, PASSWORD);
        long space = id(post(admin, "/api/v1/spaces", """
                {"code": "TR-1", "name": "Traced desk", "type": "DESK", "monthlyRate": 100}"""));
        long member = id(post(admin, "/api/v1/members", """
                {"fullName": "Tia Trace", "email": "tia.trace@example.com"}"""));
        HttpResponse<String> booked = post(admin, "/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-01-01", "end": "2030-02-01"}""".formatted(member, space));
        long lease = id(booked);
        String traceId = booked.headers().firstValue("X-Request-Id").orElseThrow();
        String traceparent = jdbc.sql(
                        "SELECT traceparent FROM outbox WHERE subject_type = 'lease' AND subject_id = :id")
                .param("id", lease)
                .query(String.class)
                .single();
        assertThat(traceparent).startsWith("00-" + traceId + "-");

        dispatcher.drain(Instant.now().plusSeconds(1));

        Span delivery = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> otlp.spans().stream()
                                .filter(s -> s.getName().equals("outbox deliver"))
                                .filter(s -> s.getLinksList().stream()
                                        .anyMatch(l -> hex(l.getTraceId().toByteArray())
                                                .equals(traceId)))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        Map<String, String> attributes = delivery.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a));
        assertThat(hex(delivery.getTraceId().toByteArray())).isNotEqualTo(traceId);
        assertThat(attributes)
                .containsEntry("newplos.message.channel", "EMAIL")
                .containsEntry("newplos.message.event_type", "lease.booked")
                .containsEntry("newplos.message.attempt", "1")
                .containsKey("newplos.message.outcome");
    }

    private HttpResponse<String> post(String user, String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long id(HttpResponse<String> response) {
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static OtlpReceiver receiver() {
        try {
            return new OtlpReceiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
