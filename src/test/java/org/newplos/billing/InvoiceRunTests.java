package org.newplos.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.common.ConflictException;
import org.newplos.common.PageRequest;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.leases.RateChangeRequest;
import org.newplos.locations.Location;
import org.newplos.members.Member;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@Import(BillingFixtures.class)
class InvoiceRunTests {

    static final LocalDate JAN_31 = LocalDate.of(2027, 1, 31);

    @Autowired
    Fixtures fixtures;

    @Autowired
    BillingFixtures billing;

    @Autowired
    InvoiceRuns runs;

    @Autowired
    Billing staff;

    @Autowired
    Invoices invoices;

    @Autowired
    Leasing leasing;

    @Autowired
    JdbcClient jdbc;

    record Setup(Location location, Member member, Space space) {}

    Setup setup(String vat) {
        Location location = billing.location(vat, LocalDate.of(2020, 1, 1));
        Space space = fixtures.space(SpaceType.DESK, "310.00");
        billing.place(space.id(), location);
        return new Setup(location, fixtures.member("Ada Lovelace"), space);
    }

    Lease lease(Setup s, LocalDate start, LocalDate end, String rate, String deposit) {
        return leasing.book(new LeaseRequest(
                s.member().id(), s.space().id(), start, end, new BigDecimal(rate), new BigDecimal(deposit), null));
    }

    List<InvoiceLine> linesOfRun(long runId) {
        return invoices.list(InvoiceFilter.ofRun(runId), PageRequest.of(null, 500)).items().stream()
                .flatMap(i -> invoices.lines(i.id()).stream())
                .toList();
    }

    @Autowired
    org.newplos.members.Members members;

    @Autowired
    org.newplos.plans.PlanMemberships memberships;

    @Test
    void theMemberRecordDrivesPlanBillingAndALeaverIsNeverChargedAfterTheirLastDay() {
        var flex = fixtures.plan("90.00", org.newplos.plans.BillingPeriod.MONTHLY);
        var studio = fixtures.plan("60.00", org.newplos.plans.BillingPeriod.MONTHLY);
        var created = members.create(new org.newplos.members.MemberRequest(
                "Plan Holder",
                "plan-" + System.nanoTime() + "@example.com",
                null,
                null,
                org.newplos.members.MemberStatus.ACTIVE,
                flex.id(),
                LocalDate.of(2027, 1, 10),
                null));
        var changed = new org.newplos.members.MemberRequest(
                created.fullName(),
                created.email(),
                null,
                null,
                org.newplos.members.MemberStatus.ACTIVE,
                studio.id(),
                created.joinedOn(),
                null);
        members.update(created.id(), changed, LocalDate.of(2027, 1, 20));
        var left = new org.newplos.members.MemberRequest(
                created.fullName(),
                created.email(),
                null,
                null,
                org.newplos.members.MemberStatus.LEFT,
                studio.id(),
                created.joinedOn(),
                null);
        members.update(created.id(), left, LocalDate.of(2027, 2, 20));

        assertThat(memberships.forMember(created.id()))
                .extracting(m -> m.planName().equals(flex.name()) + " " + m.start() + ".." + m.end())
                .containsExactly("false 2027-01-20..2027-02-21", "true 2027-01-10..2027-01-20");
        long main = jdbc.sql("SELECT id FROM locations WHERE code = 'MAIN'")
                .query(Long.class)
                .single();
        runs.run(main, LocalDate.of(2027, 4, 1), "test", false);
        List<String> lines =
                jdbc.sql("""
                        SELECT lower(l.billed) || '..' || upper(l.billed) || '=' || l.amount
                        FROM invoice_lines l JOIN plan_memberships pm ON pm.id = l.plan_membership_id
                        WHERE pm.member_id = :member ORDER BY lower(l.billed)
                        """).param("member", created.id()).query(String.class).list();
        // 10 of 31 days of 90.00; a full month of 60.00; its last day, 1 of 28 days of 60.00. Nothing after.
        assertThat(lines)
                .containsExactly(
                        "2027-01-10..2027-01-20=29.03", "2027-01-20..2027-02-20=60.00", "2027-02-20..2027-02-21=2.14");
    }

