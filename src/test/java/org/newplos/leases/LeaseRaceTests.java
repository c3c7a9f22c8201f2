package org.newplos.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.common.ConflictException;
import org.newplos.members.Member;
import org.newplos.members.MemberRequest;
import org.newplos.members.Members;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Issue 16, findings 11 and 13: concurrent changes of one row happen one after the other (the row is held
 * by another transaction while both start, then let go, so both run into each other for sure), and an
 * archived space cannot be leased.
 */
@IntegrationTest
class LeaseRaceTests {

    static final LocalDate START = LocalDate.of(2031, 1, 1);
    static final LocalDate END = LocalDate.of(2032, 1, 1);
    static final LocalDate ENDED_ON = LocalDate.of(2031, 6, 1);

    @Autowired
    Leasing leasing;

    @Autowired
    Members members;

    @Autowired
    Fixtures fixtures;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvcTester mvc;

    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    record Outcome(boolean ok, String error) {}

    @Test
    void endAndCancelAtOnceNeverTurnACancelledLeaseIntoAnEndedOne() throws Exception {
        Member member = fixtures.member("Racing Member");
        for (int i = 0; i < 12; i++) {
            Space space = fixtures.space(SpaceType.DESK, "100");
            long id = fixtures.lease(member, space, START, END).id();
            List<Outcome> outcomes = whileRowIsHeld(
                    "leases",
                    id,
                    () -> outcome(() -> leasing.end(id, ENDED_ON)),
                    () -> outcome(() -> leasing.cancel(id)));
            Outcome end = outcomes.get(0);
            Outcome cancel = outcomes.get(1);
            Lease after = leasing.get(id);
            assertThat(cancel.ok()).as("cancel always succeeds").isTrue();
            assertThat(after.status())
                    .as("cancel came last or first: cancelled either way")
                    .isEqualTo(LeaseStatus.CANCELLED);
            if (end.ok()) {
                assertThat(after.end()).as("end came first").isEqualTo(ENDED_ON);
            } else {
                assertThat(end.error()).contains("cancelled");
                assertThat(after.end())
                        .as("end was refused: the period is untouched")
                        .isEqualTo(END);
            }
        }
    }

    @Test
    void concurrentMemberUpdatesChainTheirHistory() throws Exception {
        Member member = fixtures.member("Original Name");
        whileRowIsHeld(
                "members",
                member.id(),
                () -> outcome(() -> rename(member, "First Name")),
                () -> outcome(() -> rename(member, "Second Name")));
        List<String[]> history = jdbc.sql("""
                        SELECT c->>'before', c->>'after' FROM audit_log a, jsonb_array_elements(a.changes) c
                        WHERE a.entity = 'member' AND a.entity_id = :id AND a.action = 'updated'
                          AND c->>'field' = 'fullName'
                        ORDER BY a.id
                        """)
                .param("id", member.id())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        assertThat(history).hasSize(2);
        assertThat(history.get(0)[0]).isEqualTo("Original Name");
        assertThat(history.get(1)[0])
                .as("the second change starts where the first ended")
                .isEqualTo(history.get(0)[1]);
    }

    @Test
    void anArchivedSpaceCannotBeLeased() {
        Member member = fixtures.member("Archive Tester");
        Space archived = fixtures.space(SpaceType.DESK, "100", false);
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        var refused = staff.post("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2031-01-01"}""".formatted(member.id(), archived.id()));
        assertThat(refused).hasStatus(400);
        assertThat(ApiClient.body(refused)).contains("archived");
        Space active = fixtures.space(SpaceType.DESK, "100");
        long id = fixtures.lease(member, active, START, END).id();
        var moved = staff.put("/api/v1/leases/" + id, """
                {"memberId": %d, "spaceId": %d, "start": "2031-01-01"}""".formatted(member.id(), archived.id()));
        assertThat(moved).hasStatus(400);
        assertThat(leasing.get(id).spaceId()).isEqualTo(active.id());
    }

    private Member rename(Member member, String name) {
        return members.update(
                member.id(),
                new MemberRequest(
                        name,
                        member.email(),
                        member.phone(),
                        member.company(),
                        member.status(),
                        member.planId(),
                        member.joinedOn(),
                        member.notes()),
                java.time.LocalDate.of(2027, 1, 1));
    }

    /** Runs both while another transaction holds the row, waits until both are blocked, then lets go. */
    private List<Outcome> whileRowIsHeld(String table, long id, Supplier<Outcome> first, Supplier<Outcome> second)
            throws Exception {
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT 1 FROM " + table + " WHERE id = " + id + " FOR UPDATE");
            }
            CompletableFuture<Outcome> a = CompletableFuture.supplyAsync(first, threads);
            CompletableFuture<Outcome> b = CompletableFuture.supplyAsync(second, threads);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (waitingOnLocks() < 2 && System.nanoTime() < deadline && !a.isDone() && !b.isDone()) {
                Thread.sleep(20);
            }
            holder.rollback();
            return List.of(a.get(), b.get());
        }
    }

    private long waitingOnLocks() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database()")
                .query(Long.class)
                .single();
    }

    private static Outcome outcome(Supplier<?> change) {
        try {
            change.get();
            return new Outcome(true, "");
        } catch (ConflictException e) {
            return new Outcome(false, e.getMessage());
        }
    }
}
