package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newplos.NewplosApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The README's `./mvnw spring-boot:run`: no database configured → embedded PostgreSQL with kept data. */
class DefaultRunTests {

    @TempDir
    Path dataDir;

    @Test
    void runsOnEmbeddedPostgresAndKeepsDataAcrossARestart() {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getEnvironment().getProperty("newplos.database.embedded"))
                    .isEqualTo("true");
            assertThat(app.getEnvironment().getProperty("spring.datasource.url"))
                    .startsWith("jdbc:postgresql://localhost:");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SHOW server_version").query(String.class).single())
                    .startsWith("18.");
            assertThat(count(jdbc, "SELECT count(*) FROM users WHERE role = 'ADMIN'"))
                    .isEqualTo(1);
            jdbc.sql("INSERT INTO plans (name, price, billing_period) VALUES ('Kept across restarts', 1, 'MONTHLY')")
                    .update();
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                .as("the embedded server stopped with the application")
                .isFalse();

        try (ConfigurableApplicationContext app = start()) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(count(jdbc, "SELECT count(*) FROM plans WHERE name = 'Kept across restarts'"))
                    .isEqualTo(1);
            assertThat(count(jdbc, "SELECT count(*) FROM users"))
                    .as("no second admin")
                    .isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(NewplosApplication.class)
                .run("--newplos.database.embedded-enabled=true", "--newplos.data-dir=" + dataDir, "--server.port=0");
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
