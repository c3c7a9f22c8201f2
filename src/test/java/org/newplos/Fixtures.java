package org.newplos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.members.Member;
import org.newplos.members.MemberRequest;
import org.newplos.members.MemberStatus;
import org.newplos.members.Members;
import org.newplos.plans.BillingPeriod;
import org.newplos.plans.Plan;
import org.newplos.plans.PlanRequest;
import org.newplos.plans.Plans;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceRequest;
import org.newplos.spaces.SpaceType;
import org.newplos.spaces.Spaces;
import org.springframework.stereotype.Component;

/** Builds plans, spaces, members and leases through the real repositories, with unique names. */
@Component
public class Fixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Plans plans;
    private final Spaces spaces;
    private final Members members;
    private final Leasing leasing;

    Fixtures(Plans plans, Spaces spaces, Members members, Leasing leasing) {
        this.plans = plans;
        this.spaces = spaces;
        this.members = members;
        this.leasing = leasing;
    }

    public Plan plan(String price, BillingPeriod period) {
        return plans.create(new PlanRequest("Plan " + next(), "", new BigDecimal(price), period, null, true, null));
    }

    public Space space(SpaceType type, String rate) {
        return space(type, rate, true);
    }

    public Space space(SpaceType type, String rate, boolean active) {
        long n = next();
        return spaces.create(new SpaceRequest(
                type.name().charAt(0) + "-" + n, "Space " + n, type, 1, new BigDecimal(rate), "", active, null, null));
    }

    public Member member(String fullName) {
        return member(fullName, MemberStatus.ACTIVE, null);
    }

    public Member member(String fullName, MemberStatus status, Long planId) {
        return members.create(
                new MemberRequest(fullName, "m" + next() + "@example.com", null, null, status, planId, null, null));
    }

    public Lease lease(Member member, Space space, LocalDate start, LocalDate end) {
        return book(space, new LeaseRequest(member.id(), space.id(), start, end, null, null, null));
    }

    public Lease lease(Member member, Space space, LocalDate start, LocalDate end, String rate) {
        return book(space, new LeaseRequest(member.id(), space.id(), start, end, new BigDecimal(rate), null, null));
    }

    /**
     * Books a lease; on an archived space (which cannot be booked) the way it really happens: booked while
     * the space was active, archived afterwards.
     */
    private Lease book(Space space, LeaseRequest request) {
        if (space.active()) {
            return leasing.book(request);
        }
        spaces.update(space.id(), requestOf(space, true));
        Lease lease = leasing.book(request);
        spaces.update(space.id(), requestOf(space, false));
        return lease;
    }

    private static SpaceRequest requestOf(Space space, boolean active) {
        return new SpaceRequest(
                space.code(),
                space.name(),
                space.type(),
                space.capacity(),
                space.monthlyRate(),
                space.location(),
                active,
                space.locationId(),
                space.hourlyRate());
    }

    private static long next() {
        return SEQUENCE.incrementAndGet();
    }
}
