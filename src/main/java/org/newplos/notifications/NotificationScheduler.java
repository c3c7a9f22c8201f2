package org.newplos.notifications;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.newplos.database.DatabaseReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher and the reminder scan through db-scheduler, a cluster-safe scheduler on PostgreSQL:
 * each is a recurring task (a row in {@code scheduled_tasks}) that one replica at a time picks with a row
 * lock and keeps alive with heartbeats; if that replica dies, another revives the task. The scan runs right
 * after start and then every {@code scan-interval}; the dispatcher every {@code dispatch-interval}. Starts once
 * the database is migrated ({@link DatabaseReady}); off in commands and tests ({@code scheduler-enabled}).
 */
@Component
class NotificationScheduler {

    static final String DISPATCH = "outbox-dispatch";
    static final String SCAN = "reminder-scan";
    private static final Logger log = LoggerFactory.getLogger(NotificationScheduler.class);

    private final DataSource dataSource;
    private final Dispatcher dispatcher;
    private final Reminders reminders;
    private final NotificationSettings settings;
    private final Clock clock;
    private volatile @Nullable Scheduler scheduler;

    NotificationScheduler(
            DataSource dataSource,
            Dispatcher dispatcher,
            Reminders reminders,
            NotificationSettings settings,
            Clock clock) {
        this.dataSource = dataSource;
        this.dispatcher = dispatcher;
        this.reminders = reminders;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(DatabaseReady.class)
    synchronized void start() {
        if (!settings.schedulerEnabled() || scheduler != null) {
            return;
        }
        RecurringTask<Void> dispatch = Tasks.recurring(DISPATCH, FixedDelay.of(settings.dispatchInterval()))
                .execute((instance, context) -> dispatcher.drain(clock.instant()));
        RecurringTask<Void> scan = Tasks.recurring(SCAN, FixedDelay.of(settings.scanInterval()))
                .execute((instance, context) -> {
                    int written = reminders.scan(clock.instant());
                    if (written > 0) {
                        log.info("Reminder scan wrote {} messages", written);
                    }
                });
        Duration polling = settings.dispatchInterval().compareTo(Duration.ofSeconds(10)) < 0
                ? settings.dispatchInterval()
                : Duration.ofSeconds(10);
        Scheduler started = Scheduler.create(unwrapped(dataSource))
                .startTasks(List.of(dispatch, scan))
                .pollingInterval(polling)
                .threads(2)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        started.start();
        scheduler = started;
        log.info(
                "Notifications: dispatcher every {}, reminder scan every {}",
                settings.dispatchInterval(),
                settings.scanInterval());
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        Scheduler running = scheduler;
        if (running != null) {
            running.stop();
            scheduler = null;
        }
    }

    /** The pool itself, not the tracing proxy: the scheduler's polling is not worth a span every few seconds. */
    private static DataSource unwrapped(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                return dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
            }
        } catch (SQLException e) {
            log.debug("Using the data source as it is: {}", e.getMessage());
        }
        return dataSource;
    }
}
