package org.newplos.bookings;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of room bookings: rooms as bookings see them, the bookings, free stretches (credits: CreditGrants; settings: BookingSettings). */
@Repository
class Bookings {

    private static final String SELECT = """
            SELECT b.id, b.space_id, s.code AS space_code, s.name AS space_name, b.member_id, m.full_name,
                   b.location_id, l.time_zone, l.currency, lower(b.slot) AS starts_at, upper(b.slot) AS ends_at,
                   b.status, b.credit_minutes, b.charged_minutes, b.hourly_rate, b.amount, b.booked_by,
                   b.cancelled_by, b.created_at, b.cancelled_at
            FROM room_bookings b
            JOIN spaces s ON s.id = b.space_id
            JOIN members m ON m.id = b.member_id
            JOIN locations l ON l.id = b.location_id
            """;

    private static final RowMapper<Booking> ROW = (rs, n) -> Booking.of(
            rs.getLong("id"),
            rs.getLong("space_id"),
            rs.getString("space_code"),
            rs.getString("space_name"),
            rs.getLong("member_id"),
            rs.getString("full_name"),
            rs.getLong("location_id"),
            rs.getString("time_zone"),
            rs.getString("currency"),
            rs.getTimestamp("starts_at").toInstant(),
            rs.getTimestamp("ends_at").toInstant(),
            BookingStatus.valueOf(rs.getString("status")),
            rs.getInt("credit_minutes"),
            rs.getInt("charged_minutes"),
            rs.getBigDecimal("hourly_rate"),
            rs.getBigDecimal("amount"),
            rs.getString("booked_by"),
            rs.getString("cancelled_by"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("cancelled_at") == null
                    ? null
                    : rs.getTimestamp("cancelled_at").toInstant());

    private final JdbcClient jdbc;

    Bookings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A space with its location's booking settings and its opening hours on {@code day}'s weekday. */
    Optional<Room> room(long spaceId, LocalDate day) {
        return jdbc.sql("""
                        SELECT s.id, s.code, s.name, s.active, s.hourly_rate, l.id AS location_id, l.code AS location_code,
                               l.time_zone, l.currency, l.booking_slot_minutes, l.booking_min_minutes,
                               l.booking_max_minutes, l.booking_cancel_cutoff_minutes, l.booking_horizon_days,
                               o.opens, o.closes
                        FROM spaces s
                        JOIN locations l ON l.id = s.location_id
                        LEFT JOIN opening_hours o ON o.location_id = l.id AND o.weekday = :weekday
                        WHERE s.id = :id
                        """)
                .param("id", spaceId)
                .param("weekday", day.getDayOfWeek().getValue())
                .query((rs, n) -> new Room(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getBoolean("active"),
                        rs.getBigDecimal("hourly_rate"),
                        rs.getLong("location_id"),
                        rs.getString("location_code"),
                        rs.getString("time_zone"),
                        rs.getString("currency"),
                        new Room.Settings(
                                rs.getInt("booking_slot_minutes"),
                                rs.getInt("booking_min_minutes"),
                                rs.getInt("booking_max_minutes"),
                                rs.getInt("booking_cancel_cutoff_minutes"),
                                rs.getInt("booking_horizon_days")),
                        rs.getObject("opens", LocalTime.class),
                        rs.getObject("closes", LocalTime.class)))
                .optional();
    }

    /** The spaces that can be booked by the hour, by code. */
    List<RoomOption> bookableRooms() {
        return jdbc.sql("""
                        SELECT s.id, s.code, s.name, s.hourly_rate, l.currency
                        FROM spaces s JOIN locations l ON l.id = s.location_id
                        WHERE s.active AND s.hourly_rate IS NOT NULL
                        ORDER BY s.code
                        LIMIT 500
                        """)
                .query((rs, n) -> new RoomOption(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getBigDecimal("hourly_rate"),
                        rs.getString("currency")))
                .list();
    }

    /** A bookable room for pickers. */
    record RoomOption(long id, String code, String name, BigDecimal hourlyRate, String currency) {}

    Optional<Booking> find(long id) {
        return jdbc.sql(SELECT + " WHERE b.id = :id").param("id", id).query(ROW).optional();
    }

    /** One member's booking; another member's answers empty (the portal turns it into 404). */
    Optional<Booking> findOfMember(long id, long memberId) {
        return jdbc.sql(SELECT + " WHERE b.id = :id AND b.member_id = :member")
                .param("id", id)
                .param("member", memberId)
                .query(ROW)
                .optional();
    }

    /** Locks a booking for a change. */
    Optional<Booking> lock(long id) {
        return jdbc.sql(SELECT + " WHERE b.id = :id FOR UPDATE OF b")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    /** Bookings in id order, after a cursor, filtered by room, member and a window of time (overlapping it). */
    Page<Booking> list(
            @Nullable Long spaceId,
            @Nullable Long memberId,
            @Nullable Instant from,
            @Nullable Instant to,
            PageRequest page) {
        List<Booking> rows = jdbc.sql(SELECT + """
                         WHERE b.id > :after
                           AND (CAST(:space AS bigint) IS NULL OR b.space_id = :space)
                           AND (CAST(:member AS bigint) IS NULL OR b.member_id = :member)
                           AND (CAST(:from AS timestamptz) IS NULL OR upper(b.slot) > :from)
                           AND (CAST(:to AS timestamptz) IS NULL OR lower(b.slot) < :to)
                         ORDER BY b.id
                         LIMIT :limit
                        """)
                .param("after", page.after())
                .param("space", spaceId)
                .param("member", memberId)
                .param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to))
                .param("limit", page.fetchSize())
                .query(ROW)
                .list();
        return Page.of(rows, page.limit(), Booking::id);
    }

