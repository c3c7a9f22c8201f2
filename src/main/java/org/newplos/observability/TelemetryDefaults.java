package org.newplos.observability;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Instrumentation costs nothing where nothing is sent. Defaults, decided when read (so settings added
 * late, as tests do, count) and overridden by any explicit setting:
 *
 * <ul>
 *   <li>{@code jdbc.datasource-proxy.enabled}: the JDBC proxy that makes a span per SQL statement is on
 *       only with a traces endpoint; without one it would time every statement for no one (measured: a
 *       third of a light API request's CPU).
 *   <li>{@code management.otlp.metrics.export.enabled}: Boot's OTLP metrics registry would push every
 *       minute to {@code http://localhost:4318}; it is on only with a metrics endpoint.
 * </ul>
 *
 * Spans themselves are not recorded without an exporter: {@link SpansWithoutExporter}.
 */
class TelemetryDefaults implements EnvironmentPostProcessor {

    static final String JDBC_PROXY = "jdbc.datasource-proxy.enabled";
    static final String OTLP_METRICS = "management.otlp.metrics.export.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Defaults(environment));
    }

    /** Its source is not the environment itself: Boot would flatten that into the environment's own sources. */
    private static final class Defaults extends PropertySource<String> {

        private final ConfigurableEnvironment environment;

        Defaults(ConfigurableEnvironment environment) {
            super("newplosTelemetryDefaults", "computed from the endpoints");
            this.environment = environment;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            return switch (name) {
                case JDBC_PROXY -> String.valueOf(TelemetrySettings.tracesEndpoint(environment) != null);
                case OTLP_METRICS -> String.valueOf(metricsEndpointConfigured(environment));
                default -> null;
            };
        }
    }

    private static boolean metricsEndpointConfigured(ConfigurableEnvironment environment) {
        return StringUtils.hasText(environment.getProperty("management.otlp.metrics.export.url"))
                || StringUtils.hasText(environment.getProperty("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
                || StringUtils.hasText(environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }
}
