package org.newplos.bookings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A room booking as stored: the slot {@code [start, end)} as instants and as the location's local times
 * (what members and staff read), the minutes paid with credits and the minutes charged, and the charge fixed
 * at booking ({@code amount}, at {@code hourlyRate}).
 */
public record Booking(
        long id,
        long spaceId,
        String spaceCode,
        String spaceName,
        long memberId,
        String memberName,
        long locationId,
        String timeZone,
        String currency,
        Instant start,
        Instant end,
        LocalDateTime localStart,
        LocalDateTime localEnd,
        BookingStatus status,
        int creditMinutes,
        int chargedMinutes,
        BigDecimal hourlyRate,
        BigDecimal amount,
        String bookedBy,
        @Nullable String cancelledBy,
        Instant createdAt,
        @Nullable Instant cancelledAt) {

    static Booking of(
            long id,
            long spaceId,
            String spaceCode,
            String spaceName,
            long memberId,
            String memberName,
            long locationId,
            String timeZone,
            String currency,
            Instant start,
            Instant end,
            BookingStatus status,
            int creditMinutes,
            int chargedMinutes,
            BigDecimal hourlyRate,
            BigDecimal amount,
            String bookedBy,
            @Nullable String cancelledBy,
            Instant createdAt,
            @Nullable Instant cancelledAt) {
        ZoneId zone = ZoneId.of(timeZone);
        return new Booking(
                id,
                spaceId,
                spaceCode,
                spaceName,
                memberId,
                memberName,
                locationId,
                timeZone,
                currency,
                start,
                end,
                LocalDateTime.ofInstant(start, zone),
                LocalDateTime.ofInstant(end, zone),
                status,
                creditMinutes,
                chargedMinutes,
                hourlyRate,
                amount,
                bookedBy,
                cancelledBy,
                createdAt,
                cancelledAt);
    }

    /** How long the booking lasts, in real minutes (a slot across a clock change counts the hours that pass). */
    public long minutes() {
        return Duration.between(start, end).toMinutes();
    }

    /** The local day the booking is on. */
    public LocalDate day() {
        return localStart.toLocalDate();
    }

    /** "10:00–12:00" in the location's time. */
    public String localTimes() {
        return localStart.toLocalTime() + "–" + localEnd.toLocalTime();
    }
}
