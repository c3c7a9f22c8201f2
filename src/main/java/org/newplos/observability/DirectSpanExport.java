package org.newplos.observability;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Finished spans go straight from the batch processor to the exporters. Boot's own processor wraps the
 * exporters in Micrometer's {@link CompositeSpanExporter} even when no span filter, predicate or reporter
 * exists: it copies every span into a mutable wrapper whose attributes are rebuilt each time the OTLP
 * marshaller asks for them (sizing, then writing) — a few percent of a traced lease GET's CPU (issue 19,
 * docs/observability.md). With a filter, predicate or reporter bean the composite is used as Boot would.
 * The export settings ({@code management.opentelemetry.tracing.export.*}) are Boot's.
 */
@AutoConfiguration(after = OtlpTracingAutoConfiguration.class, before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({BatchSpanProcessor.class, CompositeSpanExporter.class})
@ConditionalOnBean(SpanExporter.class)
class DirectSpanExport {

    @Bean
    BatchSpanProcessor otelSpanProcessor(
            ObjectProvider<SpanExporter> exporters,
            ObjectProvider<SpanExportingPredicate> predicates,
            ObjectProvider<SpanReporter> reporters,
            ObjectProvider<SpanFilter> filters,
            ObjectProvider<OpenTelemetryTracingProperties> properties) {
        List<SpanExporter> targets = exporters.orderedStream().toList();
        List<SpanExportingPredicate> predicateList = predicates.orderedStream().toList();
        List<SpanReporter> reporterList = reporters.orderedStream().toList();
        List<SpanFilter> filterList = filters.orderedStream().toList();
        SpanExporter exporter = predicateList.isEmpty() && reporterList.isEmpty() && filterList.isEmpty()
                ? SpanExporter.composite(targets)
                : new CompositeSpanExporter(targets, predicateList, reporterList, filterList);
        OpenTelemetryTracingProperties.Export export =
                properties.getIfAvailable(OpenTelemetryTracingProperties::new).getExport();
        return BatchSpanProcessor.builder(exporter)
                .setExportUnsampledSpans(export.isIncludeUnsampled())
                .setExporterTimeout(export.getTimeout())
                .setMaxExportBatchSize(export.getMaxBatchSize())
                .setMaxQueueSize(export.getMaxQueueSize())
                .setScheduleDelay(export.getScheduleDelay())
                .build();
    }
}
