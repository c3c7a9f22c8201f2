package org.newplos.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SpanContext;
import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Links an error event to the OpenTelemetry trace it happened in: the event's trace context gets the
 * current trace and span ids (W3C and Sentry ids have the same form), and a {@code trace_id} tag makes
 * it searchable.
 */
class TraceLinkEventProcessor implements EventProcessor {

    private final ObjectProvider<Tracer> tracer;

    TraceLinkEventProcessor(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public @Nullable SentryEvent process(SentryEvent event, Hint hint) {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span != null) {
            TraceContext context = span.context();
            event.getContexts()
                    .setTrace(new SpanContext(
                            new SentryId(context.traceId()), new SpanId(context.spanId()), "http.server", null, null));
            event.setTag("trace_id", context.traceId());
        }
        return event;
    }
}
