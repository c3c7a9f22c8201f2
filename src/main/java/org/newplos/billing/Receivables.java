package org.newplos.billing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read SQL of the billing pages beyond single invoices: what each location invoiced this month and has
 * overdue, which invoices a credit note credits, the latest runs. Dates come in as parameters.
 */
@Repository
class Receivables {

    /** One location's month: invoiced (issued invoices less credit notes, with and without VAT) and overdue. */
    record LocationFigures(
            long locationId,
            String code,
            String name,
            String currency,
            LocalDate monthStart,
            BigDecimal invoicedNet,
            BigDecimal invoiced,
            BigDecimal overdue,
            int overdueInvoices) {}

    /** An invoice whose days a credit note takes back, and which days. */
    record CreditedInvoice(long invoiceId, String number, LocalDate from, LocalDate to) {}

    /** A run as the run list shows it. */
    record RunSummary(
            long id,
            String locationCode,
            LocalDate asOf,
            String startedBy,
            Instant createdAt,
            int invoices,
            int lines) {}

    private final JdbcClient jdbc;

    Receivables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per location, for the month that contains {@code now} in the location's time zone: what was invoiced
     * (documents issued in that month, credit notes subtracting) and what is overdue on that location's today.
     */
    List<LocationFigures> figures(Instant now) {
        return jdbc.sql("""
                        WITH loc AS (
                            SELECT l.id, l.code, l.name, l.currency,
                                   CAST(CAST(:now AS timestamptz) AT TIME ZONE l.time_zone AS date) AS today
                            FROM locations l)
                        SELECT loc.id, loc.code, loc.name, loc.currency,
                               CAST(date_trunc('month', loc.today) AS date) AS month_start,
                               coalesce(m.net, 0) AS invoiced_net, coalesce(m.total, 0) AS invoiced,
                               coalesce(o.overdue, 0) AS overdue, coalesce(o.n, 0) AS overdue_invoices
                        FROM loc
                        LEFT JOIN LATERAL (
                            SELECT sum(i.net_total) AS net, sum(i.total) AS total FROM invoices i
                            WHERE i.location_id = loc.id AND i.status = 'ISSUED'
                              AND i.issued_on >= date_trunc('month', loc.today)
                              AND i.issued_on < date_trunc('month', loc.today) + interval '1 month') m ON true
                        LEFT JOIN LATERAL (
                            SELECT sum(b.outstanding) AS overdue, count(*) AS n FROM invoice_balances b
                            WHERE b.location_id = loc.id AND b.due_on < loc.today AND b.outstanding > 0) o ON true
                        ORDER BY loc.id
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new LocationFigures(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("currency"),
                        rs.getObject("month_start", LocalDate.class),
                        rs.getBigDecimal("invoiced_net"),
                        rs.getBigDecimal("invoiced"),
                        rs.getBigDecimal("overdue"),
                        rs.getInt("overdue_invoices")))
                .list();
    }

    /** The invoices a credit note takes days back from, with the first and last (exclusive) day credited. */
    List<CreditedInvoice> credited(long creditNoteId) {
        return jdbc.sql("""
                        SELECT o.invoice_id, i.number, min(lower(c.billed)) AS from_day, max(upper(c.billed)) AS to_day
                        FROM invoice_lines c
                        JOIN invoice_lines o ON o.id = c.credits_line_id
                        JOIN invoices i ON i.id = o.invoice_id
                        WHERE c.invoice_id = :id
                        GROUP BY o.invoice_id, i.number
                        ORDER BY o.invoice_id
                        """)
                .param("id", creditNoteId)
                .query((rs, n) -> new CreditedInvoice(
                        rs.getLong("invoice_id"),
                        rs.getString("number") == null ? "draft #" + rs.getLong("invoice_id") : rs.getString("number"),
                        rs.getObject("from_day", LocalDate.class),
                        rs.getObject("to_day", LocalDate.class)))
                .list();
    }

    /** The latest runs, newest first. */
    List<RunSummary> recentRuns(int limit) {
        return jdbc.sql("""
                        SELECT r.id, loc.code, r.as_of, r.started_by, r.created_at, r.invoices, r.lines
                        FROM invoice_runs r JOIN locations loc ON loc.id = r.location_id
                        ORDER BY r.id DESC LIMIT :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> new RunSummary(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getObject("as_of", LocalDate.class),
                        rs.getString("started_by"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getInt("invoices"),
                        rs.getInt("lines")))
                .list();
    }

    /** The location of a run, or null when there is no such run. */
    java.util.Optional<Long> locationOfRun(long runId) {
        return jdbc.sql("SELECT location_id FROM invoice_runs WHERE id = :id")
                .param("id", runId)
                .query(Long.class)
                .optional();
    }
}
