package org.newplos.bookings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.SqlErrors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking and cancelling rooms, each in one transaction, and the questions about a room's day. The instant
 * the decision is made for ({@code now}) is a parameter, never the clock. No check-then-act for overlaps: the
 * exclusion constraint is the only judge, and its refusal becomes "that slot is taken" (409).
 */
@Service
class Booker {

    private final Bookings bookings;
    private final CreditGrants grants;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    Booker(
            Bookings bookings,
            CreditGrants grants,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            AuditLog audit) {
        this.bookings = bookings;
        this.grants = grants;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Books a room for a member from {@code start} to {@code end} local time on {@code date}: inside the
     * opening hours, on the location's slot grid, between the minimum and maximum length, not in the past, not
     * beyond the horizon. Credits of the member's plan for that billing period are used first; the rest is
     * charged at the room's hourly rate. Price and credits are fixed here.
     */
    Booking book(BookingRequest request, String bookedBy, Instant now) {
        Room room = bookings.room(request.spaceId(), request.date())
                .orElseThrow(() -> new InvalidInputException("spaceId", "no space with id " + request.spaceId()));
        Slot slot = check(room, request.date(), request.start(), request.end(), now);
        BigDecimal rate = room.hourlyRate();
        int minutes = (int) slot.minutes();
        try {
            return inTransaction(() -> {
                // Under a share lock: a member being erased (row locked for update) is waited for, then refused.
                String memberStatus = bookings.memberStatus(request.memberId())
                        .orElseThrow(
                                () -> new InvalidInputException("memberId", "no member with id " + request.memberId()));
                if ("LEFT".equals(memberStatus)) {
                    throw new InvalidInputException(
                            "memberId", "this member has left; rooms are booked for current members");
                }
                Long grantId = null;
                int credit = 0;
                Optional<CreditGrants.Membership> membership = grants.membershipOn(request.memberId(), request.date());
                if (membership.isPresent() && membership.get().creditMinutes() > 0) {
                    CreditGrants.Membership m = membership.get();
                    CreditGrants.Grant grant = grants.lockGrant(request.memberId(), m, m.periodOf(request.date()));
                    credit = Math.min(grant.left(), minutes);
                    if (credit > 0) {
                        grants.spend(grant.id(), credit);
                        grantId = grant.id();
                    }
                }
                int charged = minutes - credit;
                long id = bookings.insert(
                        room.id(),
                        request.memberId(),
                        room.locationId(),
                        slot.start(),
                        slot.end(),
                        grantId,
                        credit,
                        charged,
                        rate,
                        Pricing.amount(rate, charged),
                        bookedBy);
                Booking booking = get(id);
                audit.record("booking", id, "booked", null, Audited.of(booking));
                events.publishEvent(new BookingRecorded(BookingRecorded.Change.BOOKED, booking));
                return booking;
            });
        } catch (DataIntegrityViolationException e) {
            if (SqlErrors.is(e, SqlErrors.EXCLUSION_VIOLATION)) {
                throw taken(room, slot);
            }
            if (SqlErrors.is(e, SqlErrors.FOREIGN_KEY_VIOLATION)) {
                throw new InvalidInputException("memberId", "no member with id " + request.memberId());
            }
            throw e;
        }
    }

    /**
     * Cancels a booking. Before the cut-off anyone allowed to see it may: it becomes CANCELLED, its credits go
     * back to their grant (unless the grant's period is already over) and nothing is charged. After the cut-off
     * only staff may ({@code staff}): the room is free again, but the booking is LATE_CANCELLED and charged as
     * booked (its credits stay used). A member after the cut-off gets 409.
     */
    Booking cancel(long id, @Nullable Long memberId, boolean staff, String by, Instant now) {
        return inTransaction(() -> {
            Booking booking = bookings.lock(id)
                    .filter(b -> memberId == null || b.memberId() == memberId)
                    .orElseThrow(() -> new NotFoundException("booking", id));
            if (booking.status() != BookingStatus.BOOKED) {
                throw new ConflictException("This booking is already cancelled.");
            }
            Room room = bookings.room(booking.spaceId(), booking.day()).orElseThrow();
            Instant cutoff =
                    booking.start().minus(Duration.ofMinutes(room.settings().cancelCutoffMinutes()));
            boolean beforeCutoff = now.isBefore(cutoff);
            if (!beforeCutoff && !staff) {
                throw new ConflictException(
                        "Bookings can be cancelled until " + room.settings().cancelCutoffMinutes()
                                + " minutes before they start; please ask the staff.",
                        Map.of("cutoff", cutoff.toString()));
            }
            if (beforeCutoff) {
                grants.giveBack(id, LocalDate.ofInstant(now, room.zone()));
            }
            bookings.cancel(id, beforeCutoff ? BookingStatus.CANCELLED : BookingStatus.LATE_CANCELLED, by, now);
            Booking after = get(id);
            audit.record("booking", id, "cancelled", Audited.of(booking), Audited.of(after));
            events.publishEvent(new BookingRecorded(BookingRecorded.Change.CANCELLED, after));
            return after;
        });
    }

    Booking get(long id) {
        return bookings.find(id).orElseThrow(() -> new NotFoundException("booking", id));
    }

    /** A room's day: opening hours, bookings, and the free stretches from {@code now} on. */
    RoomDay day(long spaceId, LocalDate date, Instant now) {
        Room room = bookings.room(spaceId, date).orElseThrow(() -> new NotFoundException("space", spaceId));
        ZoneId zone = room.zone();
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Booking> booked = bookings.ofRoom(spaceId, dayStart, dayEnd);
        List<FreeSlot> free = new ArrayList<>();
        if (room.open() && room.bookable()) {
            Instant opens = at(date, room.opens(), zone);
            Instant closes = at(date, room.closes(), zone);
            Instant from = opens.isAfter(now)
                    ? opens
                    : nextSlot(now, zone, room.settings().slotMinutes());
            free = bookings.free(spaceId, from, closes, zone);
        }
        return new RoomDay(room, date, booked, free);
    }

    /**
     * What the audit log keeps of a booking: the room, the member (by id), the local slot, the status, the
     * minutes and the charge, and who booked and cancelled it (a staff user's name, or the member's own email
     * when booked in the portal: an erasure replaces it).
     */
    record Audited(
            String room,
            long memberId,
            String slot,
            String timeZone,
            BookingStatus status,
            int creditMinutes,
            int chargedMinutes,
            String amount,
            String bookedBy,
            @Nullable String cancelledBy) {

        static Audited of(Booking b) {
            return new Audited(
                    b.spaceCode(),
                    b.memberId(),
                    b.day() + " " + b.localTimes(),
                    b.timeZone(),
                    b.status(),
                    b.creditMinutes(),
                    b.chargedMinutes(),
                    b.amount().toPlainString() + " " + b.currency(),
                    b.bookedBy(),
                    b.cancelledBy());
        }
    }

    /** What a room's day shows. */
    record RoomDay(Room room, LocalDate date, List<Booking> bookings, List<FreeSlot> free) {}

    /** The member's room credit in the billing period containing {@code today}; empty without a plan. */
    Optional<Credits> credits(long memberId, LocalDate today) {
        return grants.membershipOn(memberId, today).map(m -> {
            CreditGrants.Period period = m.periodOf(today);
            Optional<CreditGrants.Grant> grant = grants.grant(m.id(), period);
            int used = grant.map(CreditGrants.Grant::used).orElse(0);
            int granted = grant.map(CreditGrants.Grant::granted).orElse(m.creditMinutes());
            return new Credits(period.from(), period.to().minusDays(1), granted, used);
        });
    }

    /** Room credit of one period (minutes), from its first to its last day. */
    record Credits(LocalDate from, LocalDate through, int granted, int used) {
        public int left() {
            return granted - used;
        }
    }

    /** A slot as instants. */
    record Slot(Instant start, Instant end) {
        long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    /** Every rule of a slot that the database cannot know (it depends on the location's settings and time). */
    static Slot check(Room room, LocalDate date, LocalTime start, LocalTime end, Instant now) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (!room.bookable()) {
            throw new InvalidInputException(
                    "spaceId", room.code() + " is not booked by the hour (no hourly rate, or inactive)");
        }
        Room.Settings s = room.settings();
        if (!start.isBefore(end)) {
            throw new InvalidInputException("end", "must be after the start");
        }
        if (!room.open()) {
            throw new InvalidInputException(
                    "date",
                    room.locationCode() + " is closed on "
                            + date.getDayOfWeek().name().charAt(0)
                            + date.getDayOfWeek().name().substring(1).toLowerCase() + "s");
        }
        if (start.isBefore(room.opens()) || end.isAfter(room.closes())) {
            errors.add(new InvalidInputException.FieldError(
                    "start", "outside the opening hours " + room.opens() + "–" + room.closes() + " of that day"));
        }
        if (start.getSecond() != 0 || start.getNano() != 0 || (start.toSecondOfDay() / 60) % s.slotMinutes() != 0) {
            errors.add(new InvalidInputException.FieldError(
                    "start",
                    "must be on the " + s.slotMinutes() + "-minute grid (e.g. 10:00, 10:" + s.slotMinutes() % 60
                            + ")"));
        }
        if (end.getSecond() != 0 || end.getNano() != 0 || (end.toSecondOfDay() / 60) % s.slotMinutes() != 0) {
            errors.add(
                    new InvalidInputException.FieldError("end", "must be on the " + s.slotMinutes() + "-minute grid"));
        }
        ZoneId zone = room.zone();
        Instant from = at(date, start, zone);
        Instant to = at(date, end, zone);
        if (!ZonedDateTime.ofInstant(from, zone).toLocalTime().equals(start)
                || !ZonedDateTime.ofInstant(to, zone).toLocalTime().equals(end)) {
            errors.add(new InvalidInputException.FieldError(
                    "start", "that local time does not exist on " + date + " (the clocks go forward)"));
        }
        long minutes = Duration.between(from, to).toMinutes();
        if (minutes < s.minMinutes()) {
            errors.add(new InvalidInputException.FieldError(
                    "end", "a booking lasts at least " + s.minMinutes() + " minutes"));
        }
        if (minutes > s.maxMinutes()) {
            errors.add(new InvalidInputException.FieldError(
                    "end", "a booking lasts at most " + s.maxMinutes() + " minutes"));
        }
        if (from.isBefore(now)) {
            errors.add(new InvalidInputException.FieldError("start", "is in the past"));
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (date.isAfter(today.plusDays(s.horizonDays()))) {
            errors.add(new InvalidInputException.FieldError(
                    "date", "rooms are booked at most " + s.horizonDays() + " days ahead"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Slot(from, to);
    }

    /** A local time on a day as an instant; in an autumn overlap, the earlier of the two. */
    static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static Instant nextSlot(Instant now, ZoneId zone, int slotMinutes) {
        ZonedDateTime t = now.atZone(zone).withSecond(0).withNano(0);
        int minute = t.getHour() * 60 + t.getMinute();
        int rest = minute % slotMinutes;
        ZonedDateTime next = rest == 0 && !t.toInstant().isBefore(now) ? t : t.plusMinutes(slotMinutes - rest);
        return next.toInstant();
    }

    private ConflictException taken(Room room, Slot slot) {
        Optional<Booking> other = bookings.overlapping(room.id(), slot.start(), slot.end());
        return new ConflictException(
                "That slot is taken: " + room.code() + " is booked "
                        + other.map(b -> "from " + b.localTimes() + " on " + b.day())
                                .orElse("then")
                        + ". Pick another time or room.",
                other.<Map<String, Object>>map(b -> Map.of("bookingId", b.id())).orElse(Map.of()));
    }

    private <T> T inTransaction(Supplier<T> work) {
        T result = transactions.execute(status -> work.get());
        if (result == null) {
            throw new IllegalStateException("transaction returned nothing");
        }
        return result;
    }
}
