package org.newplos.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.leases.Leasing;
import org.newplos.members.Member;
import org.newplos.members.MemberStatus;
import org.newplos.plans.BillingPeriod;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Occupancy and MRR on a database of their own, so every number is exact. */
@IntegrationTest
@TestPropertySource(properties = "newplos.test.context=reports")
class ReportsTests {

    static final LocalDate DAY = LocalDate.of(2031, 5, 15);

    @Autowired
    Fixtures fixtures;

    @Autowired
    Reports reports;

    @Autowired
    Leasing leasing;

    @Test
    void occupancyAndRevenueOnADay() {
        Member a = fixtures.member("Occupant A");
        Member b = fixtures.member("Occupant B");
        Space desk1 = fixtures.space(SpaceType.DESK, "250");
        Space desk2 = fixtures.space(SpaceType.DESK, "250");
        fixtures.space(SpaceType.DESK, "250");
        Space office = fixtures.space(SpaceType.OFFICE, "1500");
        Space archived = fixtures.space(SpaceType.OFFICE, "1500", false);
        Space locker = fixtures.space(SpaceType.LOCKER, "20");

        fixtures.lease(a, desk1, DAY.minusMonths(2), DAY.plusDays(1), "240.50"); // last day is DAY
        fixtures.lease(b, desk2, DAY.plusDays(1), null); // starts tomorrow
        fixtures.lease(b, office, DAY.minusYears(1), null, "1400");
        fixtures.lease(a, archived, DAY.minusYears(1), null, "999"); // inactive space: not in occupancy
        leasing.cancel(fixtures.lease(a, locker, DAY, null).id());

        Occupancy occupancy = reports.occupancy(DAY);
        assertThat(occupancy.spaces()).isEqualTo(5);
        assertThat(occupancy.leased()).isEqualTo(2);
        assertThat(occupancy.rate()).isEqualByComparingTo("0.4");
        assertThat(occupancy.byType())
                .contains(
                        new Occupancy.ByType(SpaceType.DESK, 3, 1),
                        new Occupancy.ByType(SpaceType.OFFICE, 1, 1),
                        new Occupancy.ByType(SpaceType.LOCKER, 1, 0));

        Revenue revenue = reports.monthlyRecurringRevenue(DAY);
        assertThat(revenue.activeLeases()).isEqualTo(3);
        assertThat(revenue.leases()).isEqualByComparingTo("2639.50"); // 240.50 + 1400 + 999
    }

    @Test
    void planRevenueSpreadsPricesOverTheirBillingPeriodForActiveMembersOnly() {
        var monthly = fixtures.plan("100.00", BillingPeriod.MONTHLY);
        var quarterly = fixtures.plan("300.00", BillingPeriod.QUARTERLY);
        var yearly = fixtures.plan("1200.00", BillingPeriod.YEARLY);
        BigDecimal before = reports.monthlyRecurringRevenue(DAY).plans();
        fixtures.member("Monthly", MemberStatus.ACTIVE, monthly.id());
        fixtures.member("Quarterly", MemberStatus.ACTIVE, quarterly.id());
        fixtures.member("Yearly", MemberStatus.ACTIVE, yearly.id());
        fixtures.member("Paused", MemberStatus.PAUSED, monthly.id());
        fixtures.member("Left", MemberStatus.LEFT, yearly.id());
        Revenue revenue = reports.monthlyRecurringRevenue(DAY);
        assertThat(revenue.plans().subtract(before)).isEqualByComparingTo("300.00"); // 100 + 100 + 100
        assertThat(revenue.total()).isEqualByComparingTo(revenue.leases().add(revenue.plans()));
    }

    @Test
    void anEmptyPlaceHasZeroOccupancyNotAnError() {
        Occupancy occupancy = reports.occupancy(LocalDate.of(1999, 1, 1));
        assertThat(occupancy.leased()).isZero();
    }
}
