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

    /** Migrations of releases after notifications (V8 the member portal, V9 …). */
    private static final java.util.regex.Pattern LATER = java.util.regex.Pattern.compile("V([89]|\\d{2,})[ .]");

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

    @Test
    void fromTheFirstWaveReleaseEverySpaceMovesToTheDefaultLocationAndPlansBecomeMemberships() throws Exception {
        database = server.createDatabase("newplos_s11c");
        var dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), server.jdbcUrl(database), server.username(), server.password());
        // The previous release: the first wave's schema (V1–V5), with its data. V5 builds indexes
        // concurrently, so Flyway must hold its lock in a session, as the application does.
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .configuration(Migrations.SESSION_LOCK)
                .target("5")
                .load()
                .migrate();
        JdbcClient sql = JdbcClient.create(dataSource);
        sql.sql(new ClassPathResource("fixtures/release-v1-data.sql").getContentAsString(StandardCharsets.UTF_8))
                .update();
        String before = snapshot(sql);

        assertThat(migrations().migrate())
                .isNotEmpty()
                .allMatch(m -> m.startsWith("V6")
                        || m.startsWith("V7")
                        || LATER.matcher(m).lookingAt());

        assertThat(snapshot(sql)).isEqualTo(before);
        assertThat(sql.sql("SELECT DISTINCT l.code FROM spaces s JOIN locations l ON l.id = s.location_id")
                        .query(String.class)
                        .list())
                .containsExactly("MAIN");
        assertThat(sql.sql("SELECT count(*) FROM spaces WHERE location_id IS NULL")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(sql.sql("""
                        SELECT m.email || ' ' || lower(pm.period) || ' ' || pm.price || ' ' || pm.period_months
                        FROM plan_memberships pm JOIN members m ON m.id = pm.member_id ORDER BY m.email
                        """).query(String.class).list())
                .containsExactly("mateus@example.com 2025-03-01 9600.00 12", "zoe@example.com 2025-01-15 149.00 1");
        // New spaces land in the default location without naming it.
        sql.sql("INSERT INTO spaces (code, name, type, monthly_rate) VALUES ('NEW-1', 'New', 'DESK', 10)")
                .update();
        assertThat(sql.sql("SELECT location_id IS NOT NULL FROM spaces WHERE code = 'NEW-1'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void fromTheBillingReleaseLocationsGetReminderDefaultsAndBillingIsUntouched() throws Exception {
        database = server.createDatabase("newplos_s11d");
        var dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), server.jdbcUrl(database), server.username(), server.password());
        // The previous release: billing (V6_5), with the first wave's data and an issued invoice.
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .configuration(Migrations.SESSION_LOCK)
                .target("6.5")
                .load()
                .migrate();
        JdbcClient sql = JdbcClient.create(dataSource);
        sql.sql(new ClassPathResource("fixtures/release-v1-data.sql").getContentAsString(StandardCharsets.UTF_8))
                .update();
        sql.sql("""
                        INSERT INTO invoices (kind, location_id, member_id, currency, billing_name)
                        SELECT 'INVOICE', default_location_id(), id, 'EUR', full_name FROM members ORDER BY id LIMIT 1
                        """).update();
        sql.sql("INSERT INTO audit_log (actor, entity, entity_id, action) VALUES ('test', 'invoice', 1, 'issued')")
                .update();
        String before = snapshot(sql)
                + sql.sql("SELECT billing_name || status FROM invoices")
                        .query(String.class)
                        .list();

        java.util.List<String> applied = migrations().migrate();
        assertThat(applied.subList(0, 2))
                .satisfiesExactly(
                        m -> assertThat(m).startsWith("V7 notifications"),
                        m -> assertThat(m).startsWith("V7.1 notifications validate"));
        // and the releases after it (V8 member portal, …), which must leave billing as it was too
        assertThat(applied.subList(2, applied.size()))
                .allMatch(m -> LATER.matcher(m).lookingAt());

        assertThat(snapshot(sql)
                        + sql.sql("SELECT billing_name || status FROM invoices")
                                .query(String.class)
                                .list())
                .isEqualTo(before);
        assertThat(sql.sql("SELECT lease_reminder_days::text || overdue_reminder_days::text FROM locations")
                        .query(String.class)
                        .list())
                .containsOnly("{30,7,1}{3,10,30}");
        assertThat(sql.sql("""
                        SELECT count(*) FROM pg_constraint
                        WHERE NOT convalidated AND conrelid IN ('locations'::regclass, 'audit_log'::regclass,
                                                                'invoice_lines'::regclass, 'spaces'::regclass,
                                                                'plans'::regclass)
                        """).query(Long.class).single()).isZero();
        // Room bookings (V9): every location opens Monday to Friday, 08:00–18:00, until staff change it.
        assertThat(sql.sql("""
                        SELECT count(*) FROM locations l
                        WHERE (SELECT count(*) FROM opening_hours o WHERE o.location_id = l.id AND o.opens = '08:00'
                               AND o.closes = '18:00' AND o.weekday BETWEEN 1 AND 5) <> 5
                        """).query(Long.class).single()).isZero();
        assertThat(sql.sql("SELECT count(*) FROM outbox").query(Long.class).single())
                .isZero();
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
