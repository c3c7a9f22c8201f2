package org.newplos.notifications;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Ties deliveries to the requests that caused them: a message keeps the W3C {@code traceparent} of the span
 * that wrote it, and each delivery attempt is a span of its own ({@code outbox deliver}) with a link to that
 * span. With tracing off (no exporter) both are no-ops.
 */
@Component
class DeliveryTracing {

    private final ObjectProvider<Tracer> tracers;

    DeliveryTracing(ObjectProvider<Tracer> tracers) {
        this.tracers = tracers;
    }

    /** The current span as a W3C traceparent, or null outside a sampled span. */
    @Nullable
    String currentTraceparent() {
        Tracer tracer = tracers.getIfAvailable();
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /** Runs one delivery attempt inside its own span, linked to the span that wrote the message. */
    Delivery deliver(Message message, Supplier<Delivery> attempt) {
        Tracer tracer = tracers.getIfAvailable();
        if (tracer == null || tracer == Tracer.NOOP) {
            return attempt.get();
        }
        Span.Builder builder = tracer.spanBuilder()
                .name("outbox deliver")
                .setNoParent()
                .kind(Span.Kind.PRODUCER)
                .tag("newplos.message.id", String.valueOf(message.id()))
                .tag("newplos.message.channel", message.channel().name())
                .tag("newplos.message.event_type", message.eventType())
                .tag("newplos.message.attempt", String.valueOf(message.attempt()));
        TraceContext origin = parse(tracer, message.traceparent());
        if (origin != null) {
            builder.addLink(new Link(origin));
        }
        Span span = builder.start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            Delivery delivery = attempt.get();
            span.tag("newplos.message.outcome", delivery.outcome().name());
            if (delivery.statusCode() != null) {
                span.tag("http.response.status_code", String.valueOf(delivery.statusCode()));
            }
            if (delivery.outcome() == Delivery.Outcome.FAILED || delivery.outcome() == Delivery.Outcome.DEAD) {
                span.tag("error.type", delivery.outcome().name());
            }
            return delivery;
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static @Nullable TraceContext parse(Tracer tracer, @Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        if (parts.length != 4 || parts[1].length() != 32 || parts[2].length() != 16) {
            return null;
        }
        return tracer.traceContextBuilder()
                .traceId(parts[1])
                .spanId(parts[2])
                .sampled("01".equals(parts[3]))
                .build();
    }
}
