package org.newplos.observability;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spans are recorded only when something exports them. With no exporter (no OTLP endpoint configured),
 * the sampling probability of 1.0 would fill a span per request and per SQL statement with attributes,
 * queue it and throw it away; here the sampler becomes always-off instead. Spans still exist, unrecorded:
 * every request keeps a trace id (the request id, the {@code traceId} of its log lines, the trace id an
 * error event carries), and a {@code traceparent} sent by a caller is still continued downstream.
 */
@Configuration(proxyBeanMethods = false)
class SpansWithoutExporter {

    @Bean
    SdkTracerProviderBuilderCustomizer noRecordingWithoutExporter(ObjectProvider<SpanExporter> exporters) {
        return builder -> {
            if (exporters.stream().findAny().isEmpty()) {
                builder.setSampler(Sampler.alwaysOff());
            }
        };
    }
}
