package org.newplos.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.billing.BillingReport.Arrears;
import org.newplos.billing.BillingReport.ChurnMonth;
import org.newplos.billing.BillingReport.MrrCheck;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.leases.RateChangeRequest;
import org.newplos.locations.Location;
import org.newplos.members.Member;
import org.newplos.plans.BillingPeriod;
import org.newplos.plans.Plan;
import org.newplos.plans.PlanMembershipRequest;
import org.newplos.plans.PlanMemberships;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The billing reports on real PostgreSQL, each over a location of its own with a handful of leases, plans,
 * invoices and payments whose answer is worked out by hand in the comments.
 */
@IntegrationTest
@Import(BillingFixtures.class)
class BillingReportsTests {

    static final LocalDate JAN_1 = LocalDate.of(2027, 1, 1);

    @Autowired
    Fixtures fixtures;

    @Autowired
    BillingFixtures billing;

    @Autowired
    BillingReports reports;

    @Autowired
    InvoiceRuns runs;

    @Autowired
    Billing staff;

    @Autowired
    Invoices invoices;

    @Autowired
    Leasing leasing;

    @Autowired
    PlanMemberships memberships;

    @Autowired
    MockMvcTester mvc;

    Space space(Location location) {
        Space space = fixtures.space(SpaceType.DESK, "100.00");
        billing.place(space.id(), location);
        return space;
    }

    Lease lease(Member m, Space s, LocalDate start, LocalDate end, String rate, String deposit) {
        return leasing.book(
                new LeaseRequest(m.id(), s.id(), start, end, new BigDecimal(rate), new BigDecimal(deposit), null));
    }

    /** A draft with one charge, issued on a day: an invoice of exactly that amount (at the location's VAT). */
    Invoice invoice(Location location, Member m, String amount, LocalDate issuedOn) {
        Invoice draft = staff.createDraft(m.id(), location.id());
        staff.addLine(draft.id(), new LineRequest("Services", new BigDecimal(amount), null));
        return staff.issue(draft.id(), issuedOn);
    }

    void pay(Location location, Member m, String amount, LocalDate on) {
        staff.recordPayment(new PaymentRequest(
                null, m.id(), location.id(), PaymentMethod.BANK_TRANSFER, on, new BigDecimal(amount), null));
    }

