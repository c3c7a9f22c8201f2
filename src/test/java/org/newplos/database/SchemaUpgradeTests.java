package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.TestDatabase;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** S11: migrations on real PostgreSQL, from empty and from the previous release's schema with data in it. */
@Tag("database")
class SchemaUpgradeTests {

    static TestDatabase server = TestDatabase.server();
    String database;

    @AfterEach
    void drop() {
        server.dropDatabase(database);
    }

    @Test
    void fromEmptyToLatest() {
        database = server.createDatabase("newplos_s11a");
        Migrations migrations = migrations();
        assertThat(migrations.status().pending()).isNotEmpty();
        assertThat(migrations.migrate()).hasSizeGreaterThanOrEqualTo(3);
        Migrations.MigrationStatus status = migrations.status();
        assertThat(status.upToDate()).isTrue();
        assertThat(status.currentVersion()).isEqualTo(status.expectedVersion());
    }

    @Test
    void fromThePreviousReleaseWithDataKeepsTheData() throws Exception {
        database = server.createDatabase("newplos_s11b");
        var dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), server.jdbcUrl(database), server.username(), server.password());
        // The previous release: schema version 1 (V1__core_schema.sql), with its data (fixture).
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("1")
                .load()
                .migrate();
        JdbcClient sql = JdbcClient.create(dataSource);
        String fixture =
                new ClassPathResource("fixtures/release-v1-data.sql").getContentAsString(StandardCharsets.UTF_8);
        sql.sql(fixture).update();
        String before = snapshot(sql);

        assertThat(migrations().migrate()).isNotEmpty().noneMatch(m -> m.startsWith("V1 "));

        assertThat(snapshot(sql)).isEqualTo(before);
        assertThat(sql.sql("SELECT full_name FROM members WHERE email = 'zoe@example.com'")
                        .query(String.class)
                        .single())
                .isEqualTo("Zoë Ångström");
        assertThat(migrations().status().upToDate()).isTrue();
    }

    private static String snapshot(JdbcClient sql) {
        return String.join(
                "\n",
                sql.sql("SELECT name || price || billing_period FROM plans ORDER BY id")
                        .query(String.class)
                        .list()
                        .toString(),
                sql.sql("SELECT code || name || monthly_rate FROM spaces ORDER BY id")
                        .query(String.class)
                        .list()
                        .toString(),
                sql.sql("SELECT full_name || email || joined_on || plan_id FROM members ORDER BY id")
                        .query(String.class)
                        .list()
                        .toString(),
                sql.sql("SELECT member_id || ':' || space_id || period || monthly_rate || deposit || status"
                                + " FROM leases ORDER BY id")
                        .query(String.class)
                        .list()
                        .toString(),
                sql.sql("SELECT email || role FROM users ORDER BY id")
                        .query(String.class)
                        .list()
                        .toString());
    }

    private Migrations migrations() {
        return new Migrations(
                LifecycleSupport.settings(server.jdbcUrl(database), server.username(), server.password(), Map.of()));
    }
}
