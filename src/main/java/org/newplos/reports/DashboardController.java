package org.newplos.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.newplos.common.UiController;
import org.newplos.leases.Leases;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/** The home page: the numbers staff look at first thing in the morning. */
@UiController
class DashboardController {

    private final Reports reports;
    private final Leases leases;
    private final Clock clock;

    DashboardController(Reports reports, Leases leases, Clock clock) {
        this.reports = reports;
        this.leases = leases;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        LocalDate today = LocalDate.now(clock);
        Occupancy occupancy = reports.occupancy(today);
        List<MonthlyOccupancy> months = reports.monthlyOccupancy(today, 12);
        model.addAttribute("today", today);
        model.addAttribute("occupancy", occupancy);
        model.addAttribute("revenue", reports.monthlyRecurringRevenue(today));
        model.addAttribute("expiring", leases.expiring(today, 30, 20));
        model.addAttribute("newMembers", reports.membersJoinedSince(today.withDayOfMonth(1)));
        model.addAttribute("months", months);
        model.addAttribute("chart", OccupancyChart.of(months));
        return htmx ? "reports/dashboard :: content" : "reports/dashboard";
    }
}
