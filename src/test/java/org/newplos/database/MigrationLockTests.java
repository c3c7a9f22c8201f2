package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.TestDatabase;

/**
 * A migration that cannot get its table lock within {@code lock_timeout} gives up (so traffic queued
 * behind it never waits longer), is rolled back whole, and is tried again; when the table stays held,
 * it fails with a message that says what to look for, and nothing is recorded as failed.
 */
@Tag("database")
class MigrationLockTests {

    static final TestDatabase server = TestDatabase.server();
    String database;

    @BeforeEach
    void migratedDatabase() {
        database = server.createDatabase("newplos_locks");
        assertThat(migrations().migrate()).isNotEmpty();
    }

    @AfterEach
    void dropIt() {
        server.dropDatabase(database);
    }

    @Test
    void aMigrationWaitingForABusyTableIsTriedAgainAndLands() throws Exception {
        try (Connection reader = holdPlans()) {
            CompletableFuture<Void> release = CompletableFuture.runAsync(
                    () -> commit(reader), CompletableFuture.delayedExecutor(900, TimeUnit.MILLISECONDS));
            List<String> applied = migrationsWithTestLocation().migrate();
            release.join();
            assertThat(applied).singleElement().asString().startsWith("V9100 locking add column");
        }
        assertThat(migrationsWithTestLocation().status().upToDate()).isTrue();
    }

    @Test
    void aTableHeldThroughoutFailsTheMigrationClearlyAndRecordsNoFailure() throws Exception {
        try (Connection reader = holdPlans()) {
            assertThatThrownBy(() -> migrationsWithTestLocation().migrate())
                    .isInstanceOf(DatabaseSetupException.class)
                    .hasMessageContaining("lock_timeout")
                    .hasMessageContaining("pg_stat_activity");
            commit(reader);
        }
        Migrations.MigrationStatus status = migrationsWithTestLocation().status();
        assertThat(status.failed()).isEmpty();
        assertThat(status.pending()).containsExactly("V9100 locking add column");
    }

    @Test
    void aConcurrentIndexBuildWaitsForOpenTransactionsLongerThanLockTimeout() throws Exception {
        String older = server.createDatabase("newplos_cic");
        try {
            Flyway.configure()
                    .dataSource(server.jdbcUrl(older), server.username(), server.password())
                    .locations("classpath:db/migration")
                    .configuration(Migrations.SESSION_LOCK)
                    .target("4")
                    .load()
                    .migrate();
            Migrations migrations = new Migrations(LifecycleSupport.settings(
                    server.jdbcUrl(older),
                    server.username(),
                    server.password(),
                    Map.of("newplos.database.migration-lock-timeout", "200ms")));
            // V5 builds its indexes CONCURRENTLY: it must wait for this writer to finish; its lock does not
            // block writes, so it waits past lock_timeout instead of giving up.
            try (Connection reader =
                    DriverManager.getConnection(server.jdbcUrl(older), server.username(), server.password())) {
                reader.setAutoCommit(false);
                try (Statement statement = reader.createStatement()) {
                    statement.execute("UPDATE members SET notes = notes WHERE id = 0");
                }
                CompletableFuture<Void> release = CompletableFuture.runAsync(
                        () -> commit(reader), CompletableFuture.delayedExecutor(900, TimeUnit.MILLISECONDS));
                // V5 first; the later migrations (V6…) follow it in the same call.
                assertThat(migrations.migrate()).first().asString().startsWith("V5 read query indexes");
                release.join();
            }
            assertThat(migrations.status().failed()).isEmpty();
            assertThat(migrations.status().upToDate()).isTrue();
        } finally {
            server.dropDatabase(older);
        }
    }

    /** A transaction that has read plans and stays open: it holds ACCESS SHARE, which ALTER TABLE must wait for. */
    private Connection holdPlans() throws Exception {
        Connection connection =
                DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT count(*) FROM plans");
        }
        return connection;
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Migrations migrations() {
        return new Migrations(
                LifecycleSupport.settings(server.jdbcUrl(database), server.username(), server.password(), Map.of()));
    }

    private Migrations migrationsWithTestLocation() {
        return new Migrations(LifecycleSupport.settings(
                server.jdbcUrl(database),
                server.username(),
                server.password(),
                Map.of(
                        "spring.flyway.locations", "classpath:db/migration,classpath:db/locking",
                        "newplos.database.migration-lock-timeout", "200ms")));
    }
}
