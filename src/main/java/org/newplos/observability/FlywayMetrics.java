package org.newplos.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Flyway state as gauges: applied, pending and failed migrations; read at most every 30 seconds. */
@Component
class FlywayMetrics implements MeterBinder {

    private final ObjectProvider<Flyway> flyway;
    private final Clock clock;
    private volatile Instant taken = Instant.EPOCH;
    private volatile double[] counts = {Double.NaN, Double.NaN, Double.NaN};

    FlywayMetrics(ObjectProvider<Flyway> flyway, Clock clock) {
        this.flyway = flyway;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String[] states = {"applied", "pending", "failed"};
        for (int i = 0; i < states.length; i++) {
            int index = i;
            Gauge.builder("flyway.migrations", this, metrics -> metrics.counts()[index])
                    .tag("state", states[i])
                    .description("Flyway migrations by state")
                    .register(registry);
        }
    }

    synchronized double[] counts() {
        Instant now = clock.instant();
        Flyway current = flyway.getIfAvailable();
        if (current == null || Duration.between(taken, now).compareTo(BusinessGauges.MAX_AGE) < 0) {
            return counts;
        }
        taken = now;
        try {
            MigrationInfoService info = current.info();
            counts = new double[] {info.applied().length, info.pending().length, failed(info)};
        } catch (RuntimeException e) {
            // keep the last values while the database is away
        }
        return counts;
    }

    private static double failed(MigrationInfoService info) {
        int failed = 0;
        for (var migration : info.all()) {
            if (migration.getState().isFailed()) {
                failed++;
            }
        }
        return failed;
    }
}
