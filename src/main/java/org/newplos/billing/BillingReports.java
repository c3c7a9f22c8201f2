package org.newplos.billing;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.billing.BillingReport.Arrears;
import org.newplos.billing.BillingReport.ChurnMonth;
import org.newplos.billing.BillingReport.ChurnedMember;
import org.newplos.billing.BillingReport.MrrCheck;
import org.newplos.billing.BillingReport.RevenueMonth;
import org.newplos.common.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The billing reports: revenue by month, arrears ageing, churn by month and the MRR cross-check. Set-based
 * SQL, one statement each; a {@code null} location means every location (one row per location, since each
 * keeps its books in its own currency).
 */
@Repository
class BillingReports {

    /** The longest span a monthly report covers. */
    static final int MAX_MONTHS = 120;

    private final JdbcClient jdbc;

    BillingReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Revenue for each month {@code from}–{@code to} (inclusive) and location, by the documents' issue month. */
    public List<RevenueMonth> revenue(YearMonth from, YearMonth to, @Nullable Long locationId) {
        checkSpan(from, to);
        return jdbc.sql("""
                        WITH months AS (
                            SELECT CAST(m AS date) AS month
                            FROM generate_series(CAST(:from AS date), CAST(:last AS date), interval '1 month') AS m),
                        documents AS (
                            SELECT i.location_id, CAST(date_trunc('month', i.issued_on) AS date) AS month,
                                   coalesce(sum(l.amount) FILTER (WHERE i.kind = 'INVOICE'), 0.00) AS invoiced,
                                   coalesce(-sum(l.amount) FILTER (WHERE i.kind = 'CREDIT_NOTE'), 0.00) AS credited
                            FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
                            WHERE i.status = 'ISSUED' AND l.kind NOT IN ('DEPOSIT', 'DEPOSIT_REFUND')
                              AND i.issued_on >= :from AND i.issued_on < :until
                              AND (CAST(:location AS bigint) IS NULL OR i.location_id = :location)
                            GROUP BY 1, 2)
                        SELECT months.month, loc.id, loc.code, loc.currency,
                               coalesce(d.invoiced, 0.00) AS invoiced, coalesce(d.credited, 0.00) AS credited
                        FROM months CROSS JOIN locations loc
                        LEFT JOIN documents d ON d.location_id = loc.id AND d.month = months.month
                        WHERE CAST(:location AS bigint) IS NULL OR loc.id = :location
                        ORDER BY loc.id, months.month
                        """)
                .param("from", Date.valueOf(from.atDay(1)))
                .param("last", Date.valueOf(to.atDay(1)))
                .param("until", Date.valueOf(to.plusMonths(1).atDay(1)))
                .param("location", locationId)
                .query((rs, n) -> new RevenueMonth(
                        YearMonth.from(rs.getObject("month", LocalDate.class)),
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("currency"),
                        rs.getBigDecimal("invoiced"),
                        rs.getBigDecimal("credited"),
                        rs.getBigDecimal("invoiced").subtract(rs.getBigDecimal("credited"))))
                .list();
    }