    @Test
    void aLeaseFromThe31stIsBilledByPeriodsFromItsStartClampedToMonthEnds() {
        Setup s = setup("21.00");
        lease(s, JAN_31, null, "310.00", "0");

        RunPreview preview = runs.run(s.location().id(), LocalDate.of(2027, 3, 31), "test", false);

        assertThat(linesOfRun(preview.runId()))
                .extracting(l -> l.billedFrom() + ".." + l.billedTo() + "=" + l.amount())
                .containsExactly(
                        "2027-01-31..2027-02-28=310.00",
                        "2027-02-28..2027-03-31=310.00",
                        "2027-03-31..2027-04-30=310.00");
        assertThat(preview.net()).isEqualByComparingTo("930.00");
        assertThat(preview.vat()).isEqualByComparingTo("195.30");
    }

    @Test
    void reRunningAddsNothingAndACatchUpRunBillsWhatMonthlyRunsWould() {
        Setup s = setup("0");
        lease(s, LocalDate.of(2027, 1, 15), LocalDate.of(2027, 6, 10), "100.00", "0");

        RunPreview first = runs.run(s.location().id(), LocalDate.of(2027, 4, 1), "test", false);
        RunPreview again = runs.run(s.location().id(), LocalDate.of(2027, 4, 1), "test", false);
        RunPreview later = runs.run(s.location().id(), LocalDate.of(2027, 12, 1), "test", false);

        assertThat(first.lines()).isEqualTo(3);
        assertThat(again.lines()).isZero();
        assertThat(linesOfRun(later.runId()))
                .extracting(l -> l.billedFrom() + ".." + l.billedTo() + "=" + l.amount())
                .containsExactly("2027-04-15..2027-05-15=100.00", "2027-05-15..2027-06-10=83.87");
    }

    @Test
    void endingALeaseEarlyAfterIssuingCreditsExactlyTheDaysConcerned() {
        Setup s = setup("21.00");
        Lease lease = lease(s, LocalDate.of(2027, 1, 1), null, "310.00", "0");
        RunPreview run = runs.run(s.location().id(), LocalDate.of(2027, 1, 1), "test", false);
        staff.issueRun(run.runId(), LocalDate.of(2027, 1, 1));

        leasing.end(lease.id(), LocalDate.of(2027, 1, 21));

        Invoice credit = invoices.list(
                        new InvoiceFilter(
                                s.location().id(), null, InvoiceKind.CREDIT_NOTE, null, null, null, null, null),
                        PageRequest.of(null, 10))
                .items()
                .get(0);
        assertThat(credit.status()).isEqualTo(InvoiceStatus.ISSUED);
        assertThat(credit.number()).startsWith(s.location().invoicePrefix() + "-CN-");
        assertThat(credit.netTotal()).isEqualByComparingTo("-110.00"); // 11 of 31 days of 310.00
        assertThat(credit.total()).isEqualByComparingTo("-133.10");
        assertThat(runs.run(s.location().id(), LocalDate.of(2027, 3, 1), "test", false)
                        .lines())
                .isZero();
    }

    @Test
    void aRateChangeOnThe15thCreditsAndRebillsTheRestOfThePeriod() {
        Setup s = setup("0");
        Lease lease = lease(s, LocalDate.of(2027, 3, 1), null, "310.00", "0");
        staff.issueRun(
                runs.run(s.location().id(), LocalDate.of(2027, 3, 1), "test", false)
                        .runId(),
                LocalDate.of(2027, 3, 1));

        leasing.changeRate(
                lease.id(), new RateChangeRequest(LocalDate.of(2027, 3, 15), null, new BigDecimal("620.00")));
        RunPreview next = runs.run(s.location().id(), LocalDate.of(2027, 3, 20), "test", false);

        assertThat(linesOfRun(next.runId()))
                .extracting(l -> l.billedFrom() + ".." + l.billedTo() + "=" + l.amount())
                .containsExactly("2027-03-15..2027-04-01=340.00");
        BigDecimal billed = jdbc.sql("SELECT sum(amount) FROM invoice_lines WHERE lease_id = :id")
                .param("id", lease.id())
                .query(BigDecimal.class)
                .single();
        assertThat(billed).isEqualByComparingTo("480.00"); // 14 days at 310 + 17 days at 620, over 31
    }

