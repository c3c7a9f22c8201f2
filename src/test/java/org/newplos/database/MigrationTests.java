package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.TestDatabase;
import org.postgresql.util.PSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The migrations from an empty database, and the rules they put in the database itself: tested through
 * plain SQL, so no Java code path is needed (or able) to keep them.
 */
@Tag("database")
class MigrationTests {

    static TestDatabase server = TestDatabase.server();
    static String database;
    static JdbcClient sql;
    static MigrateResult result;

    @BeforeAll
    static void migrateAnEmptyDatabase() {
        database = server.createDatabase("newplos_migration");
        var dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), server.jdbcUrl(database), server.username(), server.password());
        result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .configuration(Migrations.SESSION_LOCK)
                .load()
                .migrate();
        sql = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void dropIt() {
        server.dropDatabase(database);
    }

    @Test
    void everyMigrationAppliesToAnEmptyDatabase() {
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        List<String> tables = sql.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                .query(String.class)
                .list();
        assertThat(tables).contains("plans", "spaces", "members", "leases", "users");
        List<String> extensions =
                sql.sql("SELECT extname FROM pg_extension").query(String.class).list();
        assertThat(extensions).contains("pg_trgm", "btree_gin", "btree_gist");
    }

    @Test
    void theReadQueryIndexesAreBuiltConcurrentlyAndValid() {
        // V5 runs outside a transaction (CREATE INDEX CONCURRENTLY); a build that gave up would leave an
        // INVALID index behind.
        List<String> valid = sql.sql("""
                        SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                        WHERE i.indisvalid AND c.relname IN
                            ('leases_space_end_idx', 'members_paying_plan_idx', 'members_name_sort_idx')
                        """).query(String.class).list();
        assertThat(valid)
                .containsExactlyInAnyOrder("leases_space_end_idx", "members_paying_plan_idx", "members_name_sort_idx");
    }

    @Test
    void overlappingLeasesOfOneSpaceAreRejectedByTheDatabaseItself() {
        long space = space("OVL-1");
        long member = member("overlap@example.com");
        insertLease(member, space, "[2030-01-01,2030-03-01)", "ACTIVE");
        assertThatThrownBy(() -> insertLease(member, space, "[2030-02-28,2030-04-01)", "ACTIVE"))
                .hasRootCauseInstanceOf(PSQLException.class)
                .rootCause()
                .hasMessageContaining("leases_no_overlap");
        assertThatThrownBy(() -> insertLease(member, space, "[2029-01-01,)", "ENDED"))
                .rootCause()
                .hasMessageContaining("leases_no_overlap");
    }

    @Test
    void adjacentPeriodsAndCancelledLeasesDoNotCount() {
        long space = space("OVL-2");
        long member = member("adjacent@example.com");
        insertLease(member, space, "[2030-01-01,2030-02-01)", "ACTIVE");
        insertLease(member, space, "[2030-02-01,2030-03-01)", "ACTIVE");
        insertLease(member, space, "[2030-01-15,2030-02-15)", "CANCELLED");
        assertThat(sql.sql("SELECT count(*) FROM leases WHERE space_id = :s")
                        .param("s", space)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void theSameSpaceMayBeLeasedAgainOnlyAfterACancellation() {
        long space = space("OVL-3");
        long member = member("cancel@example.com");
        long first = insertLease(member, space, "[2030-01-01,)", "ACTIVE");
        sql.sql("UPDATE leases SET status = 'CANCELLED' WHERE id = :id")
                .param("id", first)
                .update();
        insertLease(member, space, "[2030-06-01,2030-07-01)", "ACTIVE");
        assertThatThrownBy(() -> sql.sql("UPDATE leases SET status = 'ACTIVE' WHERE id = :id")
                        .param("id", first)
                        .update())
                .rootCause()
                .hasMessageContaining("leases_no_overlap");
    }

    @Test
    void aLeaseNeedsAStartAndANonEmptyPeriod() {
        long space = space("PER-1");
        long member = member("period@example.com");
        assertThatThrownBy(() -> insertLease(member, space, "(,2030-01-01)", "ACTIVE"))
                .rootCause()
                .hasMessageContaining("leases_period_valid");
        assertThatThrownBy(() -> insertLease(member, space, "[2030-01-01,2030-01-01)", "ACTIVE"))
                .rootCause()
                .hasMessageContaining("leases_period_valid");
    }

    @Test
    void memberEmailsAreUniqueWhateverTheirCase() {
        member("Case@Example.com");
        assertThatThrownBy(() -> member("case@example.COM"))
                .rootCause()
                .hasMessageContaining("members_email_lower_key");
    }

    @Test
    void moneyAndCapacitiesCannotBeNegative() {
        assertThatThrownBy(() -> sql.sql("""
                                INSERT INTO plans (name, price, billing_period) VALUES ('Bad', -1, 'MONTHLY')""").update()).rootCause().hasMessageContaining("plans_price_not_negative");
        assertThatThrownBy(() -> sql.sql("""
                                INSERT INTO spaces (code, name, type, capacity, monthly_rate)
                                VALUES ('NEG-1', 'Negative', 'DESK', -1, 10)""").update())
                .rootCause()
                .hasMessageContaining("spaces_capacity_not_negative");
    }

    @Test
    void membersAndSpacesWithLeasesCannotBeDeleted() {
        long space = space("DEL-1");
        long member = member("delete@example.com");
        insertLease(member, space, "[2030-01-01,2030-02-01)", "ENDED");
        assertThatThrownBy(() -> sql.sql("DELETE FROM spaces WHERE id = :id")
                        .param("id", space)
                        .update())
                .rootCause()
                .hasMessageContaining("leases_space_id_fkey");
        assertThatThrownBy(() -> sql.sql("DELETE FROM members WHERE id = :id")
                        .param("id", member)
                        .update())
                .rootCause()
                .hasMessageContaining("leases_member_id_fkey");
    }

    @Test
    void updatedAtFollowsEveryChange() throws InterruptedException {
        long space = space("UPD-1");
        Thread.sleep(5);
        sql.sql("UPDATE spaces SET name = 'Renamed' WHERE id = :id")
                .param("id", space)
                .update();
        assertThat(sql.sql("SELECT updated_at > created_at FROM spaces WHERE id = :id")
                        .param("id", space)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    private static long space(String code) {
        return sql.sql("""
                        INSERT INTO spaces (code, name, type, monthly_rate) VALUES (:code, 'Test space', 'DESK', 100)
                        RETURNING id""").param("code", code).query(Long.class).single();
    }

    private static long member(String email) {
        return sql.sql("INSERT INTO members (full_name, email) VALUES ('Test Member', :email) RETURNING id")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private static long insertLease(long member, long space, String period, String status) {
        return sql.sql("""
                        INSERT INTO leases (member_id, space_id, period, monthly_rate, status)
                        VALUES (:member, :space, CAST(:period AS daterange), 100, :status)
                        RETURNING id""")
                .param("member", member)
                .param("space", space)
                .param("period", period)
                .param("status", status)
                .query(Long.class)
                .single();
    }
}