    /**
     * Arrears ageing on a day, per location. The oldest-first settlement of the invoice_balances view, with
     * only the invoices and credit notes issued and the payments received by {@code asOf}: the arrears as
     * they stood that day.
     */
    public List<Arrears> arrears(LocalDate asOf, @Nullable Long locationId) {
        return jdbc.sql("""
                        WITH credits AS (
                            SELECT member_id, location_id, sum(amount) AS amount
                            FROM (SELECT member_id, location_id, amount FROM payments
                                  WHERE received_on <= :asOf
                                    AND (CAST(:location AS bigint) IS NULL OR location_id = :location)
                                  UNION ALL
                                  SELECT member_id, location_id, -total FROM invoices
                                  WHERE kind = 'CREDIT_NOTE' AND status = 'ISSUED' AND issued_on <= :asOf
                                    AND (CAST(:location AS bigint) IS NULL OR location_id = :location)) c
                            GROUP BY member_id, location_id),
                        issued AS (
                            SELECT i.member_id, i.location_id, i.total, i.due_on,
                                   sum(i.total) OVER (PARTITION BY i.member_id, i.location_id
                                                      ORDER BY i.issued_on, i.id) AS running
                            FROM invoices i
                            WHERE i.kind = 'INVOICE' AND i.status = 'ISSUED' AND i.issued_on <= :asOf
                              AND (CAST(:location AS bigint) IS NULL OR i.location_id = :location)),
                        unsettled AS (
                            SELECT i.location_id, CAST(:asOf AS date) - i.due_on AS late,
                                   i.total - least(i.total, greatest(0, coalesce(c.amount, 0) - (i.running - i.total)))
                                       AS outstanding
                            FROM issued i
                            LEFT JOIN credits c ON c.member_id = i.member_id AND c.location_id = i.location_id)
                        SELECT loc.id, loc.code, loc.currency,
                               coalesce(sum(o.outstanding) FILTER (WHERE o.late <= 0), 0.00) AS not_yet_due,
                               coalesce(sum(o.outstanding) FILTER (WHERE o.late BETWEEN 1 AND 30), 0.00) AS d30,
                               coalesce(sum(o.outstanding) FILTER (WHERE o.late BETWEEN 31 AND 60), 0.00) AS d60,
                               coalesce(sum(o.outstanding) FILTER (WHERE o.late BETWEEN 61 AND 90), 0.00) AS d90,
                               coalesce(sum(o.outstanding) FILTER (WHERE o.late > 90), 0.00) AS over90,
                               coalesce(sum(o.outstanding) FILTER (WHERE o.late > 0), 0.00) AS overdue,
                               coalesce(sum(o.outstanding), 0.00) AS total,
                               count(o.location_id) FILTER (WHERE o.late > 0) AS overdue_invoices
                        FROM locations loc
                        LEFT JOIN unsettled o ON o.location_id = loc.id AND o.outstanding > 0
                        WHERE CAST(:location AS bigint) IS NULL OR loc.id = :location
                        GROUP BY loc.id
                        ORDER BY loc.id
                        """)
                .param("asOf", Date.valueOf(asOf))
                .param("location", locationId)
                .query((rs, n) -> new Arrears(
                        asOf,
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("currency"),
                        rs.getBigDecimal("not_yet_due"),
                        rs.getBigDecimal("d30"),
                        rs.getBigDecimal("d60"),
                        rs.getBigDecimal("d90"),
                        rs.getBigDecimal("over90"),
                        rs.getBigDecimal("overdue"),
                        rs.getBigDecimal("total"),
                        rs.getInt("overdue_invoices")))
                .list();
    }

