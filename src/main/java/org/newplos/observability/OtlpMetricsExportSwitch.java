package org.newplos.observability;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Pushes metrics over OTLP only when an endpoint is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} or {@code management.otlp.metrics.export.url}). Left alone,
 * Boot would start the OTLP registry anyway and post to {@code localhost:4318} every minute (and once more
 * at shutdown), reading every gauge, the business ones included, for nobody. An explicit
 * {@code management.otlp.metrics.export.enabled} still wins.
 */
class OtlpMetricsExportSwitch implements EnvironmentPostProcessor {

    static final String ENABLED = "management.otlp.metrics.export.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(ENABLED) || endpointConfigured(environment)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("newplosOtlpMetrics", Map.of(ENABLED, false)));
    }

    static boolean endpointConfigured(ConfigurableEnvironment environment) {
        return StringUtils.hasText(environment.getProperty("management.otlp.metrics.export.url"))
                || StringUtils.hasText(environment.getProperty("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
                || StringUtils.hasText(environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }
}
