package org.newplos.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.ToDoubleFunction;
import org.newplos.reports.Occupancy;
import org.newplos.reports.Reports;
import org.newplos.reports.Revenue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges for what the business watches: active leases, occupancy and monthly recurring revenue. The
 * values come from the reports' queries at most once per {@link #MAX_AGE}, however often Prometheus
 * scrapes; while the database is away the gauges keep the last values.
 */
@Component
class BusinessGauges implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(BusinessGauges.class);

    private final Reports reports;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, Double.NaN, Double.NaN, Double.NaN);

    record Snapshot(Instant taken, double activeLeases, double occupancy, double monthlyRevenue) {}

    BusinessGauges(Reports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "newplos.leases.active", "Leases active today", "leases", Snapshot::activeLeases);
        gauge(registry, "newplos.occupancy", "Share of active spaces leased today (0-1)", "ratio", Snapshot::occupancy);
        gauge(
                registry,
                "newplos.revenue.monthly.recurring",
                "Monthly recurring revenue (leases and plans)",
                "currency",
                Snapshot::monthlyRevenue);
    }

    private void gauge(
            MeterRegistry registry, String name, String description, String unit, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current()))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    Snapshot current() {
        Snapshot last = snapshot;
        Instant now = clock.instant();
        if (Duration.between(last.taken(), now).compareTo(MAX_AGE) < 0) {
            return last;
        }
        synchronized (this) {
            if (snapshot != last) {
                return snapshot;
            }
            try {
                LocalDate today = LocalDate.now(clock);
                Revenue revenue = reports.monthlyRecurringRevenue(today);
                Occupancy occupancy = reports.occupancy(today);
                snapshot = new Snapshot(
                        now,
                        revenue.activeLeases(),
                        occupancy.rate().doubleValue(),
                        revenue.total().doubleValue());
            } catch (RuntimeException e) {
                log.debug("Business gauges not refreshed: {}", e.getMessage());
                snapshot = new Snapshot(now, last.activeLeases(), last.occupancy(), last.monthlyRevenue());
            }
            return snapshot;
        }
    }
}
