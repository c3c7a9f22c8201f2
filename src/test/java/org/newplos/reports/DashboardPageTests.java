package org.newplos.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class DashboardPageTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Reports reports;

    @Test
    void dashboardShowsTodaysNumbersTheChartAndExpiringLeasesAsFullPageOrPartial() {
        var space = fixtures.space(SpaceType.DESK, "250.00");
        var member = fixtures.member("Ada Expiring");
        var lease = fixtures.lease(
                member, space, LocalDate.now().minusDays(10), LocalDate.now().plusDays(5));

        MvcTestResult page =
                mvc.get().uri("/").with(user("viewer").roles("VIEWER")).exchange();
        assertThat(page)
                .hasStatusOk()
                .bodyText()
                .contains("<nav", "Occupancy today", "Monthly recurring revenue", "New members this month")
                .contains("<svg", "Occupancy, last 12 months", "Spaces free now")
                .contains("/leases/" + lease.id(), "Ada Expiring")
                .contains("htmx.min.js")
                .doesNotContain("/users\""); // viewers do not see the admin navigation

        MvcTestResult partial = mvc.get()
                .uri("/")
                .header("HX-Request", "true")
                .with(user("viewer").roles("VIEWER"))
                .exchange();
        assertThat(partial)
                .hasStatusOk()
                .bodyText()
                .contains("Occupancy today")
                .doesNotContain("aria-label=\"Main\"", "<html");
    }

    @Test
    void adminsSeeUsersInTheNavigation() {
        assertThat(mvc.get().uri("/").with(user("admin").roles("ADMIN")).exchange())
                .bodyText()
                .contains("href=\"/users\"", "href=\"/history\"");
    }

    @Test
    void monthlyOccupancyIsOneRowPerMonthForTheLastTwelveMonths() {
        LocalDate today = LocalDate.of(2026, 3, 15);
        var space = fixtures.space(SpaceType.STUDIO, "900.00");
        fixtures.lease(fixtures.member("Chart Person"), space, LocalDate.of(2026, 1, 10), LocalDate.of(2026, 2, 10));
        List<MonthlyOccupancy> months = reports.monthlyOccupancy(today, 12);
        assertThat(months).hasSize(12);
        assertThat(months.get(0).month()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(months.get(11).day()).isEqualTo(today);
        MonthlyOccupancy january = months.get(9);
        assertThat(january.day()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(january.leased()).isGreaterThanOrEqualTo(1);
        assertThat(months.get(10).day()).isEqualTo(LocalDate.of(2026, 2, 28));
    }
}
