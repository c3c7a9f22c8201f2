package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With the scheduler on (as in the server), db-scheduler keeps one row per recurring task and runs the
 * dispatcher by itself: a due message is attempted without anyone calling it.
 */
@IntegrationTest
@TestPropertySource(
        properties = {"newplos.notifications.scheduler-enabled=true", "newplos.notifications.dispatch-interval=200ms"})
class NotificationSchedulerTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDispatcherAndTheScanRunAsClusterSafeRecurringTasks() throws InterruptedException {
        long id = jdbc.sql("""
                        INSERT INTO outbox (channel, event_type, dedup_key, recipient, subject_type, subject_id, payload)
                        VALUES ('EMAIL', 'lease.booked', :key, 'ada@example.com', 'lease', 1, '{}')
                        RETURNING id
                        """)
                .param("key", "scheduler-test:" + System.nanoTime())
                .query(Long.class)
                .single();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int attempts = 0;
        while (attempts == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            attempts = jdbc.sql("SELECT count(*) FROM outbox_attempts WHERE message_id = :id")
                    .param("id", id)
                    .query(Integer.class)
                    .single();
        }

        assertThat(attempts).as("attempted by the scheduled dispatcher").isPositive();
        assertThat(jdbc.sql("SELECT task_name FROM scheduled_tasks ORDER BY task_name")
                        .query(String.class)
                        .list())
                .containsExactly(NotificationScheduler.DISPATCH, NotificationScheduler.SCAN);
    }
}
