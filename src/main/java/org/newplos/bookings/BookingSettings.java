package org.newplos.bookings;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of booking settings: a location's rules and opening hours, rooms' hourly rates, plans' room credit. */
@Repository
class BookingSettings {

    private final JdbcClient jdbc;

    BookingSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
