package org.newplos.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.common.ConflictException;
import org.newplos.leases.LeaseConflictException;
import org.newplos.leases.Leasing;
import org.newplos.members.MemberRequest;
import org.newplos.members.MemberStatus;
import org.newplos.members.Members;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class AuditLogTests {

    @Autowired
    AuditLog audit;

    @Autowired
    Members members;

    @Autowired
    Leasing leasing;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MockMvcTester mvc;

    @Test
    void aMemberUpdateIsRecordedWithTheFieldsThatChanged() {
        var member = fixtures.member("Grace Before");
        members.update(
                member.id(),
                new MemberRequest(
                        "Grace After", member.email(), null, null, MemberStatus.PAUSED, null, member.joinedOn(), null),
                java.time.LocalDate.of(2027, 1, 1));
        List<AuditEntry> history = audit.forRecord("member", member.id(), 10);
        assertThat(history).extracting(AuditEntry::action).containsExactly("updated", "created");
        AuditEntry update = history.get(0);
        assertThat(update.actor()).isEqualTo("system");
        assertThat(update.changes()).containsOnlyKeys("fullName", "status");
        assertThat(update.changes().get("fullName")).isEqualTo(new AuditEntry.Change("Grace Before", "Grace After"));
        // A new record lists its filled-in fields in the record's order; empty ones are left out.
        assertThat(history.get(1).changes().keySet())
                .startsWith("id", "fullName", "email")
                .doesNotContain("phone", "notes");
    }

    @Test
    void aRefusedChangeLeavesNoAuditRow() {
        var first = fixtures.member("Dup One");
        var second = fixtures.member("Dup Two");
        assertThatThrownBy(() -> members.update(
                        second.id(),
                        new MemberRequest("Dup Two", first.email().toUpperCase(), null, null, null, null, null, null),
                        java.time.LocalDate.of(2027, 1, 1)))
                .isInstanceOf(ConflictException.class);
        assertThat(audit.forRecord("member", second.id(), 10))
                .extracting(AuditEntry::action)
                .containsExactly("created");

        var space = fixtures.space(SpaceType.DESK, "100.00");
        fixtures.lease(first, space, LocalDate.of(2030, 1, 1), LocalDate.of(2030, 6, 1));
        long before = audit.recent("lease", null, 500).items().size();
        assertThatThrownBy(() -> fixtures.lease(second, space, LocalDate.of(2030, 3, 1), LocalDate.of(2030, 4, 1)))
                .isInstanceOf(LeaseConflictException.class);
        assertThat(audit.recent("lease", null, 500).items()).hasSize((int) before);
    }

    @Test
    void leaseEndAndCancelAreRecorded() {
        var lease = fixtures.lease(
                fixtures.member("Lease History"),
                fixtures.space(SpaceType.OFFICE, "800.00"),
                LocalDate.of(2031, 1, 1),
                null);
        leasing.end(lease.id(), LocalDate.of(2031, 3, 1));
        leasing.cancel(lease.id());
        List<AuditEntry> history = audit.forRecord("lease", lease.id(), 10);
        assertThat(history).extracting(AuditEntry::action).containsExactly("cancelled", "ended", "created");
        assertThat(history.get(1).changes().get("end")).isEqualTo(new AuditEntry.Change(null, "2031-03-01"));
    }

    @Test
    void apiWritesAreRecordedWithTheCallersName() {
        long id = ApiClient.as(mvc, "ADMIN").create("/api/v1/plans", """
                {"name": "Audited %d", "price": 10, "billingPeriod": "MONTHLY"}""".formatted(System.nanoTime()));
        List<AuditEntry> history = audit.forRecord("plan", id, 10);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).actor()).isEqualTo("test-admin");
        assertThat(history.get(0).changes().get("price")).isEqualTo(new AuditEntry.Change(null, "10.00"));
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> audit.record("plan", 1, "updated", null, null)).hasMessageContaining("transaction");
    }

    @Test
    void theHistoryPageIsForAdminsAsFullPageOrPartial() {
        fixtures.member("Shown In History");
        assertThat(mvc.get().uri("/history").with(user("admin").roles("ADMIN")).exchange())
                .hasStatusOk()
                .bodyText()
                .contains("<nav", "History", "Shown In History");
        assertThat(mvc.get()
                        .uri("/history?entity=member")
                        .header("HX-Request", "true")
                        .with(user("admin").roles("ADMIN"))
                        .exchange())
                .hasStatusOk()
                .bodyText()
                .contains("member #")
                .doesNotContain("aria-label=\"Main\"");
        assertThat(mvc.get().uri("/history").with(user("staff").roles("STAFF")).exchange())
                .hasStatus(403);
    }
}
