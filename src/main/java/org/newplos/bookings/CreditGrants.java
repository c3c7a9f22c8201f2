package org.newplos.bookings;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of room credit: which plan membership (and so which grant) a booking day falls in, and the grants
 * themselves — one per plan membership and billing period, spent and given back under a row lock; the CHECK
 * {@code used_minutes BETWEEN 0 AND granted_minutes} keeps every balance at zero or above.
 */
@Repository
class CreditGrants {

    private final JdbcClient jdbc;

    CreditGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** A member's grants, newest period first (their data export). */
    java.util.List<MemberBookings.GrantRecord> ofMember(long memberId, int limit) {
        return jdbc.sql("""
                        SELECT g.id, g.plan_membership_id, p.name AS plan, lower(g.period) AS from_day,
                               upper(g.period) - 1 AS through_day, g.granted_minutes, g.used_minutes, g.created_at
                        FROM credit_grants g
                        JOIN plan_memberships pm ON pm.id = g.plan_membership_id
                        JOIN plans p ON p.id = pm.plan_id
                        WHERE g.member_id = :member
                        ORDER BY lower(g.period) DESC, g.id DESC
                        LIMIT :limit
                        """)
                .param("member", memberId)
                .param("limit", limit)
                .query((rs, n) -> new MemberBookings.GrantRecord(
                        rs.getLong("id"),
                        rs.getLong("plan_membership_id"),
                        rs.getString("plan"),
                        rs.getObject("from_day", LocalDate.class),
                        rs.getObject("through_day", LocalDate.class),
                        rs.getInt("granted_minutes"),
                        rs.getInt("used_minutes"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
