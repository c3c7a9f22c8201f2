package org.newplos.bookings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What bookings hold about one member, for the portal's privacy features: their bookings and room credit
 * grants for the data export, whether they still have a room booked (an erasure waits for it), and forgetting
 * the member's own address where it says who booked or cancelled (an erasure; the bookings and the invoice
 * lines charging them are kept).
 */
@Service
public class MemberBookings {

    private final Bookings bookings;
    private final CreditGrants grants;
    private final Booker booker;

    MemberBookings(Bookings bookings, CreditGrants grants, Booker booker) {
        this.bookings = bookings;
        this.grants = grants;
        this.booker = booker;
    }

    /** The portal home's card: how many rooms the member has booked ahead, the next one, credit left today. */
    public Summary summary(long memberId, Instant now, LocalDate today) {
        List<Booking> ahead = bookings.ofMember(memberId, now, true, 100).stream()
                .filter(b -> b.status() == BookingStatus.BOOKED)
                .toList();
        Booker.Credits credits = booker.credits(memberId, today).orElse(null);
        return new Summary(
                ahead.size(),
                ahead.isEmpty() ? null : ahead.get(0),
                credits == null ? 0 : credits.granted(),
                credits == null ? 0 : credits.left());
    }

    /** What the portal home shows of a member's bookings (credit in minutes; none granted: 0). */
    public record Summary(int upcoming, @Nullable Booking next, int creditGrantedMinutes, int creditLeftMinutes) {}

    /**
     * A member's bookings, newest first: the slot as instants (UTC) and as the location's local times, room,
     * status, credit and charged minutes, rate and amount, who booked and who cancelled.
     */
    public List<Booking> bookings(long memberId, int limit) {
        return bookings.allOfMember(memberId, limit);
    }

    /** A member's room credit grants, newest period first. */
    public List<GrantRecord> grants(long memberId, int limit) {
        return grants.ofMember(memberId, limit);
    }

    /** Whether the member has a room booked (BOOKED) that has not ended by {@code now}. */
    public boolean hasUpcoming(long memberId, Instant now) {
        return bookings.hasUpcoming(memberId, now);
    }

    /**
     * Replaces the member's own addresses in who booked and who cancelled their bookings with {@code replacement}
     * (inside the erasure's transaction); answers the ids of the member's bookings.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> forget(long memberId, List<String> emails, String replacement) {
        return bookings.forget(memberId, emails, replacement);
    }

    /**
     * One room credit grant: the billing period it belongs to (first and last day), minutes granted and used.
     */
    public record GrantRecord(
            long id,
            long planMembershipId,
            String plan,
            LocalDate from,
            LocalDate through,
            int grantedMinutes,
            int usedMinutes,
            Instant grantedAt) {

        public int leftMinutes() {
            return grantedMinutes - usedMinutes;
        }
    }
}
