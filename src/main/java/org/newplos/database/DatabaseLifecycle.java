package org.newplos.database;

import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drives provisioning and migration instead of Boot's Flyway auto-configuration, so the process is alive
 * (the web server answers {@code /livez}) whatever the database does. The first pass starts on its own thread
 * as soon as this bean exists, while the rest of the context and the web server start (it uses its own
 * connections, never the pool, and the context itself opens none); when the application is ready it is
 * awaited, and only then does the application count as migrated ({@link DatabaseReady}). A server that is
 * away is retried in the background with capped backoff; a problem an operator must fix (no right to create
 * the database, edited migration, ...) stops the start with its fix. With {@code NEWPLOS_MIGRATE_ON_START=false}
 * and migrations pending it stays not ready and keeps checking.
 */
@Component
class DatabaseLifecycle implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseLifecycle.class);

    private final DatabaseSettings settings;
    private final DatabaseStatus status;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ObservationRegistry> observations;
    private volatile ObservationRegistry registry = ObservationRegistry.NOOP;
    private volatile boolean closed;
    private volatile @Nullable Thread retrier;
    private @Nullable CompletableFuture<@Nullable Pass> first;
    private long started;

    DatabaseLifecycle(
            DatabaseSettings settings,
            DatabaseStatus status,
            ApplicationEventPublisher events,
            ObjectProvider<ObservationRegistry> observations) {
        this.settings = settings;
        this.status = status;
        this.events = events;
        this.observations = observations;
    }

    @Override
    public void afterPropertiesSet() {
        if (!settings.lifecycleEnabled()) {
            return;
        }
        // resolved here, on the thread that builds the context, never from the lifecycle's own thread
        registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        started = System.nanoTime();
        first = CompletableFuture.supplyAsync(
                () -> prepare(settings), task -> daemon(task).start());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        CompletableFuture<@Nullable Pass> pass = first;
        if (pass == null) {
            return;
        }
        Pass prepared = await(pass);
        if (prepared != null) {
            announce(prepared);
            log.info("Database ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            return;
        }
        Thread thread = daemon(() -> retry(settings));
        retrier = thread;
        thread.start();
    }

    private static @Nullable Pass await(CompletableFuture<@Nullable Pass> pass) {
        try {
            return pass.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause; // a problem an operator must fix: the start fails with its message
            }
            throw e;
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "database-lifecycle");
        thread.setDaemon(true);
        return thread;
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
                Pass pass = prepare(settings);
                if (pass != null) {
                    announce(pass);
                    return;
                }
            } catch (DatabaseSetupException e) {
                // Already running: stay alive and not ready, keep the reason, and try again later.
                status.notReady(e.getMessage(), DatabaseStatus.SETUP_FAILED);
                log.error("Database not usable, will retry in {}: {}", Duration.ofMillis(max), e.getMessage());
                delay = max;
                continue;
            }
            delay = Math.min(delay * 2, max);
        }
    }

    /** A pass that left the schema current: its version and what it did. */
    private record Pass(@Nullable String version, List<String> applied) {}

    /** From here on the application counts as migrated: readiness may go up, listeners run. */
    private void announce(Pass pass) {
        status.ready(pass.version());
        events.publishEvent(new DatabaseReady(String.valueOf(pass.version()), pass.applied()));
    }

    /**
     * One provisioning + migration pass: the schema's state when it is current, null (and the reason in the
     * status) when it must be tried again; throws for problems an operator must fix.
     */
    private @Nullable Pass prepare(DatabaseSettings settings) {
        try {
            List<String> applied = new ArrayList<>(new Provisioning(settings).provision());
            applied.forEach(action -> log.info("Provisioning: {}", action));
            Migrations migrations = new Migrations(settings, registry);
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
                status.notReady(why, DatabaseStatus.PENDING);
                log.warn(why);
                return null;
            }
            return new Pass(state.expectedVersion(), applied);
        } catch (DatabaseSetupException e) {
            if (!e.isTransient()) {
                status.notReady(e.getMessage(), DatabaseStatus.SETUP_FAILED);
                throw e;
            }
            status.notReady("database unreachable, retrying: " + e.getMessage(), DatabaseStatus.UNREACHABLE);
            log.warn("Database unreachable, retrying with backoff: {}", e.getMessage());
            return null;
        }
    }
}
