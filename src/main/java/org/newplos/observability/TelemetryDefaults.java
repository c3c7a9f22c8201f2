package org.newplos.observability;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * SQL is instrumented only when the spans go somewhere: {@code jdbc.datasource-proxy.enabled} defaults to
 * true only with a traces endpoint. Without one, the proxy would make an observation (a timer and an
 * unrecorded span) for every statement for no one. The value is decided when read, so an endpoint set
 * late (as tests do) counts; an explicit setting overrides it. Spans themselves are not recorded without
 * an exporter ({@link SpansWithoutExporter}); OTLP metrics: {@link OtlpMetricsExportSwitch}.
 */
class TelemetryDefaults implements EnvironmentPostProcessor {

    static final String JDBC_PROXY = "jdbc.datasource-proxy.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Defaults(environment));
    }

    /** Its source is not the environment itself: Boot would flatten that into the environment's own sources. */
    private static final class Defaults extends PropertySource<String> {

        private final ConfigurableEnvironment environment;

        Defaults(ConfigurableEnvironment environment) {
            super("newplosTelemetryDefaults", "computed from the traces endpoint");
            this.environment = environment;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            return JDBC_PROXY.equals(name)
                    ? String.valueOf(TelemetrySettings.tracesEndpoint(environment) != null)
                    : null;
        }
    }
}
