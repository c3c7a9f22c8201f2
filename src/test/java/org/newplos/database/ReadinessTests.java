package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newplos.TestDatabase;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** S4, S5, S6, S7, S10: start order, readiness and the 503 guard, against real servers. */
@Tag("database")
class ReadinessTests {

    static TestDatabase server = TestDatabase.server();
    final List<String> databases = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void drop() {
        databases.forEach(server::dropDatabase);
    }

    @Test
    void s4PendingWithMigrateOnStartOffIsNotReadyUntilMigrated() {
        String database = server.createDatabase("newplos_s4");
        databases.add(database);
        try (ConfigurableApplicationContext app =
                LifecycleSupport.start(server, database, "--newplos.migrate-on-start=false")) {
            assertThat(LifecycleSupport.status(app, "/livez")).isEqualTo(200);
            HttpResponse<String> ready = LifecycleSupport.get(app, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).doesNotContain("pending"); // anonymous: status only
            assertThat(app.getBean(DatabaseStatus.class).reason())
                    .contains("pending", "V1", "NEWPLOS_MIGRATE_ON_START is off");
            HttpResponse<String> data = LifecycleSupport.get(app, "/api/v1/plans");
            assertThat(data.statusCode()).isEqualTo(503);
            assertThat(data.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
            assertThat(data.headers().firstValue("Retry-After")).isPresent();
            assertThat(data.body()).contains("pending");

            // an operator runs 'newplos migrate': the running instance notices and becomes ready
            new Migrations(LifecycleSupport.settings(
                            server.jdbcUrl(database), server.username(), server.password(), Map.of()))
                    .migrate();
            LifecycleSupport.await(
                    "ready after migrate",
                    Duration.ofSeconds(20),
                    () -> LifecycleSupport.status(app, "/readyz") == 200);
            assertThat(LifecycleSupport.status(app, "/api/v1/plans")).isIn(200, 401);
        }
    }

    @Test
    void s5EditedAppliedMigrationStopsTheStartNamingTheFileAndTheFix() {
        String database = server.createDatabase("newplos_s5");
        databases.add(database);
        DatabaseSettings settings =
                LifecycleSupport.settings(server.jdbcUrl(database), server.username(), server.password(), Map.of());
        new Migrations(settings).migrate();
        jdbc(server.jdbcUrl(database))
                .sql("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'")
                .update();
        assertThatThrownBy(() -> new Migrations(settings).migrate())
                .hasMessageContaining("V1__core_schema.sql")
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("new migration");
        assertThatThrownBy(() -> LifecycleSupport.start(server, database))
                .hasStackTraceContaining("V1__core_schema.sql")
                .hasStackTraceContaining("checksum mismatch");
    }

    @Test
    void s6AndS7ServerDownAtStartThenUpThenAwayAndBack() throws Exception {
        int port = freePort();
        String url = "jdbc:postgresql://localhost:" + port + "/newplos_s6";
        try (ConfigurableApplicationContext app = LifecycleSupport.start(url, "postgres", "")) {
            // S6: alive without the database, not ready, data endpoints 503
            assertThat(LifecycleSupport.status(app, "/livez")).isEqualTo(200);
            assertThat(LifecycleSupport.status(app, "/actuator/health/liveness"))
                    .isEqualTo(200);
            assertThat(LifecycleSupport.status(app, "/readyz")).isEqualTo(503);
            assertThat(LifecycleSupport.status(app, "/actuator/health/readiness"))
                    .isEqualTo(503);
            assertThat(LifecycleSupport.status(app, "/api/v1/plans")).isEqualTo(503);

            EmbeddedPostgres postgres = startPostgres(port);
            try {
                long up = System.nanoTime();
                LifecycleSupport.await(
                        "ready once the server is up",
                        Duration.ofSeconds(30),
                        () -> LifecycleSupport.status(app, "/readyz") == 200);
                System.out.printf("S6 ready %d ms after the server came up%n", (System.nanoTime() - up) / 1_000_000);
            } finally {
                postgres.close();
            }
            // S7: readiness follows the database
            LifecycleSupport.await(
                    "not ready while the server is away",
                    Duration.ofSeconds(10),
                    () -> LifecycleSupport.status(app, "/readyz") == 503);
            assertThat(LifecycleSupport.status(app, "/livez")).isEqualTo(200);
            postgres = startPostgres(port);
            try {
                LifecycleSupport.await(
                        "ready again", Duration.ofSeconds(20), () -> LifecycleSupport.status(app, "/readyz") == 200);
                assertThat(LifecycleSupport.get(app, "/readyz").body()).contains("UP");
            } finally {
                postgres.close();
            }
        }
    }

    /**
     * The context starts without a single connection from the pool: the database may not exist yet (the
     * lifecycle creates it after the web server is up), and every attempt would wait out the pool's connection
     * timeout (Spring Session used to ask twice: 2 x 5 s on a missing database).
     */
    @Test
    void contextStartsWithoutTouchingThePoolEvenWhenTheDatabaseIsMissing() throws Exception {
        String database = TestDatabase.uniqueName("newplos_nopool"); // never created
        try (ConfigurableApplicationContext app = LifecycleSupport.start(
                server,
                database,
                "--newplos.database.lifecycle-enabled=false",
                "--spring.datasource.hikari.connection-timeout=60000")) {
            HikariDataSource pool = app.getBean(DataSource.class).unwrap(HikariDataSource.class);
            assertThat(pool.isRunning())
                    .as("pool started during the context start")
                    .isFalse();
            assertThat(LifecycleSupport.status(app, "/livez")).isEqualTo(200);
            assertThat(LifecycleSupport.status(app, "/readyz")).isEqualTo(503);
            assertThat(pool.isRunning()).as("pool started by the probes").isFalse();
        }
    }

    @Test
    void s10ThreeInstancesAgainstOneEmptyDatabaseMigrateOnceAndAllBecomeReady() throws Exception {
        String database = TestDatabase.uniqueName("newplos_s10");
        databases.add(database);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        // Three Spring Boot starts in one JVM race on (re)initialising the shared logging system; what this test
        // is about — three instances migrating one database at once — happens later, so logging stays as it is.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starts.add(pool.submit(() -> LifecycleSupport.start(server, database)));
            }
            for (Future<ConfigurableApplicationContext> start : starts) {
                apps.add(start.get());
            }
            for (ConfigurableApplicationContext app : apps) {
                assertThat(LifecycleSupport.status(app, "/readyz")).isEqualTo(200);
            }
            JdbcClient sql = jdbc(server.jdbcUrl(database));
            assertThat(sql.sql("SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"
                                    + " GROUP BY version HAVING count(*) > 1")
                            .query(Long.class)
                            .list())
                    .as("each migration applied once")
                    .isEmpty();
            assertThat(sql.sql("SELECT count(*) FROM flyway_schema_history WHERE NOT success")
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            apps.forEach(ConfigurableApplicationContext::close);
            pool.shutdownNow();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("unix_socket_directories", "")
                .start();
    }

    private static JdbcClient jdbc(String url) {
        return JdbcClient.create(
                new SimpleDriverDataSource(new org.postgresql.Driver(), url, server.username(), server.password()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
