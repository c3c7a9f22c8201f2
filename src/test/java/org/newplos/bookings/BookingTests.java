package org.newplos.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.billing.InvoiceRuns;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.locations.Location;
import org.newplos.members.Member;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Booking rules, credits, cancelling and charging, on the domain with {@code now} given. */
@IntegrationTest
class BookingTests {

    static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    Booker booker;

    @Autowired
    BookingFixtures given;

    @Autowired
    InvoiceRuns runs;

    @Autowired
    org.newplos.billing.Billing billing;

    @Autowired
    JdbcClient jdbc;

    private Booking book(Member member, long room, String date, String start, String end, Instant now) {
        return booker.book(
                new BookingRequest(
                        member.id(), room, LocalDate.parse(date), LocalTime.parse(start), LocalTime.parse(end)),
                "staff@example.com",
                now);
    }

    @Test
    void creditsAreUsedFirstAndTheRestIsChargedAtTheHourlyRateFixedAtBooking() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "30.00");
        Member member = given.member(ams, 90, LocalDate.of(2026, 1, 1));

        Booking first = book(member, room, "2026-02-02", "10:00", "11:00", JAN_1);
        Booking second = book(member, room, "2026-02-02", "11:00", "13:00", JAN_1);

        assertThat(first.creditMinutes()).isEqualTo(60);
        assertThat(first.chargedMinutes()).isZero();
        assertThat(first.amount()).isEqualByComparingTo("0.00");
        assertThat(second.creditMinutes()).isEqualTo(30);
        assertThat(second.chargedMinutes()).isEqualTo(90);
        assertThat(second.amount()).isEqualByComparingTo("45.00");
        assertThat(booker.credits(member.id(), LocalDate.of(2026, 2, 10))
                        .orElseThrow()
                        .left())
                .isZero();
        // A new billing period brings new credits; the old ones are gone with their period.
        assertThat(book(member, room, "2026-03-02", "10:00", "11:00", JAN_1).creditMinutes())
                .isEqualTo(60);
    }

    @Test
    void aTakenSlotIsAConflictNamingTheBookingAndAdjacentSlotsAreFine() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "20.00");
        Booking first = book(given.member(), room, "2026-02-03", "10:00", "12:00", JAN_1);

        assertThatThrownBy(() -> book(given.member(), room, "2026-02-03", "11:30", "12:30", JAN_1))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("That slot is taken")
                .hasMessageContaining("10:00–12:00");
        assertThat(book(given.member(), room, "2026-02-03", "12:00", "13:00", JAN_1)
                        .id())
                .isGreaterThan(first.id());
        assertThat(book(given.member(), room, "2026-02-03", "09:00", "10:00", JAN_1)
                        .id())
                .isGreaterThan(first.id());
    }

    @Test
    void aConflictLeavesTheCreditBalanceAsItWas() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "20.00");
        Member member = given.member(ams, 120, LocalDate.of(2026, 1, 1));
        book(given.member(), room, "2026-02-03", "10:00", "12:00", JAN_1);

        assertThatThrownBy(() -> book(member, room, "2026-02-03", "10:00", "11:00", JAN_1))
                .isInstanceOf(ConflictException.class);
        assertThat(booker.credits(member.id(), LocalDate.of(2026, 2, 3))
                        .orElseThrow()
                        .left())
                .isEqualTo(120);
    }

    @Test
    void slotsOutsideTheRulesAreRefusedWithTheFieldAndTheReason() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "20.00");
        Member member = given.member();
        assertRefused(() -> book(member, room, "2026-02-03", "07:30", "09:00", JAN_1), "opening hours");
        assertRefused(() -> book(member, room, "2026-02-03", "19:00", "20:30", JAN_1), "opening hours");
        assertRefused(() -> book(member, room, "2026-02-03", "10:15", "11:00", JAN_1), "grid");
        assertRefused(() -> book(member, room, "2026-02-03", "10:00", "10:00", JAN_1), "after the start");
        assertRefused(() -> book(member, room, "2026-02-03", "08:00", "17:00", JAN_1), "at most 480");
        assertRefused(() -> book(member, room, "2025-12-30", "10:00", "11:00", JAN_1), "in the past");
        assertRefused(() -> book(member, room, "2028-02-03", "10:00", "11:00", JAN_1), "730 days ahead");
        jdbc.sql("DELETE FROM opening_hours WHERE location_id = :l AND weekday = 7")
                .param("l", ams.id())
                .update();
        assertRefused(() -> book(member, room, "2026-02-01", "10:00", "11:00", JAN_1), "closed on Sundays");
        given.jdbcSetRate(room, null);
        assertRefused(() -> book(member, room, "2026-02-03", "10:00", "11:00", JAN_1), "not booked by the hour");
    }

    @Test
    void aMinimumLongerThanTheGridIsEnforced() {
        Location ams = given.location("Europe/Amsterdam");
        jdbc.sql("UPDATE locations SET booking_min_minutes = 60 WHERE id = :l")
                .param("l", ams.id())
                .update();
        long room = given.room(ams, "20.00");
        assertRefused(() -> book(given.member(), room, "2026-02-03", "10:00", "10:30", JAN_1), "at least 60");
    }

    @Test
    void cancellingBeforeTheCutOffGivesTheCreditsBackAndChargesNothing() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "30.00");
        Member member = given.member(ams, 60, LocalDate.of(2026, 1, 1));
        Booking booking = book(member, room, "2026-02-02", "10:00", "12:00", JAN_1);

        Booking cancelled = booker.cancel(booking.id(), member.id(), false, "member", JAN_1);

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(booker.credits(member.id(), LocalDate.of(2026, 2, 2))
                        .orElseThrow()
                        .left())
                .isEqualTo(60);
        runs.run(ams.id(), LocalDate.of(2026, 3, 1), "test", false);
        assertThat(bookingLines(booking.id())).isEmpty();
        // The slot is free again.
        assertThat(book(given.member(), room, "2026-02-02", "10:00", "12:00", JAN_1)
                        .status())
                .isEqualTo(BookingStatus.BOOKED);
    }

    @Test
    void afterTheCutOffMembersAreRefusedAndStaffCancelLateWhichIsChargedAsBooked() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "30.00");
        Member member = given.member(ams, 60, LocalDate.of(2026, 1, 1));
        Booking booking = book(member, room, "2026-02-02", "10:00", "12:00", JAN_1);
        Instant late = booking.start().minus(Duration.ofMinutes(119));

        assertThatThrownBy(() -> booker.cancel(booking.id(), member.id(), false, "member", late))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("120 minutes before");
        Booking cancelled = booker.cancel(booking.id(), null, true, "staff", late);

        assertThat(cancelled.status()).isEqualTo(BookingStatus.LATE_CANCELLED);
        assertThat(booker.credits(member.id(), LocalDate.of(2026, 2, 2))
                        .orElseThrow()
                        .left())
                .isZero();
        runs.run(ams.id(), LocalDate.of(2026, 3, 1), "test", false);
        assertThat(bookingLines(booking.id())).containsExactly(new BigDecimal("30.00"));
        assertThat(book(given.member(), room, "2026-02-02", "10:00", "12:00", late)
                        .status())
                .isEqualTo(BookingStatus.BOOKED);
    }

    @Test
    void anInvoiceRunChargesEachStartedBookingOnceWithTheLocationsVat() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "25.00");
        Member member = given.member(ams, 30, LocalDate.of(2026, 1, 1));
        Booking early = book(member, room, "2026-02-02", "10:00", "12:00", JAN_1);
        Booking later = book(member, room, "2026-02-20", "10:00", "11:00", JAN_1);

        var preview = runs.run(ams.id(), LocalDate.of(2026, 2, 20), "test", true);
        assertThat(preview.lines()).isGreaterThanOrEqualTo(1);
        runs.run(ams.id(), LocalDate.of(2026, 2, 20), "test", false);
        runs.run(ams.id(), LocalDate.of(2026, 2, 20), "test", false);

        assertThat(bookingLines(early.id())).containsExactly(new BigDecimal("37.50"));
        assertThat(bookingLines(later.id())).isEmpty();
        String description = jdbc.sql("SELECT description FROM invoice_lines WHERE room_booking_id = :b")
                .param("b", early.id())
                .query(String.class)
                .single();
        assertThat(description).contains("Meeting room", "2026-02-02 10:00–12:00 local", "90 of 120 min charged");
        BigDecimal vat = jdbc.sql("SELECT vat_rate FROM invoice_lines WHERE room_booking_id = :b")
                .param("b", early.id())
                .query(BigDecimal.class)
                .single();
        assertThat(vat).isEqualByComparingTo("21.00");
        runs.run(ams.id(), LocalDate.of(2026, 2, 21), "test", false);
        assertThat(bookingLines(later.id())).containsExactly(new BigDecimal("25.00"));
    }

    @Test
    void bookingAndCancellingWriteTheirEmailsToTheOutboxInTheSameTransaction() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "25.00");
        Member member = given.member();
        Booking booking = book(member, room, "2026-03-29", "10:00", "12:00", JAN_1);
        booker.cancel(booking.id(), member.id(), false, "member", JAN_1);

        List<String> messages =
                jdbc.sql("""
                        SELECT event_type || ' ' || recipient || ' ' || (payload ->> 'from') || '–' || (payload ->> 'until')
                        FROM outbox WHERE subject_type = 'room_booking' AND subject_id = :id ORDER BY id
                        """).param("id", booking.id()).query(String.class).list();
        assertThat(messages)
                .containsExactly(
                        "booking.confirmed " + member.email() + " 10:00–12:00",
                        "booking.cancelled " + member.email() + " 10:00–12:00");
    }

    @Test
    void aVoidedDraftsBookingIsChargedAgainByTheNextRunAndNeverTwice() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "25.00");
        Booking booking = book(given.member(), room, "2026-02-02", "10:00", "12:00", JAN_1);
        runs.run(ams.id(), LocalDate.of(2026, 2, 3), "test", false);
        long draft = jdbc.sql("SELECT invoice_id FROM invoice_lines WHERE room_booking_id = :b")
                .param("b", booking.id())
                .query(Long.class)
                .single();

        billing.voidDraft(draft);
        assertThat(bookingLines(booking.id())).isEmpty();
        runs.run(ams.id(), LocalDate.of(2026, 2, 3), "test", false);
        runs.run(ams.id(), LocalDate.of(2026, 2, 4), "test", false);

        assertThat(bookingLines(booking.id())).containsExactly(new BigDecimal("50.00"));
        assertThat(jdbc.sql("""
                        SELECT b.charge_line_id = l.id FROM room_bookings b JOIN invoice_lines l ON l.room_booking_id = b.id
                        WHERE b.id = :b
                        """).param("b", booking.id()).query(Boolean.class).single())
                .isTrue();
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO invoice_lines (invoice_id, kind, description, amount, room_booking_id)
                        SELECT invoice_id, 'BOOKING', 'again', 1, room_booking_id FROM invoice_lines
                        WHERE room_booking_id = :b
                        """).param("b", booking.id()).update())
                .hasMessageContaining("invoice_lines_booking_once");
    }

    @Test
    void theDatabaseRefusesACreditBalanceBelowZero() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "25.00");
        Member member = given.member(ams, 30, LocalDate.of(2026, 1, 1));
        book(member, room, "2026-02-02", "10:00", "11:00", JAN_1);
        assertThatThrownBy(
                        () -> jdbc.sql("UPDATE credit_grants SET used_minutes = used_minutes + 1 WHERE member_id = :m")
                                .param("m", member.id())
                                .update())
                .hasMessageContaining("credit_grants_balance_not_negative");
    }

    @Test
    void aRoomsDayShowsTheFreeStretchesBetweenBookings() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "25.00");
        book(given.member(), room, "2026-02-02", "10:00", "12:00", JAN_1);
        book(given.member(), room, "2026-02-02", "14:00", "15:30", JAN_1);

        Booker.RoomDay day = booker.day(room, LocalDate.of(2026, 2, 2), JAN_1);

        assertThat(day.free())
                .extracting(f -> f.start() + "–" + f.end())
                .containsExactly("08:00–10:00", "12:00–14:00", "15:30–20:00");
        assertThat(day.bookings()).hasSize(2);
    }

    private List<BigDecimal> bookingLines(long bookingId) {
        return jdbc.sql("SELECT amount FROM invoice_lines WHERE room_booking_id = :b AND kind = 'BOOKING'")
                .param("b", bookingId)
                .query(BigDecimal.class)
                .list();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e)
                                .errors().stream()
                                        .map(InvalidInputException.FieldError::message)
                                        .toList())
                        .anySatisfy(m -> assertThat(m).contains(reason)));
    }
}
