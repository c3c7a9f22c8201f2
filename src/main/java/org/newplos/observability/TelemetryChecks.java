package org.newplos.observability;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SdkVersion;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.newplos.database.Check;
import org.springframework.core.env.Environment;

/**
 * What {@code newplos doctor} says about tracing and error tracking. {@link #check()} only looks:
 * unconfigured is a WARN, a configured endpoint nobody listens on a FAIL. {@link #sendTestEvents()}
 * sends one test span and one test error event and reports whether each endpoint accepted it. Works
 * from the environment alone, so it answers even when the database is down.
 */
public final class TelemetryChecks {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Environment environment;

    public TelemetryChecks(Environment environment) {
        this.environment = environment;
    }

    public List<Check> check() {
        return List.of(checkTracing(), checkErrorTracking());
    }

    public List<Check> sendTestEvents() {
        return List.of(sendTestSpan(), sendTestError());
    }

    Check checkTracing() {
        String url = TelemetrySettings.tracesEndpoint(environment);
        Endpoint endpoint = Endpoint.parse(url);
        if (url == null) {
            return new Check(
                    "tracing",
                    Check.Status.WARN,
                    "not configured: no traces are exported",
                    "set OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://otel-collector:4318)");
        }
        if (endpoint == null) {
            return new Check(
                    "tracing", Check.Status.FAIL, "endpoint is not a URL: " + url, "fix OTEL_EXPORTER_OTLP_ENDPOINT");
        }
        String problem = endpoint.unreachable(TIMEOUT);
        return problem == null
                ? new Check("tracing", Check.Status.PASS, "OTLP endpoint " + endpoint.url() + " answers", "")
                : new Check(
                        "tracing",
                        Check.Status.FAIL,
                        "OTLP endpoint " + endpoint.url() + " is unreachable (" + problem + ")",
                        "start the collector or fix OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    Check checkErrorTracking() {
        String dsn = TelemetrySettings.sentryDsn(environment);
        if (dsn == null) {
            return new Check(
                    "error tracking",
                    Check.Status.WARN,
                    "not configured: unhandled errors are only logged",
                    "set SENTRY_DSN to your Sentry project's DSN");
        }
        SentryDsn parsed = SentryDsn.parse(dsn);
        Endpoint endpoint = parsed == null ? null : Endpoint.parse(parsed.envelopeUrl());
        if (endpoint == null) {
            return new Check(
                    "error tracking", Check.Status.FAIL, "SENTRY_DSN is not a valid DSN", "copy the DSN again");
        }
        String problem = endpoint.unreachable(TIMEOUT);
        return problem == null
                ? new Check("error tracking", Check.Status.PASS, "Sentry at " + endpoint.url() + " answers", "")
                : new Check(
                        "error tracking",
                        Check.Status.FAIL,
                        "Sentry at " + endpoint.url() + " is unreachable (" + problem + ")",
                        "check SENTRY_DSN and the network path to Sentry");
    }

    Check sendTestSpan() {
        String url = TelemetrySettings.tracesEndpoint(environment);
        if (url == null || Endpoint.parse(url) == null) {
            return checkTracing();
        }
        SpanData span = testSpan();
        SpanExporter exporter = exporter(url);
        try {
            CompletableResultCode result =
                    exporter.export(List.of(span)).join(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            String where = "test span (trace " + span.getTraceId() + ") to "
                    + Endpoint.parse(url).url();
            return result.isSuccess()
                    ? new Check("tracing test span", Check.Status.PASS, "accepted: " + where, "")
                    : new Check(
                            "tracing test span",
                            Check.Status.FAIL,
                            "not accepted: " + where
                                    + (result.getFailureThrowable() == null
                                            ? ""
                                            : " ("
                                                    + result.getFailureThrowable()
                                                            .getMessage() + ")"),
                            "check OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS");
        } finally {
            exporter.shutdown().join(2, TimeUnit.SECONDS);
        }
    }

    private SpanExporter exporter(String url) {
        Map<String, String> headers = TelemetrySettings.headers(environment);
        if (TelemetrySettings.grpc(environment)) {
            var builder = OtlpGrpcSpanExporter.builder()
                    .setEndpoint(url.replaceAll("/v1/traces$", ""))
                    .setTimeout(TIMEOUT);
            headers.forEach(builder::addHeader);
            return builder.build();
        }
        var builder = OtlpHttpSpanExporter.builder().setEndpoint(url).setTimeout(TIMEOUT);
        headers.forEach(builder::addHeader);
        return builder.build();
    }

    /** A real, ended span made by the SDK, with the service's resource. */
    private SpanData testSpan() {
        AtomicReference<@Nullable SpanData> ended = new AtomicReference<>();
        SpanProcessor capture = new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {}

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                ended.set(span.toSpanData());
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        };
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.builder()
                        .put("service.name", serviceName())
                        .put("service.version", Versions.current())
                        .build()));
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(capture)
                .build()) {
            provider.get("org.newplos.doctor")
                    .spanBuilder("newplos doctor test span")
                    .setAttribute("newplos.test", true)
                    .startSpan()
                    .end();
        }
        SpanData span = ended.get();
        if (span == null) {
            throw new IllegalStateException("the test span was not recorded");
        }
        return span;
    }

    private String serviceName() {
        String name = environment.getProperty("OTEL_SERVICE_NAME");
        return name == null || name.isBlank() ? "newplos" : name;
    }

    Check sendTestError() {
        String dsn = TelemetrySettings.sentryDsn(environment);
        SentryDsn parsed = dsn == null ? null : SentryDsn.parse(dsn);
        if (parsed == null) {
            return checkErrorTracking();
        }
        SentryEvent event = new SentryEvent(new IllegalStateException("newplos doctor test error (safe to ignore)"));
        Message message = new Message();
        message.setFormatted("newplos doctor --send-test-events: test error event");
        event.setMessage(message);
        event.setLevel(SentryLevel.ERROR);
        event.setRelease("newplos@" + Versions.current());
        event.setEnvironment(environment.getProperty("sentry.environment", "production"));
        event.setTag("newplos.test", "true");
        String where = "test error event " + event.getEventId() + " to "
                + Endpoint.parse(parsed.envelopeUrl()).url();
        try {
            JsonSerializer serializer = new JsonSerializer(new SentryOptions());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            serializer.serialize(
                    SentryEnvelope.from(serializer, event, new SdkVersion("newplos.doctor", Versions.current())), body);
            HttpResponse<String> response = HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(parsed.envelopeUrl()))
                                    .timeout(TIMEOUT.multipliedBy(2))
                                    .header("Content-Type", "application/x-sentry-envelope")
                                    .header("X-Sentry-Auth", parsed.authHeader())
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2
                    ? new Check("error tracking test event", Check.Status.PASS, "accepted: " + where, "")
                    : new Check(
                            "error tracking test event",
                            Check.Status.FAIL,
                            "not accepted: " + where + " (HTTP " + response.statusCode() + ")",
                            "check SENTRY_DSN (project id and key)");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Check(
                    "error tracking test event",
                    Check.Status.FAIL,
                    "not sent: " + where + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    "check SENTRY_DSN and the network path to Sentry");
        }
    }
}
