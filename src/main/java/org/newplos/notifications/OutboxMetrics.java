package org.newplos.notifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges of the outbox: lag (age of the oldest message that is due and not yet taken), how many are due,
 * how many are dead. Read with one indexed query at most every {@link #MAX_AGE}; while the database is
 * away the gauges keep their last values. The dispatcher counts deliveries by outcome
 * ({@code newplos.outbox.deliveries}).
 */
@Component
class OutboxMetrics implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final Messages messages;
    private volatile Messages.Backlog last = new Messages.Backlog(Double.NaN, -1, -1);
    private volatile long takenAt = Long.MIN_VALUE;

    OutboxMetrics(Messages messages) {
        this.messages = messages;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "newplos.outbox.lag",
                "Age of the oldest due message not yet taken",
                "seconds",
                Messages.Backlog::lagSeconds);
        gauge(registry, "newplos.outbox.due", "Messages due and not yet taken", "messages", b -> b.due());
        gauge(
                registry,
                "newplos.outbox.dead",
                "Messages that gave up (see the admin UI's outbox)",
                "messages",
                b -> b.dead());
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            String unit,
            ToDoubleFunction<Messages.Backlog> value) {
        Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.current()))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    Messages.Backlog current() {
        long now = System.nanoTime();
        if (takenAt == Long.MIN_VALUE || now - takenAt > MAX_AGE.toNanos()) {
            try {
                last = messages.backlog();
                takenAt = now;
            } catch (RuntimeException e) {
                log.debug("Outbox gauges keep their last values: {}", e.getMessage());
            }
        }
        return last;
    }
}