    /**
     * Churn for each month {@code from}–{@code to} (inclusive): members whose last non-cancelled lease or plan
     * membership (at the location, when one is given) had its last day in that month, with nothing open-ended
     * and nothing ending later. A lease ending in the future counts in its month: churn already announced.
     */
    public List<ChurnMonth> churn(YearMonth from, YearMonth to, @Nullable Long locationId) {
        checkSpan(from, to);
        Map<YearMonth, List<ChurnedMember>> byMonth = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            byMonth.put(m, new ArrayList<>());
        }
        jdbc.sql("""
                        WITH ends AS (
                            SELECT l.member_id, upper(l.period) AS ends_on
                            FROM leases l JOIN spaces s ON s.id = l.space_id
                            WHERE l.status <> 'CANCELLED'
                              AND (CAST(:location AS bigint) IS NULL OR s.location_id = :location)
                            UNION ALL
                            SELECT m.member_id, upper(m.period)
                            FROM plan_memberships m
                            WHERE CAST(:location AS bigint) IS NULL OR m.location_id = :location),
                        candidates AS (
                            SELECT DISTINCT member_id FROM ends WHERE ends_on > :from AND ends_on <= :until),
                        latest AS (
                            SELECT e.member_id, max(e.ends_on) AS ends_on, bool_or(e.ends_on IS NULL) AS open_ended
                            FROM ends e JOIN candidates c ON c.member_id = e.member_id
                            GROUP BY e.member_id)
                        SELECT m.id, m.full_name, latest.ends_on - 1 AS last_day
                        FROM latest JOIN members m ON m.id = latest.member_id
                        WHERE NOT latest.open_ended AND latest.ends_on > :from AND latest.ends_on <= :until
                        ORDER BY last_day, m.id
                        """)
                .param("from", Date.valueOf(from.atDay(1)))
                .param("until", Date.valueOf(to.plusMonths(1).atDay(1)))
                .param("location", locationId)
                .query((rs, n) -> new ChurnedMember(
                        rs.getLong("id"), rs.getString("full_name"), rs.getObject("last_day", LocalDate.class)))
                .list()
                .forEach(member -> byMonth.get(YearMonth.from(member.lastDay())).add(member));
        return byMonth.entrySet().stream()
                .map(e -> new ChurnMonth(e.getKey(), e.getValue().size(), List.copyOf(e.getValue())))
                .toList();
    }

    /** MRR on the month's first day next to what was invoiced for the month's service days, per location. */
    public List<MrrCheck> mrrCheck(YearMonth month, @Nullable Long locationId) {
        return jdbc.sql("""
                        WITH lease_mrr AS (
                            SELECT s.location_id, count(*) AS n, sum(coalesce(r.monthly_rate, l.monthly_rate)) AS mrr
                            FROM leases l
                            JOIN spaces s ON s.id = l.space_id
                            LEFT JOIN lease_rates r ON r.lease_id = l.id AND r.period @> CAST(:first AS date)
                            WHERE l.status <> 'CANCELLED' AND l.period @> CAST(:first AS date)
                              AND (CAST(:location AS bigint) IS NULL OR s.location_id = :location)
                            GROUP BY s.location_id),
                        plan_mrr AS (
                            SELECT m.location_id, count(*) AS n, sum(m.price / m.period_months) AS mrr
                            FROM plan_memberships m
                            WHERE m.period @> CAST(:first AS date)
                              AND (CAST(:location AS bigint) IS NULL OR m.location_id = :location)
                            GROUP BY m.location_id),
                        invoiced AS (
                            SELECT i.location_id,
                                   sum(l.amount * (upper(l.billed * x.month) - lower(l.billed * x.month))
                                       / (upper(l.billed) - lower(l.billed))) AS amount
                            FROM invoice_lines l
                            JOIN invoices i ON i.id = l.invoice_id
                            CROSS JOIN (SELECT daterange(CAST(:first AS date), CAST(:next AS date)) AS month) x
                            WHERE i.status = 'ISSUED' AND l.billed && x.month
                              AND (l.kind IN ('RENT', 'PLAN')
                                   OR (l.kind = 'CREDIT' AND (l.lease_id IS NOT NULL OR l.plan_membership_id IS NOT NULL)))
                              AND (CAST(:location AS bigint) IS NULL OR i.location_id = :location)
                            GROUP BY i.location_id)
                        SELECT loc.id, loc.code, loc.currency,
                               coalesce(lm.n, 0) AS leases, round(coalesce(lm.mrr, 0), 2) AS lease_mrr,
                               coalesce(pm.n, 0) AS plans, round(coalesce(pm.mrr, 0), 2) AS plan_mrr,
                               round(coalesce(inv.amount, 0), 2) AS invoiced
                        FROM locations loc
                        LEFT JOIN lease_mrr lm ON lm.location_id = loc.id
                        LEFT JOIN plan_mrr pm ON pm.location_id = loc.id
                        LEFT JOIN invoiced inv ON inv.location_id = loc.id
                        WHERE CAST(:location AS bigint) IS NULL OR loc.id = :location
                        ORDER BY loc.id
                        """)
                .param("first", Date.valueOf(month.atDay(1)))
                .param("next", Date.valueOf(month.plusMonths(1).atDay(1)))
                .param("location", locationId)
                .query((rs, n) -> {
                    var mrr = rs.getBigDecimal("lease_mrr").add(rs.getBigDecimal("plan_mrr"));
                    var invoiced = rs.getBigDecimal("invoiced");
                    return new MrrCheck(
                            month,
                            rs.getLong("id"),
                            rs.getString("code"),
                            rs.getString("currency"),
                            rs.getInt("leases"),
                            rs.getBigDecimal("lease_mrr"),
                            rs.getInt("plans"),
                            rs.getBigDecimal("plan_mrr"),
                            mrr,
                            invoiced,
                            invoiced.subtract(mrr));
                })
                .list();
    }

    private static void checkSpan(YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from (" + from + ")");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to.plusMonths(1))) {
            throw new InvalidInputException("to", "at most " + MAX_MONTHS + " months from " + from);
        }
    }
}
