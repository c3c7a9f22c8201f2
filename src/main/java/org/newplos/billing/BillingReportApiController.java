package org.newplos.billing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.billing.BillingReport.Arrears;
import org.newplos.billing.BillingReport.ChurnMonth;
import org.newplos.billing.BillingReport.MrrCheck;
import org.newplos.billing.BillingReport.RevenueMonth;
import org.newplos.common.InvalidInputException;
import org.newplos.locations.Locations;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The billing reports, under the reports API; billing owns their SQL (see {@link BillingReports}). */
@Tag(name = "Reports", description = "Occupancy, recurring revenue, invoiced revenue, arrears and churn")
@RestController
@RequestMapping("/api/v1/reports")
class BillingReportApiController {

    private final BillingReports reports;
    private final Locations locations;
    private final Clock clock;

    BillingReportApiController(BillingReports reports, Locations locations, Clock clock) {
        this.reports = reports;
        this.locations = locations;
        this.clock = clock;
    }

    @Operation(
            summary = "Revenue by month: invoiced net of credit notes",
            description = "Per location and issue month from–to (YYYY-MM, inclusive; default the last 12 months),"
                    + " excluding VAT, deposits and deposit refunds (deposits are held, not earned)")
    @GetMapping("/revenue")
    List<RevenueMonth> revenue(
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") @Nullable YearMonth from,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") @Nullable YearMonth to,
            @RequestParam(required = false) @Nullable Long locationId) {
        known(locationId);
        YearMonth last = to != null ? to : YearMonth.now(clock);
        return reports.revenue(from != null ? from : last.minusMonths(11), last, locationId);
    }

    @Operation(
            summary = "Arrears ageing on a day",
            description = "Outstanding amounts of issued invoices per location by days past due: not yet due,"
                    + " 0–30 (1 to 30 days late), 31–60, 61–90, over 90. asOf defaults to today; only documents"
                    + " issued and payments received by asOf count.")
    @GetMapping("/arrears")
    List<Arrears> arrears(
            @RequestParam(required = false) @Nullable Long locationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf) {
        known(locationId);
        return reports.arrears(asOf != null ? asOf : LocalDate.now(clock), locationId);
    }

    @Operation(
            summary = "Churn by month",
            description = "Members whose last lease or plan membership had its last day in each month from–to"
                    + " (YYYY-MM, inclusive; default the last 12 months) and who have nothing running after it;"
                    + " with locationId, leases and plans at that location only")
    @GetMapping("/churn")
    List<ChurnMonth> churn(
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") @Nullable YearMonth from,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") @Nullable YearMonth to,
            @RequestParam(required = false) @Nullable Long locationId) {
        known(locationId);
        YearMonth last = to != null ? to : YearMonth.now(clock);
        return reports.churn(from != null ? from : last.minusMonths(11), last, locationId);
    }

    @Operation(
            summary = "MRR cross-checked against what was invoiced",
            description = "Per location: MRR on the month's first day (running leases' monthly rates with their"
                    + " rate changes, plus plan memberships' price per month) next to what issued documents billed"
                    + " for that month's service days (RENT and PLAN lines less credits, prorated by billed days in"
                    + " the month), and the difference. month is YYYY-MM, default this month.")
    @GetMapping("/mrr-check")
    List<MrrCheck> mrrCheck(
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") @Nullable YearMonth month,
            @RequestParam(required = false) @Nullable Long locationId) {
        known(locationId);
        return reports.mrrCheck(month != null ? month : YearMonth.now(clock), locationId);
    }

    private void known(@Nullable Long locationId) {
        if (locationId != null && locations.find(locationId).isEmpty()) {
            throw new InvalidInputException("locationId", "no location with id " + locationId);
        }
    }
}
