package org.newplos.database;

import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Drives provisioning and migration instead of Boot's Flyway auto-configuration, so the process is alive
 * (the web server answers {@code /livez}) whatever the database does. The first attempt runs when the
 * application is ready; a server that is away is retried in the background with capped backoff; a problem
 * an operator must fix (no right to create the database, edited migration, ...) stops the start with its fix.
 * With {@code NEWPLOS_MIGRATE_ON_START=false} and migrations pending it stays not ready and keeps checking.
 */
@Component
class DatabaseLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseLifecycle.class);

    private final ConfigurableEnvironment environment;
    private final DatabaseStatus status;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ObservationRegistry> observations;
    private volatile boolean closed;
    private volatile Thread retrier;

    DatabaseLifecycle(
            ConfigurableEnvironment environment,
            DatabaseStatus status,
            ApplicationEventPublisher events,
            ObjectProvider<ObservationRegistry> observations) {
        this.environment = environment;
        this.status = status;
        this.events = events;
        this.observations = observations;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!environment.getProperty("newplos.database.lifecycle-enabled", Boolean.class, true)) {
            return;
        }
        DatabaseSettings settings = DatabaseSettings.from(environment);
        long started = System.nanoTime();
        Outcome outcome = attempt(settings);
        if (outcome == Outcome.READY) {
            log.info("Database ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            return;
        }
        Thread thread = new Thread(() -> retry(settings), "database-lifecycle");
        thread.setDaemon(true);
        retrier = thread;
        thread.start();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        closed = true;
        Thread thread = retrier;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void retry(DatabaseSettings settings) {
        long delay = 500;
        long max = Math.max(settings.retryMaxInterval().toMillis(), 100);
        while (!closed) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                if (attempt(settings) == Outcome.READY) {
                    return;
                }
            } catch (DatabaseSetupException e) {
                // Already running: stay alive and not ready, keep the reason, and try again later.
                status.notReady(e.getMessage());
                log.error("Database not usable, will retry in {}: {}", Duration.ofMillis(max), e.getMessage());
                delay = max;
                continue;
            }
            delay = Math.min(delay * 2, max);
        }
    }

    private enum Outcome {
        READY,
        RETRY
    }

    /** One provisioning + migration pass; throws for problems an operator must fix. */
    private Outcome attempt(DatabaseSettings settings) {
        try {
            List<String> applied = new ArrayList<>(new Provisioning(settings).provision());
            applied.forEach(action -> log.info("Provisioning: {}", action));
            Migrations migrations =
                    new Migrations(settings, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
            Migrations.MigrationStatus state;
            if (settings.migrateOnStart()) {
                Migrations.Migrated migrated = migrations.migrateAndReadStatus();
                migrated.applied().forEach(m -> log.info("Migrated: {}", m));
                applied.addAll(migrated.applied());
                state = migrated.status();
            } else {
                state = migrations.status();
            }
            if (!state.upToDate()) {
                String why = "not ready: " + state.summary()
                        + (settings.migrateOnStart()
                                ? ""
                                : ". NEWPLOS_MIGRATE_ON_START is off: run 'newplos migrate' (or turn it on)");
                status.notReady(why);
                log.warn(why);
                return Outcome.RETRY;
            }
            status.ready(state.expectedVersion());
            events.publishEvent(new DatabaseReady(String.valueOf(state.expectedVersion()), applied));
            return Outcome.READY;
        } catch (DatabaseSetupException e) {
            if (!e.isTransient()) {
                status.notReady(e.getMessage());
                throw e;
            }
            status.notReady("database unreachable, retrying: " + e.getMessage());
            log.warn("Database unreachable, retrying with backoff: {}", e.getMessage());
            return Outcome.RETRY;
        }
    }
}
