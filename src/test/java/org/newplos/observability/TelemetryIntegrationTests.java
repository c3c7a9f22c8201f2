package org.newplos.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newplos.TestDatabaseInitializer;
import org.newplos.WebSession;
import org.newplos.common.UiController;
import org.newplos.observability.FakeEndpoints.FakeSentry;
import org.newplos.observability.FakeEndpoints.OtlpReceiver;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole application through Tomcat, pointed at a local OTLP/HTTP receiver and a fake Sentry: an
 * API call gives a server span for its route with SQL child spans in the same trace, whose id is on
 * the request's log lines; a forced server error, in the API or on an admin page, reaches Sentry with its
 * route and without secrets.
 */
@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.opentelemetry.tracing.export.schedule-delay=100ms",
            "logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG",
            "newplos.environment=test"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({TelemetryIntegrationTests.FailingEndpoint.class, TelemetryIntegrationTests.FailingPage.class})
class TelemetryIntegrationTests {

    static final String PASSWORD = "telemetry test password";
    static final OtlpReceiver otlp = start(OtlpReceiver::new);
    static final FakeSentry sentry = start(FakeSentry::new);

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add(TelemetrySettings.TRACES_ENDPOINT, otlp::url);
        registry.add("sentry.dsn", sentry::dsn);
    }

    @AfterAll
    static void stop() {
        otlp.close();
        sentry.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    io.opentelemetry.sdk.trace.export.BatchSpanProcessor spanProcessor;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anApiCallIsAServerSpanWithSqlChildrenAndItsTraceIdIsOnTheLogLines(CapturedOutput output) throws Exception {
        String email = admin();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/members?q=ann"))
                .header("Authorization", basic(email))
                .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();

        Span server = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> serverSpan("/api/v1/members"), span -> span != null);
        String traceId = HexFormat.of().formatHex(server.getTraceId().toByteArray());
        assertThat(attributes(server)).containsEntry("status", "200");
        assertThat(requestId).as("the request id is the trace id").isEqualTo(traceId);

        List<Span> sql = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> otlp.spans().stream()
                                .filter(span -> span.getTraceId().equals(server.getTraceId()))
                                .filter(span -> attributes(span).entrySet().stream()
                                        .anyMatch(e -> e.getKey().startsWith("jdbc.query")
                                                && e.getValue().toLowerCase().contains("from members")))
                                .toList(),
                        spans -> !spans.isEmpty());
        Map<String, String> query = attributes(sql.get(0));
        assertThat(descendsFrom(sql.get(0), server)).isTrue();
        assertThat(query)
                .containsEntry("db.name", "newplos_test" + query.get("db.name").substring(12));
        String statement = query.entrySet().stream()
                .filter(e -> e.getKey().startsWith("jdbc.query"))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining(" "));
        assertThat(statement).containsIgnoringCase("from members").doesNotContain("ann");

        assertThat(spanProcessor.toString())
                .as("spans go straight to the OTLP exporter, not through Micrometer's copying composite")
                .contains("OtlpHttpSpanExporter")
                .doesNotContain("CompositeSpanExporter");
        assertThat(otlp.received.get(0).getResource().getAttributesList())
                .extracting(KeyValue::getKey)
                .contains("service.name", "service.version", "deployment.environment.name");
        assertThat(output.getAll()).containsPattern(traceId + " [0-9a-f]{16}\\].*GET \"/api/v1/members");
    }

    @Test
    void aFailedStatementIsAnErrorSpanWithItsSqlStateButNotTheValuesPostgresQuotes() throws Exception {
        String email = admin();
        String taken = "Taken plan " + System.nanoTime();
        String body = "{\"name\":\"" + taken + "\",\"price\":10,\"billingPeriod\":\"MONTHLY\"}";
        for (int expected : new int[] {201, 409}) {
            assertThat(send(HttpRequest.newBuilder(uri("/api/v1/plans"))
                                    .header("Authorization", basic(email))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)))
                            .statusCode())
                    .isEqualTo(expected);
        }
        Span failed = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> otlp.spans().stream()
                                .filter(span -> "23505".equals(attributes(span).get("db.response.status_code")))
                                .findFirst()
                                .orElse(null),
                        span -> span != null);
        assertThat(failed.getName()).isEqualTo("query");
        assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attributes(failed))
                .containsEntry("error.type", "org.postgresql.util.PSQLException")
                .containsEntry("db.system", "postgresql")
                .hasEntrySatisfying("jdbc.query[0]", sql -> assertThat(sql).containsIgnoringCase("insert into plans"));
        assertThat(attributes(failed).values()).noneMatch(value -> value.contains(taken));
        assertThat(failed.getEventsList()).isEmpty();
    }

    @Test
    void aServerErrorReachesSentryWithItsRouteAndWithoutSecrets() throws Exception {
        String email = admin();
        HttpResponse<String> notFound = send(HttpRequest.newBuilder(uri("/api/v1/members/987654321"))
                .header("Authorization", basic(email))
                .GET());
        assertThat(notFound.statusCode()).isEqualTo(404);

        HttpResponse<String> failed = send(HttpRequest.newBuilder(uri("/api/v1/test-failures/42?password=hunter2"))
                .header("Authorization", basic(email))
                .header("Cookie", "SESSION=secret-session-cookie")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"body-secret-password\"}")));
        assertThat(failed.statusCode()).isEqualTo(500);
        String traceId = failed.headers().firstValue("X-Request-Id").orElseThrow();

        String envelope = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> String.join("\n", sentry.envelopes), text -> text.contains("forced failure"));
        assertThat(envelope)
                .contains("/api/v1/test-failures/{id}", "\"release\":\"newplos@", "\"environment\":\"test\"")
                .contains(traceId)
                .doesNotContain("\"Authorization\":", "\"authorization\":", "Basic ", PASSWORD)
                .doesNotContain("secret-session-cookie", "hunter2", "body-secret-password");
        assertThat(String.join("\n", sentry.envelopes)).doesNotContain("NotFoundException");
    }

    @Test
    void anAdminPageThatFailsReachesSentryWithItsRouteButWithoutTheSessionCookieOrPassword() throws Exception {
        String email = admin();
        WebSession browser = new WebSession(port);
        assertThat(browser.login(email, PASSWORD).statusCode()).isEqualTo(302);
        String session = browser.sessionId();
        assertThat(session).isNotBlank();

        HttpResponse<String> page = browser.get("/test-failures/pages/7?reset_token=page-secret-token");
        assertThat(page.statusCode()).isEqualTo(500);
        String requestId = page.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(page.body()).contains("Something went wrong", requestId).doesNotContain("forced page failure");

        String envelope = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> String.join("\n", sentry.envelopes), text -> text.contains("forced page failure 7"));
        assertThat(envelope)
                .contains("GET /test-failures/pages/{id}", "\"http.route\":\"/test-failures/pages/{id}\"")
                .contains(requestId, "\"release\":\"newplos@")
                .doesNotContain(session, PASSWORD, "page-secret-token")
                .doesNotContainIgnoringCase("\"cookie\"", "SESSION=");
    }

    @Test
    void prometheusMetricsNeedAnAdminAndHaveHttpJvmPoolFlywayAndBusinessGauges() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/livez")).GET()).statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/readyz")).GET()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> anonymous =
                send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET());
        assertThat(anonymous.statusCode()).isNotEqualTo(200);
        assertThat(anonymous.body()).doesNotContain("jvm_");

        String viewer = "viewer" + System.nanoTime() + "@example.com";
        users.create(viewer, "Viewer", Role.VIEWER, PASSWORD);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                                .header("Authorization", basic(viewer))
                                .GET())
                        .statusCode())
                .isEqualTo(403);

        String admin = admin();
        send(HttpRequest.newBuilder(uri("/api/v1/plans"))
                .header("Authorization", basic(admin))
                .GET());
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", basic(admin))
                .GET());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{", "uri=\"/api/v1/plans\"")
                .contains("jvm_memory_used_bytes", "hikaricp_connections_active")
                .contains("flyway_migrations{state=\"applied\"}")
                .contains("newplos_leases_active_leases", "newplos_occupancy_ratio")
                .contains("newplos_revenue_monthly_recurring_currency")
                // no long-task timer per request (management.metrics.observations.ignored-meters)
                .doesNotContain("http_server_requests_active_seconds");
    }

    @RestController
    @TestConfiguration
    static class FailingEndpoint {
        @PostMapping("/api/v1/test-failures/{id}")
        String fail(@PathVariable long id, @RequestBody String body) {
            throw new IllegalStateException("forced failure " + id);
        }
    }

    @UiController
    static class FailingPage {
        @GetMapping("/test-failures/pages/{id}")
        String fail(@PathVariable long id) {
            throw new IllegalStateException("forced page failure " + id);
        }
    }

    private Span serverSpan(String route) {
        return otlp.spans().stream()
                .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                .filter(span -> route.equals(attributes(span).get("uri"))
                        || route.equals(attributes(span).get("http.route")))
                .findFirst()
                .orElse(null);
    }

    private boolean descendsFrom(Span span, Span ancestor) {
        Map<com.google.protobuf.ByteString, Span> byId =
                otlp.spans().stream().collect(Collectors.toMap(Span::getSpanId, Function.identity(), (a, b) -> a));
        Span current = span;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
            current = byId.get(current.getParentSpanId());
        }
        return false;
    }

    static Map<String, String> attributes(Span span) {
        return span.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a));
    }

    private String admin() {
        String email = "otel" + System.nanoTime() + "@example.com";
        users.create(email, "Telemetry Test", Role.ADMIN, PASSWORD);
        return email;
    }

    private static String basic(String email) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Factory<T> {
        T create() throws Exception;
    }

    static <T> T start(Factory<T> factory) {
        try {
            return factory.create();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
