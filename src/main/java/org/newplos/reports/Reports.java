package org.newplos.reports;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.newplos.spaces.SpaceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The report queries: set-based SQL, one round trip each. */
@Repository
public class Reports {

    private final JdbcClient jdbc;

    Reports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Occupancy on a day: active spaces per type, and how many of them are let that day. The exclusion
     * constraint allows at most one non-cancelled lease per space and day, so a plain left join counts
     * leased spaces (no DISTINCT). The leases come from leases_period_idx (~7k rows today at 1M leases);
     * counting {@code l.id}, which the exclusion constraint's (space_id, period) index does not hold, also
     * keeps the planner off an index-only scan of that index, which it costs as cheap but would read whole
     * with only the period constrained. See docs/benchmarks.md.
     */
    public Occupancy occupancy(LocalDate on) {
        List<Occupancy.ByType> byType = jdbc.sql("""
                        SELECT s.type, count(*) AS spaces, count(l.id) AS leased
                        FROM spaces s
                        LEFT JOIN leases l ON l.space_id = s.id AND l.status <> 'CANCELLED'
                                          AND l.period @> CAST(:on AS date)
                        WHERE s.active
                        GROUP BY s.type
                        ORDER BY s.type
                        """)
                .param("on", Date.valueOf(on))
                .query((rs, n) -> new Occupancy.ByType(
                        SpaceType.valueOf(rs.getString("type")), rs.getInt("spaces"), rs.getInt("leased")))
                .list();
        return Occupancy.of(on, byType);
    }

    /**
     * Monthly recurring revenue on a day: the leases running that day, plus what active members pay for
     * their plans, each price spread over its billing period. Members are counted plan by plan from
     * members_paying_plan_idx (an index-only count each), and each plan's monthly price is multiplied by
     * its count: the same exact numeric sum as adding it once per member.
     */
    public Revenue monthlyRecurringRevenue(LocalDate on) {
        return jdbc.sql("""
                        SELECT lr.active_leases, lr.lease_revenue, pr.paying_members, pr.plan_revenue
                        FROM (SELECT count(*) AS active_leases, coalesce(sum(l.monthly_rate), 0) AS lease_revenue
                              FROM leases l
                              WHERE l.status <> 'CANCELLED' AND l.period @> CAST(:on AS date)) lr,
                             (SELECT coalesce(sum(c.members), 0) AS paying_members,
                                     round(coalesce(sum(c.members * (p.price / CASE p.billing_period
                                                                                   WHEN 'QUARTERLY' THEN 3
                                                                                   WHEN 'YEARLY' THEN 12
                                                                                   ELSE 1 END)), 0), 2) AS plan_revenue
                              FROM plans p
                              CROSS JOIN LATERAL (SELECT count(*) AS members
                                                  FROM members m
                                                  WHERE m.status = 'ACTIVE' AND m.plan_id IS NOT NULL
                                                    AND m.plan_id = p.id) c) pr
                        """)
                .param("on", Date.valueOf(on))
                .query((rs, n) -> {
                    BigDecimal leases = rs.getBigDecimal("lease_revenue");
                    BigDecimal plans = rs.getBigDecimal("plan_revenue");
                    return new Revenue(
                            on,
                            rs.getInt("active_leases"),
                            leases,
                            rs.getInt("paying_members"),
                            plans,
                            leases.add(plans));
                })
                .single();
    }

    /** Members who joined on or after a day (e.g. the first of this month). */
    public long membersJoinedSince(LocalDate since) {
        return jdbc.sql("SELECT count(*) FROM members WHERE joined_on >= :since")
                .param("since", Date.valueOf(since))
                .query(Long.class)
                .single();
    }

    /**
     * Occupancy for each of the last {@code months} months, oldest first, in one query: each month is
     * measured on its last day (today for the running month) against the spaces active now. One probe of
     * leases_period_idx per month; as in {@link #occupancy}, at most one lease holds a space on a day, and
     * counting {@code l.id} keeps the planner off the exclusion constraint's index.
     */
    public List<MonthlyOccupancy> monthlyOccupancy(LocalDate today, int months) {
        return jdbc.sql("""
                        WITH months AS (
                            SELECT CAST(m AS date) AS month,
                                   least(CAST(m + interval '1 month' - interval '1 day' AS date),
                                         CAST(:today AS date)) AS day
                            FROM (SELECT date_trunc('month', CAST(:today AS date)) - make_interval(months => back) AS m
                                  FROM generate_series(0, :months - 1) AS back) AS series),
                        active AS (SELECT count(*) AS spaces FROM spaces WHERE active)
                        SELECT months.month, months.day, active.spaces, count(l.id) AS leased
                        FROM months CROSS JOIN active
                        LEFT JOIN (leases l JOIN spaces s ON s.id = l.space_id AND s.active)
                               ON l.status <> 'CANCELLED' AND l.period @> months.day
                        GROUP BY months.month, months.day, active.spaces
                        ORDER BY months.month
                        """)
                .param("today", Date.valueOf(today))
                .param("months", months)
                .query((rs, n) -> new MonthlyOccupancy(
                        rs.getObject("month", LocalDate.class),
                        rs.getObject("day", LocalDate.class),
                        rs.getInt("spaces"),
                        rs.getInt("leased")))
                .list();
    }
}
