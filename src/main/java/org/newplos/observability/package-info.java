/**
 * Seeing what Newplos does: OpenTelemetry traces (HTTP and SQL) from the standard {@code OTEL_*}
 * variables, error tracking with Sentry from {@code SENTRY_DSN}, Prometheus metrics with business
 * gauges, and the checks {@code newplos doctor} runs for them. Nothing is sent anywhere unless an
 * endpoint is configured.
 */
@org.jspecify.annotations.NullMarked
package org.newplos.observability;