    @Test
    void depositIsInvoicedAtStartAndRefundedLessWhatIsKeptWhenTheLeaseEnds() {
        Setup s = setup("21.00");
        Lease lease = lease(s, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 1), "100.00", "500.00");
        RunPreview first = runs.run(s.location().id(), LocalDate.of(2027, 1, 1), "test", false);
        assertThat(linesOfRun(first.runId()))
                .extracting(InvoiceLine::kind, InvoiceLine::vatRate)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(LineKind.RENT, new BigDecimal("21.00")),
                        org.assertj.core.groups.Tuple.tuple(LineKind.DEPOSIT, new BigDecimal("0.00")));
        staff.issueRun(first.runId(), LocalDate.of(2027, 1, 1));
        staff.settleDeposit(lease.id(), new BigDecimal("120.00"), "Broken chair");

        RunPreview after = runs.run(s.location().id(), LocalDate.of(2027, 2, 1), "test", false);

        assertThat(after.creditNotes()).isEqualTo(1);
        assertThat(linesOfRun(after.runId())).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LineKind.DEPOSIT_REFUND);
            assertThat(l.amount()).isEqualByComparingTo("-380.00");
            assertThat(l.description()).contains("Broken chair");
        });
    }

    @Test
    void partialPaymentsSettleTheInvoiceAndAnOverpaymentIsCreditForTheNext() {
        Setup s = setup("0");
        lease(s, LocalDate.of(2027, 1, 1), null, "100.00", "0");
        staff.issueRun(
                runs.run(s.location().id(), LocalDate.of(2027, 1, 1), "test", false)
                        .runId(),
                LocalDate.of(2027, 1, 1));
        Invoice jan = invoices.list(
                        new InvoiceFilter(s.location().id(), null, InvoiceKind.INVOICE, null, null, null, null, null),
                        PageRequest.of(null, 10))
                .items()
                .get(0);

        staff.recordPayment(new PaymentRequest(
                jan.id(), null, null, PaymentMethod.CASH, LocalDate.of(2027, 1, 5), new BigDecimal("40.00"), null));
        assertThat(invoices.get(jan.id()).outstanding()).isEqualByComparingTo("60.00");
        staff.recordPayment(new PaymentRequest(
                jan.id(), null, null, PaymentMethod.CARD, LocalDate.of(2027, 1, 6), new BigDecimal("80.00"), "card"));
        assertThat(invoices.get(jan.id()).outstanding()).isEqualByComparingTo("0.00");

        staff.issueRun(
                runs.run(s.location().id(), LocalDate.of(2027, 2, 1), "test", false)
                        .runId(),
                LocalDate.of(2027, 2, 1));
        Invoice feb = invoices.list(
                        new InvoiceFilter(s.location().id(), null, InvoiceKind.INVOICE, null, null, null, null, null),
                        PageRequest.of(null, 10))
                .items()
                .get(0);
        assertThat(invoices.get(feb.id()).outstanding()).isEqualByComparingTo("80.00");
        assertThat(invoices.balances(s.member().id(), LocalDate.of(2027, 2, 1)))
                .filteredOn(b -> b.locationId() == s.location().id())
                .singleElement()
                .satisfies(b -> assertThat(b.balance()).isEqualByComparingTo("80.00"));
    }

    @Test
    void issuedInvoicesCannotBeChangedOrPaidWhenVoid() {
        Setup s = setup("0");
        lease(s, LocalDate.of(2027, 1, 1), null, "100.00", "0");
        RunPreview run = runs.run(s.location().id(), LocalDate.of(2027, 1, 1), "test", false);
        long draft = run.members().get(0).invoiceId();
        staff.voidDraft(draft);

        assertThatThrownBy(() -> staff.recordPayment(new PaymentRequest(
                        draft, null, null, PaymentMethod.CASH, LocalDate.of(2027, 1, 5), BigDecimal.TEN, null)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("VOID");
        RunPreview again = runs.run(s.location().id(), LocalDate.of(2027, 1, 1), "test", false);
        assertThat(again.lines()).isEqualTo(1);
        staff.issueRun(again.runId(), LocalDate.of(2027, 1, 2));
        long issued = again.members().get(0).invoiceId();
        assertThatThrownBy(() -> jdbc.sql("UPDATE invoices SET billing_name = 'x' WHERE id = :id")
                        .param("id", issued)
                        .update())
                .hasMessageContaining("credit notes only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE invoice_lines SET amount = 1 WHERE invoice_id = :id")
                        .param("id", issued)
                        .update())
                .hasMessageContaining("only a credit note");
        assertThatThrownBy(() -> staff.voidDraft(issued)).isInstanceOf(ConflictException.class);
    }
}