    /** A room's bookings (all statuses) overlapping {@code [from, to)}, in time order. */
    List<Booking> ofRoom(long spaceId, Instant from, Instant to) {
        return jdbc.sql(SELECT + """
                         WHERE b.space_id = :space AND b.slot && tstzrange(:from, :to, '[)')
                         ORDER BY lower(b.slot), b.id
                        """)
                .param("space", spaceId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(ROW)
                .list();
    }

    /** A member's bookings ending after (upcoming) or by (past) {@code now}; upcoming soonest first. */
    List<Booking> ofMember(long memberId, Instant now, boolean upcoming, int limit) {
        return jdbc.sql(SELECT + " WHERE b.member_id = :member AND "
                        + (upcoming
                                ? "upper(b.slot) > :now ORDER BY lower(b.slot), b.id"
                                : "upper(b.slot) <= :now ORDER BY lower(b.slot) DESC, b.id DESC")
                        + " LIMIT :limit")
                .param("member", memberId)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /**
     * The free stretches of a room within {@code [from, to)} (its opening on a day, from now on): the opening
     * minus the booked slots, set-based in one query.
     */
    List<FreeSlot> free(long spaceId, Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT lower(f) AS starts_at, upper(f) AS ends_at
                        FROM unnest(tstzmultirange(tstzrange(:from, :to, '[)'))
                                    - coalesce((SELECT range_agg(b.slot) FROM room_bookings b
                                                WHERE b.space_id = :space AND b.status = 'BOOKED'
                                                  AND b.slot && tstzrange(:from, :to, '[)')),
                                               '{}'::tstzmultirange)) f
                        ORDER BY 1
                        """)
                .param("space", spaceId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> {
                    Instant s = rs.getTimestamp("starts_at").toInstant();
                    Instant e = rs.getTimestamp("ends_at").toInstant();
                    return new FreeSlot(
                            s.atZone(zone).toLocalTime(), e.atZone(zone).toLocalTime(), s, e);
                })
                .list();
    }

    long insert(
            long spaceId,
            long memberId,
            long locationId,
            Instant start,
            Instant end,
            @Nullable Long grantId,
            int creditMinutes,
            int chargedMinutes,
            BigDecimal hourlyRate,
            BigDecimal amount,
            String bookedBy) {
        return jdbc.sql("""
                        INSERT INTO room_bookings (space_id, member_id, location_id, slot, grant_id, credit_minutes,
                                                   charged_minutes, hourly_rate, amount, booked_by)
                        VALUES (:space, :member, :location, tstzrange(:start, :end, '[)'), :grant, :credit, :charged,
                                :rate, :amount, :by)
                        RETURNING id
                        """)
                .param("space", spaceId)
                .param("member", memberId)
                .param("location", locationId)
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .param("grant", grantId)
                .param("credit", creditMinutes)
                .param("charged", chargedMinutes)
                .param("rate", hourlyRate)
                .param("amount", amount)
                .param("by", bookedBy)
                .query(Long.class)
                .single();
    }

    void cancel(long id, BookingStatus status, String by, Instant now) {
        jdbc.sql("""
                        UPDATE room_bookings SET status = :status, cancelled_by = :by, cancelled_at = :now
                        WHERE id = :id AND status = 'BOOKED'
                        """)
                .param("status", status.name())
                .param("by", by)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** All of a member's bookings, newest first (their data export). */
    List<Booking> allOfMember(long memberId, int limit) {
        return jdbc.sql(SELECT + " WHERE b.member_id = :member ORDER BY lower(b.slot) DESC, b.id DESC LIMIT :limit")
                .param("member", memberId)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** Whether the member has a BOOKED booking that has not ended by {@code now}. */
    boolean hasUpcoming(long memberId, Instant now) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM room_bookings
                                       WHERE member_id = :member AND status = 'BOOKED' AND upper(slot) > :now)
                        """)
                .param("member", memberId)
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    /**
     * Replaces the member's own addresses ({@code emails}, compared without case) in who booked and who
     * cancelled their bookings with {@code replacement}; a staff user's name stays. Answers the member's
     * booking ids (whose audit entries the erasure scrubs too).
     */
    List<Long> forget(long memberId, List<String> emails, String replacement) {
        String[] lower =
                emails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
        jdbc.sql("""
                        UPDATE room_bookings
                        SET booked_by = CASE WHEN lower(booked_by) = ANY (CAST(:emails AS text[]))
                                             THEN :replacement ELSE booked_by END,
                            cancelled_by = CASE WHEN lower(cancelled_by) = ANY (CAST(:emails AS text[]))
                                                THEN :replacement ELSE cancelled_by END
                        WHERE member_id = :member
                          AND (lower(booked_by) = ANY (CAST(:emails AS text[]))
                               OR lower(cancelled_by) = ANY (CAST(:emails AS text[])))
                        """)
                .param("emails", lower)
                .param("replacement", replacement)
                .param("member", memberId)
                .update();
        return jdbc.sql("SELECT id FROM room_bookings WHERE member_id = :member ORDER BY id")
                .param("member", memberId)
                .query(Long.class)
                .list();
    }

    /** A booked slot of the room overlapping {@code [start, end)}, to name in the conflict. */
    Optional<Booking> overlapping(long spaceId, Instant start, Instant end) {
        return jdbc.sql(SELECT + """
                         WHERE b.space_id = :space AND b.status = 'BOOKED' AND b.slot && tstzrange(:start, :end, '[)')
                         ORDER BY lower(b.slot) LIMIT 1
                        """)
                .param("space", spaceId)
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .query(ROW)
                .optional();
    }

    /** The member's status (to refuse a member who has left), share-locked until the booking commits. */
    Optional<String> memberStatus(long memberId) {
        return jdbc.sql("SELECT status FROM members WHERE id = :id FOR SHARE")
                .param("id", memberId)
                .query(String.class)
                .optional();
    }
}
