package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** The rows of the billing reports; amounts are net of VAT, per location in its own currency. */
final class BillingReport {

    private BillingReport() {}

    /**
     * Revenue of a location in a month, by issue month: {@code invoiced} (the lines of issued invoices) less
     * {@code credited} (the lines of issued credit notes) is {@code revenue}. Deposits and their refunds are
     * money held, not revenue, and are left out.
     */
    public record RevenueMonth(
            YearMonth month,
            long locationId,
            String locationCode,
            String currency,
            BigDecimal invoiced,
            BigDecimal credited,
            BigDecimal revenue) {}

    /**
     * What members owe a location on a day, by days past the due day: {@code notYetDue} (due that day or
     * later), then 1–30, 31–60, 61–90 and more than 90 days past due. Payments and credit notes settle the
     * oldest invoice first, as in the invoice_balances view, counting only what was issued or received by
     * {@code asOf}.
     */
    public record Arrears(
            LocalDate asOf,
            long locationId,
            String locationCode,
            String currency,
            BigDecimal notYetDue,
            BigDecimal days0to30,
            BigDecimal days31to60,
            BigDecimal days61to90,
            BigDecimal over90,
            BigDecimal overdue,
            BigDecimal total,
            int overdueInvoices) {}

    /** Members whose last lease or plan membership had its last day in a month, with nothing running after. */
    public record ChurnMonth(YearMonth month, int churned, List<ChurnedMember> members) {}

    /** A member who left: their last day on a lease or plan. */
    public record ChurnedMember(long memberId, String name, LocalDate lastDay) {}

    /**
     * Monthly recurring revenue on the first day of a month (running leases' monthly rates, rate changes
     * included, plus plan memberships' price per month) next to what issued documents billed for the service
     * days in that month: RENT and PLAN lines less their credits, each prorated by its billed days falling in
     * the month. {@code difference} = invoiced − mrr; it is zero for leases and plans running the whole month
     * from a period start on the 1st, and otherwise shows proration, mid-month changes and unbilled days.
     */
    public record MrrCheck(
            YearMonth month,
            long locationId,
            String locationCode,
            String currency,
            int leases,
            BigDecimal leaseMrr,
            int planMemberships,
            BigDecimal planMrr,
            BigDecimal mrr,
            BigDecimal invoiced,
            BigDecimal difference) {}
}
