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
     * Occupancy on a day. {@code monthly_rate >= 0} is always true (a check constraint); it is there so
     * that the planner reads the period index (leases_period_idx, ~2 ms at 1M leases) instead of an
     * index-only scan of the exclusion constraint's (space_id, period) index, which it wrongly costs
     * as cheap but must read whole since space_id is not constrained (~90 ms). See docs/benchmarks.md.
     */
    public Occupancy occupancy(LocalDate on) {
        List<Occupancy.ByType> byType = jdbc.sql("""
                        WITH leased AS (
                            SELECT DISTINCT l.space_id FROM leases l
                            WHERE l.status <> 'CANCELLED' AND l.period @> CAST(:on AS date)
                              AND l.monthly_rate >= 0)
                        SELECT s.type, count(*) AS spaces, count(leased.space_id) AS leased
                        FROM spaces s LEFT JOIN leased ON leased.space_id = s.id
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

    public Revenue monthlyRecurringRevenue(LocalDate on) {
        return jdbc.sql("""
                        SELECT lr.active_leases, lr.lease_revenue, pr.paying_members, pr.plan_revenue
                        FROM (SELECT count(*) AS active_leases, coalesce(sum(l.monthly_rate), 0) AS lease_revenue
                              FROM leases l
                              WHERE l.status <> 'CANCELLED' AND l.period @> CAST(:on AS date)) lr,
                             (SELECT count(*) AS paying_members,
                                     round(coalesce(sum(p.price / CASE p.billing_period
                                                                      WHEN 'QUARTERLY' THEN 3
                                                                      WHEN 'YEARLY' THEN 12
                                                                      ELSE 1 END), 0), 2) AS plan_revenue
                              FROM members m JOIN plans p ON p.id = m.plan_id
                              WHERE m.status = 'ACTIVE') pr
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
     * measured on its last day (today for the running month) against the spaces active now.
     */
    public List<MonthlyOccupancy> monthlyOccupancy(LocalDate today, int months) {
        return jdbc.sql("""
                        WITH months AS (
                            SELECT CAST(m AS date) AS month,
                                   least(CAST(m + interval '1 month' - interval '1 day' AS date),
                                         CAST(:today AS date)) AS day
                            FROM generate_series(date_trunc('month', CAST(:today AS date))
                                                     - make_interval(months => :months - 1),
                                                 date_trunc('month', CAST(:today AS date)),
                                                 interval '1 month') AS m),
                        active AS (SELECT count(*) AS spaces FROM spaces WHERE active)
                        SELECT months.month, months.day, active.spaces,
                               (SELECT count(DISTINCT l.space_id)
                                FROM leases l JOIN spaces s ON s.id = l.space_id AND s.active
                                WHERE l.status <> 'CANCELLED' AND l.period @> months.day) AS leased
                        FROM months, active
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
