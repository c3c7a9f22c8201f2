package org.newplos.observability;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Instrumentation only where its output goes somewhere. SQL: {@code newplos.tracing.sql-spans} (the
 * DataSource proxy of {@link SqlSpans}) defaults to true only with a traces endpoint; without one, the proxy
 * would make an unrecorded span for every statement for no one. OTLP metrics:
 * {@code management.otlp.metrics.export.enabled} defaults to false without a metrics endpoint; left alone,
 * Boot would post to {@code localhost:4318} every minute (and at shutdown), reading every gauge, the
 * business ones included, for nobody. The values are decided when read, so an endpoint set late (as tests
 * do) counts; an explicit setting overrides them. Spans themselves are not recorded without an exporter
 * ({@link SpansWithoutExporter}).
 */
class TelemetryDefaults implements EnvironmentPostProcessor {

    static final String SQL_SPANS = SqlSpans.ENABLED;
    static final String OTLP_METRICS = "management.otlp.metrics.export.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Defaults(environment));
    }

    /** Its source is not the environment itself: Boot would flatten that into the environment's own sources. */
    private static final class Defaults extends PropertySource<String> {

        private final ConfigurableEnvironment environment;

        Defaults(ConfigurableEnvironment environment) {
            super("newplosTelemetryDefaults", "computed from the OTLP endpoints");
            this.environment = environment;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (SQL_SPANS.equals(name)) {
                return String.valueOf(TelemetrySettings.tracesEndpoint(environment) != null);
            }
            if (OTLP_METRICS.equals(name)) {
                return TelemetrySettings.metricsEndpointConfigured(environment) ? null : "false";
            }
            return null;
        }
    }
}