    @Test
    void revenueIsInvoicedLessCreditedByIssueMonthWithoutDeposits() {
        Location location = billing.location("21.00", LocalDate.of(2020, 1, 1));
        Member ada = fixtures.member("Ada Revenue");
        Lease lease = lease(ada, space(location), JAN_1, null, "100.00", "300.00");
        // January: rent 100.00 and a deposit of 300.00 (held, not revenue).
        staff.issueRun(runs.run(location.id(), JAN_1, "test", false).runId(), JAN_1);
        // February: a one-off invoice of a 50.00 charge and a 10.00 discount.
        Invoice draft = staff.createDraft(ada.id(), location.id());
        staff.addLine(draft.id(), new LineRequest("Printing", new BigDecimal("50.00"), null));
        staff.addLine(draft.id(), new LineRequest("Loyalty", new BigDecimal("-10.00"), null));
        staff.issue(draft.id(), LocalDate.of(2027, 2, 10));
        // Ending on 21 January credits 11 of 31 days of 100.00 = 35.48, on the location's today; the run of
        // 1 February refunds the deposit (a credit note that is not revenue either).
        leasing.end(lease.id(), LocalDate.of(2027, 1, 21));
        staff.issueRun(
                runs.run(location.id(), LocalDate.of(2027, 2, 1), "test", false).runId(), LocalDate.of(2027, 2, 1));
        Invoice credit = invoices
                .list(
                        new InvoiceFilter(location.id(), null, InvoiceKind.CREDIT_NOTE, null, null, null, null, null),
                        org.newplos.common.PageRequest.of(null, 10))
                .items()
                .stream()
                .filter(i -> i.runId() == null)
                .findFirst()
                .orElseThrow();
        YearMonth creditMonth = YearMonth.from(credit.issuedOn());
        assumeThat(creditMonth).isBefore(YearMonth.of(2027, 1));

        assertThat(reports.revenue(YearMonth.of(2027, 1), YearMonth.of(2027, 3), location.id()))
                .extracting(r -> r.month() + " " + r.invoiced() + " - " + r.credited() + " = " + r.revenue())
                .containsExactly(
                        "2027-01 100.00 - 0.00 = 100.00", "2027-02 40.00 - 0.00 = 40.00", "2027-03 0.00 - 0.00 = 0.00");
        assertThat(reports.revenue(creditMonth, creditMonth, location.id()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.invoiced()).isEqualByComparingTo("0");
                    assertThat(r.credited()).isEqualByComparingTo("35.48");
                    assertThat(r.revenue()).isEqualByComparingTo("-35.48");
                    assertThat(r.currency()).isEqualTo("EUR");
                });
    }

    @Test
    void arrearsAreAgedByDaysPastDueWithPaymentsSettlingTheOldestInvoiceFirst() {
        Location location = billing.location("0", LocalDate.of(2020, 1, 1)); // payment terms: 14 days
        Member bea = fixtures.member("Bea Arrears");
        Member cas = fixtures.member("Cas Arrears");
        invoice(location, bea, "100.00", JAN_1); // due 15 Jan: 95 days late on 20 April
        invoice(location, bea, "50.00", LocalDate.of(2027, 3, 1)); // due 15 Mar: 36 days late
        invoice(location, bea, "20.00", LocalDate.of(2027, 4, 1)); // due 15 Apr: 5 days late
        invoice(location, cas, "80.00", LocalDate.of(2027, 2, 1)); // due 15 Feb: 64 days late
        invoice(location, cas, "40.00", LocalDate.of(2027, 4, 15)); // due 29 Apr: not yet due
        pay(location, bea, "30.00", LocalDate.of(2027, 2, 1)); // settles Bea's oldest: 70.00 left of it
        pay(location, cas, "80.00", LocalDate.of(2027, 6, 1)); // after 20 April: not counted then

        Arrears april =
                reports.arrears(LocalDate.of(2027, 4, 20), location.id()).get(0);

        assertThat(List.of(
                        april.notYetDue(),
                        april.days0to30(),
                        april.days31to60(),
                        april.days61to90(),
                        april.over90(),
                        april.overdue(),
                        april.total()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("40"),
                        new BigDecimal("20"),
                        new BigDecimal("50"),
                        new BigDecimal("80"),
                        new BigDecimal("70"),
                        new BigDecimal("220"),
                        new BigDecimal("260"));
        assertThat(april.overdueInvoices()).isEqualTo(4);

        // By July Cas's 80.00 has settled his February invoice; what is left agrees with invoice_balances.
        Arrears july = reports.arrears(LocalDate.of(2027, 7, 1), location.id()).get(0);
        assertThat(july.total()).isEqualByComparingTo("180.00");
        assertThat(july.over90()).isEqualByComparingTo("120.00"); // 70 (167 days) + 50 (108 days)
        assertThat(july.days61to90()).isEqualByComparingTo("60.00"); // 20 (due 15 April: 77 days) + 40 (63)
    }

    @Test
    void churnCountsMembersInTheMonthOfTheLastDayOfTheirLastLeaseOrPlan() {
        Location location = billing.location("0", LocalDate.of(2020, 1, 1));
        Space s1 = space(location);
        Space s2 = space(location);
        Space s3 = space(location);
        Space s4 = space(location);
        Plan plan = fixtures.plan("90.00", BillingPeriod.MONTHLY);
        Member dora = fixtures.member("Dora Churn");
        Member emil = fixtures.member("Emil Churn");
        Member finn = fixtures.member("Finn Churn");
        Member gus = fixtures.member("Gus Churn");
        lease(dora, s1, JAN_1, LocalDate.of(2027, 3, 1), "100.00", "0"); // last day 28 Feb
        lease(emil, s2, JAN_1, LocalDate.of(2027, 2, 1), "100.00", "0"); // then another lease
        lease(emil, s2, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 5, 1), "100.00", "0"); // last day 30 Apr
        lease(finn, s3, JAN_1, LocalDate.of(2027, 2, 15), "100.00", "0"); // but still on a plan
        memberships.start(new PlanMembershipRequest(finn.id(), plan.id(), JAN_1, null, location.id()));
        Lease cancelled = lease(gus, s4, JAN_1, LocalDate.of(2027, 6, 1), "100.00", "0");
        leasing.cancel(cancelled.id()); // never counts
        memberships.start(new PlanMembershipRequest(
                gus.id(), plan.id(), JAN_1, LocalDate.of(2027, 3, 16), location.id())); // last day 15 Mar

        List<ChurnMonth> churn = reports.churn(YearMonth.of(2027, 1), YearMonth.of(2027, 4), location.id());

        assertThat(churn)
                .extracting(m -> m.month() + ":" + m.churned()
                        + m.members().stream()
                                .map(x -> " " + x.name() + "@" + x.lastDay())
                                .toList())
                .containsExactly(
                        "2027-01:0[]",
                        "2027-02:1[ Dora Churn@2027-02-28]",
                        "2027-03:1[ Gus Churn@2027-03-15]",
                        "2027-04:1[ Emil Churn@2027-04-30]");
    }

    @Test
    void mrrCheckSetsRecurringRatesAgainstWhatWasInvoicedForTheMonthsServiceDays() {
        Location location = billing.location("0", LocalDate.of(2020, 1, 1));
        Member hal = fixtures.member("Hal Mrr");
        Member ida = fixtures.member("Ida Mrr");
        Member kai = fixtures.member("Kai Mrr");
        Member jo = fixtures.member("Jo Mrr");
        Lease h = lease(hal, space(location), JAN_1, null, "100.00", "0");
        leasing.changeRate(h.id(), new RateChangeRequest(LocalDate.of(2027, 2, 1), null, new BigDecimal("200.00")));
        lease(ida, space(location), LocalDate.of(2027, 1, 15), null, "310.00", "0");
        Lease k = lease(kai, space(location), JAN_1, null, "280.00", "0");
        Plan quarterly = fixtures.plan("300.00", BillingPeriod.QUARTERLY);
        memberships.start(
                new PlanMembershipRequest(jo.id(), quarterly.id(), LocalDate.of(2027, 2, 1), null, location.id()));
        LocalDate feb15 = LocalDate.of(2027, 2, 15);
        staff.issueRun(runs.run(location.id(), feb15, "test", false).runId(), feb15);
        leasing.end(k.id(), LocalDate.of(2027, 2, 11)); // credits 18 of 28 February days of 280.00 = 180.00

        MrrCheck feb = reports.mrrCheck(YearMonth.of(2027, 2), location.id()).get(0);

        // On 1 February: Hal 200.00 (his rate change), Ida 310.00, Kai 280.00; Jo 300.00 / 3 = 100.00.
        assertThat(feb.leases()).isEqualTo(3);
        assertThat(feb.leaseMrr()).isEqualByComparingTo("790.00");
        assertThat(feb.planMemberships()).isEqualTo(1);
        assertThat(feb.planMrr()).isEqualByComparingTo("100.00");
        assertThat(feb.mrr()).isEqualByComparingTo("890.00");
        // Invoiced for February's days: Hal 200.00; Ida 14/31 of 310.00 (15 Jan–14 Feb) + 14/28 of 310.00
        // (15 Feb–14 Mar) = 140.00 + 155.00; Kai 280.00 − 180.00; Jo 28/89 of 300.00 (Feb–Apr) = 94.382…
        assertThat(feb.invoiced()).isEqualByComparingTo("689.38");
        assertThat(feb.difference()).isEqualByComparingTo("-200.62");
    }

    @Test
    void theReportsAnswerOnTheApiAndRefuseBadMonthsAndUnknownLocations() {
        Location location = billing.location("0", LocalDate.of(2020, 1, 1));
        ApiClient viewer = ApiClient.as(mvc, "VIEWER");
        String l = "&locationId=" + location.id();
        assertThat(viewer.get("/api/v1/reports/revenue?from=2027-01&to=2027-02" + l))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[1].month")
                .isEqualTo("2027-02");
        assertThat(viewer.get("/api/v1/reports/arrears?asOf=2027-04-20" + l))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[0].locationCode")
                .isEqualTo(location.code());
        assertThat(viewer.get("/api/v1/reports/churn?from=2027-01&to=2027-03" + l))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(3);
        assertThat(viewer.get("/api/v1/reports/mrr-check?month=2027-02" + l))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[0].difference")
                .asNumber()
                .isEqualTo(0.0);

        assertThat(viewer.get("/api/v1/reports/mrr-check?month=2027-13"))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("month must be a month like 2026-01");
        assertThat(viewer.get("/api/v1/reports/revenue?from=2027-03&to=2027-01"))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("to");
        assertThat(viewer.get("/api/v1/reports/arrears?asOf=20-04-2027")).hasStatus(400);
        assertThat(viewer.get("/api/v1/reports/arrears?locationId=987654321"))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("no location with id 987654321");
    }
}
