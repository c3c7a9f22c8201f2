package org.newplos.bookings;

import java.math.BigDecimal;
import java.sql.Date;
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

/** The SQL of room bookings, credit grants, opening hours and booking settings, in one place. */
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

    /** The plan membership a member is on that day, with the plan's room credit. */
    Optional<Membership> membershipOn(long memberId, LocalDate day) {
        return jdbc.sql("""
                        SELECT pm.id, lower(pm.period) AS start_day, pm.period_months, p.room_credit_minutes
                        FROM plan_memberships pm JOIN plans p ON p.id = pm.plan_id
                        WHERE pm.member_id = :member AND pm.period @> CAST(:day AS date)
                        """)
                .param("member", memberId)
                .param("day", Date.valueOf(day))
                .query((rs, n) -> new Membership(
                        rs.getLong("id"),
                        rs.getObject("start_day", LocalDate.class),
                        rs.getInt("period_months"),
                        rs.getInt("room_credit_minutes")))
                .optional();
    }

    /** A plan membership as credits see it: billed every {@code months} from {@code start}. */
    record Membership(long id, LocalDate start, int months, int creditMinutes) {

        /** The billing period that contains {@code day}: [start + k·months, start + (k+1)·months). */
        Period periodOf(LocalDate day) {
            long k = java.time.temporal.ChronoUnit.MONTHS.between(start, day) / months;
            while (k > 0 && start.plusMonths(k * months).isAfter(day)) {
                k--;
            }
            while (!start.plusMonths((k + 1) * months).isAfter(day)) {
                k++;
            }
            return new Period(start.plusMonths(k * months), start.plusMonths((k + 1) * months));
        }
    }

    /** Days {@code [from, to)}. */
    record Period(LocalDate from, LocalDate to) {}

    /** A grant and its balance. */
    record Grant(long id, int granted, int used) {
        int left() {
            return granted - used;
        }
    }

    /** The grant of a membership's period, made from the plan's credit if it is the first use, locked. */
    Grant lockGrant(long memberId, Membership membership, Period period) {
        jdbc.sql("""
                        INSERT INTO credit_grants (member_id, plan_membership_id, period, granted_minutes)
                        VALUES (:member, :membership, daterange(:from, :to, '[)'), :minutes)
                        ON CONFLICT (plan_membership_id, period) DO NOTHING
                        """)
                .param("member", memberId)
                .param("membership", membership.id())
                .param("from", Date.valueOf(period.from()))
                .param("to", Date.valueOf(period.to()))
                .param("minutes", membership.creditMinutes())
                .update();
        return jdbc.sql("""
                        SELECT id, granted_minutes, used_minutes FROM credit_grants
                        WHERE plan_membership_id = :membership AND period = daterange(:from, :to, '[)')
                        FOR UPDATE
                        """)
                .param("membership", membership.id())
                .param("from", Date.valueOf(period.from()))
                .param("to", Date.valueOf(period.to()))
                .query((rs, n) -> new Grant(rs.getLong("id"), rs.getInt("granted_minutes"), rs.getInt("used_minutes")))
                .single();
    }

    /** The grant of a membership's period if it exists (not created). */
    Optional<Grant> grant(long membershipId, Period period) {
        return jdbc.sql("""
                        SELECT id, granted_minutes, used_minutes FROM credit_grants
                        WHERE plan_membership_id = :membership AND period = daterange(:from, :to, '[)')
                        """)
                .param("membership", membershipId)
                .param("from", Date.valueOf(period.from()))
                .param("to", Date.valueOf(period.to()))
                .query((rs, n) -> new Grant(rs.getLong("id"), rs.getInt("granted_minutes"), rs.getInt("used_minutes")))
                .optional();
    }

    /** Spends (positive) or gives back (negative) minutes of a grant; the CHECK keeps 0 ≤ used ≤ granted. */
    void spend(long grantId, int minutes) {
        jdbc.sql("UPDATE credit_grants SET used_minutes = used_minutes + :minutes WHERE id = :id")
                .param("minutes", minutes)
                .param("id", grantId)
                .update();
    }

    /** Gives a cancelled booking's credits back to its grant, unless the grant's period is over by {@code today}. */
    int giveBack(long bookingId, LocalDate today) {
        return jdbc.sql("""
                        UPDATE credit_grants g SET used_minutes = g.used_minutes - b.credit_minutes
                        FROM room_bookings b
                        WHERE b.id = :id AND g.id = b.grant_id AND b.credit_minutes > 0 AND upper(g.period) > :today
                        """)
                .param("id", bookingId)
                .param("today", Date.valueOf(today))
                .update();
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

    /** Whether the member exists and has not left. */
    Optional<String> memberStatus(long memberId) {
        return jdbc.sql("SELECT status FROM members WHERE id = :id")
                .param("id", memberId)
                .query(String.class)
                .optional();
    }

    /** One weekday's opening (ISO weekday 1 = Monday). */
    record Opening(int weekday, LocalTime opens, LocalTime closes) {}

    Optional<Room.Settings> settings(long locationId) {
        return jdbc.sql("""
                        SELECT booking_slot_minutes, booking_min_minutes, booking_max_minutes,
                               booking_cancel_cutoff_minutes, booking_horizon_days
                        FROM locations WHERE id = :id
                        """)
                .param("id", locationId)
                .query((rs, n) ->
                        new Room.Settings(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .optional();
    }

    List<Opening> openingHours(long locationId) {
        return jdbc.sql("SELECT weekday, opens, closes FROM opening_hours WHERE location_id = :id ORDER BY weekday")
                .param("id", locationId)
                .query((rs, n) -> new Opening(
                        rs.getInt("weekday"),
                        rs.getObject("opens", LocalTime.class),
                        rs.getObject("closes", LocalTime.class)))
                .list();
    }

    /** Replaces a location's booking settings and opening hours (the caller holds the transaction). */
    void saveSettings(long locationId, Room.Settings s, List<Opening> hours) {
        jdbc.sql("""
                        UPDATE locations SET booking_slot_minutes = :slot, booking_min_minutes = :min,
                               booking_max_minutes = :max, booking_cancel_cutoff_minutes = :cutoff,
                               booking_horizon_days = :horizon
                        WHERE id = :id
                        """)
                .param("slot", s.slotMinutes())
                .param("min", s.minMinutes())
                .param("max", s.maxMinutes())
                .param("cutoff", s.cancelCutoffMinutes())
                .param("horizon", s.horizonDays())
                .param("id", locationId)
                .update();
        jdbc.sql("DELETE FROM opening_hours WHERE location_id = :id")
                .param("id", locationId)
                .update();
        for (Opening o : hours) {
            jdbc.sql("INSERT INTO opening_hours (location_id, weekday, opens, closes) VALUES (:id, :d, :o, :c)")
                    .param("id", locationId)
                    .param("d", o.weekday())
                    .param("o", o.opens())
                    .param("c", o.closes())
                    .update();
        }
    }

    /** Sets (or with null clears) a space's hourly rate; false when there is no such space. */
    boolean setHourlyRate(long spaceId, @Nullable BigDecimal rate) {
        return jdbc.sql("UPDATE spaces SET hourly_rate = :rate WHERE id = :id")
                        .param("rate", rate)
                        .param("id", spaceId)
                        .update()
                == 1;
    }

    /** Sets the room credit of a plan per billing period; false when there is no such plan. */
    boolean setCreditMinutes(long planId, int minutes) {
        return jdbc.sql("UPDATE plans SET room_credit_minutes = :m WHERE id = :id")
                        .param("m", minutes)
                        .param("id", planId)
                        .update()
                == 1;
    }

    /** Spaces with their hourly rate and plans with their credit, for the settings page. */
    List<Rated> spaceRates() {
        return jdbc.sql("""
                        SELECT id, code || ' (' || name || ')' AS label, hourly_rate AS value FROM spaces
                        WHERE active ORDER BY code LIMIT 500
                        """)
                .query((rs, n) -> new Rated(rs.getLong("id"), rs.getString("label"), rs.getBigDecimal("value")))
                .list();
    }

    List<Rated> planCredits() {
        return jdbc.sql("""
                        SELECT id, name AS label, round(room_credit_minutes / 60.0, 2) AS value FROM plans
                        WHERE active ORDER BY name LIMIT 500
                        """)
                .query((rs, n) -> new Rated(rs.getLong("id"), rs.getString("label"), rs.getBigDecimal("value")))
                .list();
    }

    /** A row of the settings page: what, and its value (hourly rate, or credit hours). */
    record Rated(long id, String label, @Nullable BigDecimal value) {}

    List<LocationOption> locations() {
        return jdbc.sql("SELECT id, code, name, time_zone FROM locations ORDER BY id LIMIT 500")
                .query((rs, n) -> new LocationOption(
                        rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("time_zone")))
                .list();
    }

    record LocationOption(long id, String code, String name, String timeZone) {}
}
