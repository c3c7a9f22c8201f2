package org.newplos.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Reports", description = "Occupancy, recurring revenue, invoiced revenue, arrears and churn")
@RestController
@RequestMapping("/api/v1/reports")
class ReportApiController {

    private final Reports reports;
    private final Clock clock;

    ReportApiController(Reports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(
            summary = "Occupancy on a day (default today): leased active spaces / active spaces",
            description = "on=YYYY-MM-DD; cancelled leases do not count")
    @GetMapping("/occupancy")
    Occupancy occupancy(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate on) {
        return reports.occupancy(on == null ? LocalDate.now(clock) : on);
    }

    @Operation(
            summary = "Monthly recurring revenue on a day (default today): leases plus plans",
            description =
                    "on=YYYY-MM-DD; the monthly rates of the leases running that day plus the monthly plan prices of active members")
    @GetMapping("/mrr")
    Revenue mrr(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate on) {
        return reports.monthlyRecurringRevenue(on == null ? LocalDate.now(clock) : on);
    }
}
