package org.newplos.observability;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/** Reads where traces and errors go, from the properties Boot maps the OTEL_* and SENTRY_* variables to. */
final class TelemetrySettings {

    static final String TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    private TelemetrySettings() {}

    static @Nullable String tracesEndpoint(Environment environment) {
        if (!environment.getProperty("management.tracing.export.enabled", Boolean.class, true)
                || !environment.getProperty("management.opentelemetry.enabled", Boolean.class, true)) {
            return null;
        }
        String url = environment.getProperty(TRACES_ENDPOINT);
        if (url == null || url.isBlank()) {
            url = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        }
        if (url == null || url.isBlank()) {
            String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
            url = base == null || base.isBlank() ? null : base.replaceAll("/+$", "") + "/v1/traces";
        }
        return url == null || url.isBlank() ? null : url;
    }

    /** Whether OTLP metrics have somewhere to go: Boot's own URL property or an OTEL_* endpoint. */
    static boolean metricsEndpointConfigured(Environment environment) {
        return hasText(environment.getProperty("management.otlp.metrics.export.url"))
                || hasText(environment.getProperty("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
                || hasText(environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    /** grpc or http/protobuf (the default). */
    static boolean grpc(Environment environment) {
        String protocol = environment.getProperty("management.opentelemetry.tracing.export.otlp.transport");
        if (protocol == null) {
            protocol = environment.getProperty(
                    "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", environment.getProperty("OTEL_EXPORTER_OTLP_PROTOCOL", ""));
        }
        return protocol.strip().equalsIgnoreCase("grpc");
    }

    /** OTEL_EXPORTER_OTLP_(TRACES_)HEADERS: key=value pairs separated by commas. */
    static java.util.Map<String, String> headers(Environment environment) {
        String raw = environment.getProperty(
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS", environment.getProperty("OTEL_EXPORTER_OTLP_HEADERS", ""));
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String pair : raw.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                headers.put(
                        java.net.URLDecoder.decode(
                                pair.substring(0, equals).strip(), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(
                                pair.substring(equals + 1).strip(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    static @Nullable String sentryDsn(Environment environment) {
        String dsn = environment.getProperty("sentry.dsn");
        return dsn == null || dsn.isBlank() ? null : dsn;
    }
}
