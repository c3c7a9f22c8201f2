package org.newplos.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.common.PageRequest;
import org.newplos.members.Member;
import org.newplos.members.MemberFilter;
import org.newplos.members.Members;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The daily lease questions, at the edges of [start, end). Own database: results are exact. */
@IntegrationTest
@TestPropertySource(properties = "newplos.test.context=lease-queries")
class LeaseQueriesTests {

    static final LocalDate JAN_1 = LocalDate.of(2031, 1, 1);
    static final LocalDate FEB_1 = LocalDate.of(2031, 2, 1);
    static final LocalDate MAR_1 = LocalDate.of(2031, 3, 1);

    @Autowired
    Fixtures fixtures;

    @Autowired
    Leases leases;

    @Autowired
    Leasing leasing;

    @Autowired
    Availability availability;

    @Autowired
    Members members;

    Member member;

    @BeforeEach
    void setUp() {
        member = fixtures.member("Grace Hopper");
    }

    @Test
    void activeOnADayIncludesTheStartDayAndExcludesTheEndDay() {
        Space desk = fixtures.space(SpaceType.DESK, "200");
        Lease january = fixtures.lease(member, desk, JAN_1, FEB_1);
        assertThat(activeIds(JAN_1.minusDays(1), desk)).isEmpty();
        assertThat(activeIds(JAN_1, desk)).containsExactly(january.id());
        assertThat(activeIds(FEB_1.minusDays(1), desk)).containsExactly(january.id());
        assertThat(activeIds(FEB_1, desk)).isEmpty();
    }

    @Test
    void openEndedLeasesAreActiveForever() {
        Space office = fixtures.space(SpaceType.OFFICE, "1200");
        Lease open = fixtures.lease(member, office, JAN_1, null);
        assertThat(activeIds(LocalDate.of(2099, 12, 31), office)).containsExactly(open.id());
    }

    @Test
    void cancelledLeasesAreNeverActive() {
        Space desk = fixtures.space(SpaceType.DESK, "200");
        Lease lease = fixtures.lease(member, desk, JAN_1, FEB_1);
        leasing.cancel(lease.id());
        assertThat(activeIds(JAN_1, desk)).isEmpty();
    }

    @Test
    void expiringCountsLeasesWhoseLastDayIsWithinTheWindow() {
        LocalDate today = LocalDate.of(2032, 6, 10);
        Space a = fixtures.space(SpaceType.LOCKER, "20");
        Space b = fixtures.space(SpaceType.LOCKER, "20");
        Space c = fixtures.space(SpaceType.LOCKER, "20");
        Space d = fixtures.space(SpaceType.LOCKER, "20");
        Lease endedYesterday = fixtures.lease(member, a, today.minusDays(30), today); // last day: yesterday
        Lease lastDayToday = fixtures.lease(member, b, today.minusDays(30), today.plusDays(1));
        Lease lastDayInSeven = fixtures.lease(member, c, today.minusDays(30), today.plusDays(8));
        Lease lastDayInEight = fixtures.lease(member, d, today.minusDays(30), today.plusDays(9));
        List<Long> within7 =
                leases.expiring(today, 7, 500).stream().map(Lease::id).toList();
        assertThat(within7)
                .containsExactly(lastDayToday.id(), lastDayInSeven.id())
                .doesNotContain(endedYesterday.id(), lastDayInEight.id());
    }

    @Test
    void openEndedAndCancelledLeasesNeverExpire() {
        LocalDate today = LocalDate.of(2033, 3, 3);
        Space a = fixtures.space(SpaceType.STUDIO, "700");
        Space b = fixtures.space(SpaceType.STUDIO, "700");
        fixtures.lease(member, a, today.minusDays(10), null);
        Lease cancelled = fixtures.lease(member, b, today.minusDays(10), today.plusDays(2));
        leasing.cancel(cancelled.id());
        assertThat(leases.expiring(today, 30, 500)).isEmpty();
    }

    @Test
    void freeSpacesAreThoseWithNoNonCancelledLeaseOverlappingThePeriod() {
        LocalDate base = LocalDate.of(2034, 1, 1);
        Space leasedJanuary = fixtures.space(SpaceType.MEETING_ROOM, "400");
        Space leasedFromFebruary = fixtures.space(SpaceType.MEETING_ROOM, "400");
        Space cancelledOnly = fixtures.space(SpaceType.MEETING_ROOM, "400");
        Space archived = fixtures.space(SpaceType.MEETING_ROOM, "400", false);
        Space free = fixtures.space(SpaceType.MEETING_ROOM, "400");
        Space otherType = fixtures.space(SpaceType.WORKSHOP, "400");
        fixtures.lease(member, leasedJanuary, base, base.plusMonths(1));
        fixtures.lease(member, leasedFromFebruary, base.plusMonths(1), null);
        leasing.cancel(fixtures.lease(member, cancelledOnly, base, null).id());

        assertThat(freeIds(new Period(base, base.plusMonths(1)), SpaceType.MEETING_ROOM))
                .containsExactly(leasedFromFebruary.id(), cancelledOnly.id(), free.id())
                .doesNotContain(archived.id(), otherType.id());
        assertThat(freeIds(new Period(base.plusMonths(1), base.plusMonths(2)), SpaceType.MEETING_ROOM))
                .containsExactly(leasedJanuary.id(), cancelledOnly.id(), free.id());
        assertThat(freeIds(new Period(base.plusDays(15), null), SpaceType.MEETING_ROOM))
                .containsExactly(cancelledOnly.id(), free.id());
        assertThat(freeIds(new Period(base, base.plusMonths(1)), null)).contains(otherType.id());
    }

    @Test
    void membersWithAnActiveLeaseOnADay() {
        Member renter = fixtures.member("Katherine Johnson");
        Member former = fixtures.member("Dorothy Vaughan");
        Space desk = fixtures.space(SpaceType.DESK, "200");
        Space other = fixtures.space(SpaceType.DESK, "200");
        fixtures.lease(renter, desk, JAN_1, MAR_1);
        fixtures.lease(former, other, JAN_1.minusYears(1), JAN_1);
        List<Long> ids =
                members.list(new MemberFilter(null, null, null, FEB_1), PageRequest.of(null, 500)).items().stream()
                        .map(Member::id)
                        .toList();
        assertThat(ids).contains(renter.id()).doesNotContain(former.id(), member.id());
    }

    @Test
    void pagesFollowTheKeysetCursor() {
        for (int i = 0; i < 5; i++) {
            fixtures.space(SpaceType.WORKSHOP, "10");
        }
        var first = availability.freeSpaces(new Period(JAN_1, null), SpaceType.WORKSHOP, PageRequest.of(null, 2));
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextAfter()).isEqualTo(first.items().get(1).id());
        var second = availability.freeSpaces(
                new Period(JAN_1, null), SpaceType.WORKSHOP, PageRequest.of(first.nextAfter(), 2));
        assertThat(second.items())
                .first()
                .satisfies(space -> assertThat(space.id()).isGreaterThan(first.nextAfter()));
    }

    private List<Long> activeIds(LocalDate day, Space space) {
        return leases.list(new LeaseFilter(null, space.id(), null, day), PageRequest.of(null, 500)).items().stream()
                .map(Lease::id)
                .toList();
    }

    private List<Long> freeIds(Period period, SpaceType type) {
        return availability.freeSpaces(period, type, PageRequest.of(null, 500)).items().stream()
                .map(Space::id)
                .toList();
    }
}
