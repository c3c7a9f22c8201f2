package org.newplos.bookings;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.newplos.Fixtures;
import org.newplos.locations.Location;
import org.newplos.locations.LocationRequest;
import org.newplos.locations.Locations;
import org.newplos.members.Member;
import org.newplos.plans.BillingPeriod;
import org.newplos.plans.Plan;
import org.newplos.plans.PlanMembershipRequest;
import org.newplos.plans.PlanMemberships;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locations open every day 08:00–20:00 with a two-year horizon, rooms in them, members with room credits.
 * Public for the portal's tests (export, erasure, the browser test of booking a room).
 */
@Component
public class BookingFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 10_000));

    private final Locations locations;
    private final BookingSettings bookings;
    private final Fixtures fixtures;
    private final PlanMemberships memberships;
    private final JdbcClient jdbc;

    BookingFixtures(
            Locations locations,
            BookingSettings bookings,
            Fixtures fixtures,
            PlanMemberships memberships,
            JdbcClient jdbc) {
        this.locations = locations;
        this.bookings = bookings;
        this.fixtures = fixtures;
        this.memberships = memberships;
        this.jdbc = jdbc;
    }

    public Location location(String zone) {
        String code = "B" + SEQUENCE.incrementAndGet();
        Location location = locations.create(new LocationRequest(
                code, "Rooms " + code, zone, "EUR", code, new BigDecimal("21.00"), 14, "", null, null));
        List<BookingSettings.Opening> hours = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            hours.add(new BookingSettings.Opening(d, LocalTime.of(8, 0), LocalTime.of(20, 0)));
        }
        bookings.saveSettings(location.id(), new Room.Settings(30, 30, 480, 120, 730), hours);
        return location;
    }

    /** A meeting room in the location at an hourly rate. */
    public long room(Location location, String hourlyRate) {
        Space space = fixtures.space(SpaceType.MEETING_ROOM, "0");
        jdbc.sql("UPDATE spaces SET location_id = :l WHERE id = :s")
                .param("l", location.id())
                .param("s", space.id())
                .update();
        bookings.setHourlyRate(space.id(), new BigDecimal(hourlyRate));
        return space.id();
    }

    /** A member on a monthly plan from {@code start} with {@code creditMinutes} of room time per month. */
    public Member member(Location location, int creditMinutes, LocalDate start) {
        Plan plan = fixtures.plan("100.00", BillingPeriod.MONTHLY);
        bookings.setCreditMinutes(plan.id(), creditMinutes);
        Member member = fixtures.member("Booker " + SEQUENCE.incrementAndGet());
        memberships.start(new PlanMembershipRequest(member.id(), plan.id(), start, null, location.id()));
        return member;
    }

    /** A member without a plan. */
    Member member() {
        return fixtures.member("Walk-in " + SEQUENCE.incrementAndGet());
    }

    void jdbcSetRate(long spaceId, @Nullable String rate) {
        bookings.setHourlyRate(spaceId, rate == null ? null : new BigDecimal(rate));
    }

    Room.Settings settings(long locationId) {
        return bookings.settings(locationId).orElseThrow();
    }
}
