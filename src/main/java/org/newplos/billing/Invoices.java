package org.newplos.billing;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.common.NotFoundException;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invoices and credit notes as staff and members read them: the read SQL of billing. */
@Repository
public class Invoices {

    /** Totals of a draft from its lines (VAT rounded once per rate), or as issued; what is still owed. */
    private static final String SELECT = """
            SELECT i.id, i.kind, i.status, i.location_id, loc.code AS location_code, i.member_id, i.run_id, i.number,
                   i.issued_on, i.due_on, i.currency, i.billing_name, i.billing_email, i.billing_company, i.billing_address,
                   i.reason,
                   coalesce(i.net_total, d.net, 0) AS net, coalesce(i.vat_total, d.vat, 0) AS vat,
                   coalesce(i.total, d.net + d.vat, 0) AS total, b.outstanding, i.created_at
            FROM invoices i
            JOIN locations loc ON loc.id = i.location_id
            LEFT JOIN LATERAL (
                SELECT sum(g.net) AS net, sum(g.vat) AS vat
                FROM (SELECT sum(l.amount) AS net, round(sum(l.amount) * l.vat_rate / 100, 2) AS vat
                      FROM invoice_lines l WHERE l.invoice_id = i.id AND i.status = 'DRAFT'
                      GROUP BY l.vat_rate) g) d ON true
            LEFT JOIN LATERAL (
                SELECT ib.outstanding FROM invoice_balances ib
                WHERE ib.member_id = i.member_id AND ib.location_id = i.location_id AND ib.invoice_id = i.id) b ON true
            """;

    private static final RowMapper<Invoice> ROW = (rs, n) -> new Invoice(
            rs.getLong("id"),
            InvoiceKind.valueOf(rs.getString("kind")),
            InvoiceStatus.valueOf(rs.getString("status")),
            rs.getLong("location_id"),
            rs.getString("location_code"),
            rs.getLong("member_id"),
            rs.getObject("run_id", Long.class),
            rs.getString("number"),
            rs.getObject("issued_on", LocalDate.class),
            rs.getObject("due_on", LocalDate.class),
            rs.getString("currency"),
            rs.getString("billing_name"),
            rs.getString("billing_email"),
            rs.getString("billing_company"),
            rs.getString("billing_address"),
            rs.getString("reason"),
            rs.getBigDecimal("net"),
            rs.getBigDecimal("vat"),
            rs.getBigDecimal("total"),
            rs.getBigDecimal("outstanding"),
            rs.getTimestamp("created_at").toInstant());

    static final RowMapper<InvoiceLine> LINE = (rs, n) -> new InvoiceLine(
            rs.getLong("id"),
            rs.getLong("invoice_id"),
            LineKind.valueOf(rs.getString("kind")),
            rs.getObject("lease_id", Long.class),
            rs.getObject("plan_membership_id", Long.class),
            rs.getString("description"),
            rs.getObject("period_start", LocalDate.class),
            rs.getObject("period_end", LocalDate.class),
            rs.getObject("billed_from", LocalDate.class),
            rs.getObject("billed_to", LocalDate.class),
            rs.getBigDecimal("monthly_rate"),
            rs.getBigDecimal("amount"),
            rs.getBigDecimal("vat_rate"),
            rs.getObject("credits_line_id", Long.class));

    private final JdbcClient jdbc;
    private final Deque<Long> ids = new ArrayDeque<>();

    Invoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Invoice> find(long id) {
        return jdbc.sql(SELECT + " WHERE i.id = :id").param("id", id).query(ROW).optional();
    }

    public Invoice get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("invoice", id));
    }

    public List<InvoiceLine> lines(long invoiceId) {
        return jdbc.sql("""
                        SELECT id, invoice_id, kind, lease_id, plan_membership_id, description,
                               lower(service_period) AS period_start, upper(service_period) AS period_end,
                               lower(billed) AS billed_from, upper(billed) AS billed_to, monthly_rate, amount, vat_rate,
                               credits_line_id
                        FROM invoice_lines WHERE invoice_id = :id ORDER BY id
                        """).param("id", invoiceId).query(LINE).list();
    }

    /** Credit notes that take back lines of this invoice. */
    public List<Invoice> creditNotesFor(long invoiceId) {
        return jdbc.sql(SELECT + """
                         WHERE i.id IN (SELECT c.invoice_id FROM invoice_lines c JOIN invoice_lines o ON o.id = c.credits_line_id
                                        WHERE o.invoice_id = :id)
                         ORDER BY i.id
                        """).param("id", invoiceId).query(ROW).list();
    }

    /** Invoices newest first (by id), narrowed by the filter; {@code page.after()} is the last id seen. */
    public Page<Invoice> list(InvoiceFilter f, PageRequest page) {
        List<Invoice> rows = jdbc.sql(SELECT + """
                         WHERE (:after = 0 OR i.id < :after)
                           AND (CAST(:location AS bigint) IS NULL OR i.location_id = :location)
                           AND (CAST(:status AS text) IS NULL OR i.status = :status)
                           AND (CAST(:kind AS text) IS NULL OR i.kind = :kind)
                           AND (CAST(:member AS bigint) IS NULL OR i.member_id = :member)
                           AND (CAST(:run AS bigint) IS NULL OR i.run_id = :run)
                           AND (CAST(:issuedFrom AS date) IS NULL OR i.issued_on >= :issuedFrom)
                           AND (CAST(:issuedTo AS date) IS NULL OR i.issued_on < :issuedTo)
                           AND (CAST(:overdueOn AS date) IS NULL
                                OR (i.status = 'ISSUED' AND i.kind = 'INVOICE' AND i.due_on < :overdueOn
                                    AND b.outstanding > 0))
                         ORDER BY i.id DESC
                         LIMIT :limit
                        """)
                .params(filterParams(f))
                .param("after", page.after())
                .param("limit", page.fetchSize())
                .query(ROW)
                .list();
        return Page.of(rows, page.limit(), Invoice::id);
    }

    /**
     * A member's own invoices and credit notes as the portal lists them: issued or voided ones only (a draft is
     * staff's work in progress), newest first, bounded.
     */
    public List<Invoice> ofMember(long memberId, int limit) {
        return jdbc.sql(SELECT + """
                         WHERE i.member_id = :member AND i.status <> 'DRAFT'
                         ORDER BY i.issued_on DESC NULLS LAST, i.id DESC
                         LIMIT :limit
                        """)
                .param("member", memberId)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /**
     * One of a member's own issued (or voided) documents; empty when it is another member's, a draft, or does
     * not exist — the portal answers all three alike (404).
     */
    public Optional<Invoice> ofMember(long memberId, long id) {
        return jdbc.sql(SELECT + " WHERE i.id = :id AND i.member_id = :member AND i.status <> 'DRAFT'")
                .param("id", id)
                .param("member", memberId)
                .query(ROW)
                .optional();
    }

    /** A member's account per location (only locations where they have documents or payments). */
    public List<Balance> balances(long memberId, LocalDate today) {
        return jdbc.sql("""
                        WITH docs AS (
                            SELECT location_id,
                                   sum(total) FILTER (WHERE kind = 'INVOICE') AS invoiced,
                                   -sum(total) FILTER (WHERE kind = 'CREDIT_NOTE') AS credited
                            FROM invoices WHERE member_id = :member AND status = 'ISSUED' GROUP BY location_id),
                        paid AS (SELECT location_id, sum(amount) AS paid FROM payments WHERE member_id = :member
                                 GROUP BY location_id),
                        overdue AS (SELECT location_id, sum(outstanding) AS overdue FROM invoice_balances
                                    WHERE member_id = :member AND due_on < :today GROUP BY location_id)
                        SELECT loc.id AS location_id, loc.code, loc.currency,
                               coalesce(d.invoiced, 0) AS invoiced, coalesce(p.paid, 0) AS paid,
                               coalesce(d.credited, 0) AS credited, coalesce(o.overdue, 0) AS overdue
                        FROM locations loc
                        LEFT JOIN docs d ON d.location_id = loc.id
                        LEFT JOIN paid p ON p.location_id = loc.id
                        LEFT JOIN overdue o ON o.location_id = loc.id
                        WHERE d.location_id IS NOT NULL OR p.location_id IS NOT NULL
                        ORDER BY loc.id
                        """)
                .param("member", memberId)
                .param("today", Date.valueOf(today))
                .query((rs, n) -> balance(memberId, rs))
                .list();
    }

    private static Balance balance(long memberId, ResultSet rs) throws SQLException {
        BigDecimal invoiced = rs.getBigDecimal("invoiced");
        BigDecimal paid = rs.getBigDecimal("paid");
        BigDecimal credited = rs.getBigDecimal("credited");
        return new Balance(
                memberId,
                rs.getLong("location_id"),
                rs.getString("code"),
                rs.getString("currency"),
                invoiced,
                paid,
                credited,
                invoiced.subtract(paid).subtract(credited),
                rs.getBigDecimal("overdue"));
    }

    /** A run's location and counts, as its preview starts. */
    private record RunHead(LocalDate asOf, String code, String currency, int invoices, int creditNotes, int lines) {}

    /** What a run made, from its stored drafts. */
    RunPreview preview(long runId, boolean dryRun) {
        RunHead head = jdbc.sql("""
                        SELECT r.as_of, loc.code, loc.currency,
                               count(*) FILTER (WHERE i.kind = 'INVOICE') AS invoices,
                               count(*) FILTER (WHERE i.kind = 'CREDIT_NOTE') AS credit_notes,
                               (SELECT count(*) FROM invoice_lines l JOIN invoices x ON x.id = l.invoice_id
                                WHERE x.run_id = r.id) AS lines
                        FROM invoice_runs r JOIN locations loc ON loc.id = r.location_id
                        LEFT JOIN invoices i ON i.run_id = r.id AND i.status <> 'VOID'
                        WHERE r.id = :run
                        GROUP BY r.id, loc.code, loc.currency
                        """)
                .param("run", runId)
                .query((rs, n) -> new RunHead(
                        rs.getObject("as_of", LocalDate.class),
                        rs.getString("code"),
                        rs.getString("currency"),
                        rs.getInt("invoices"),
                        rs.getInt("credit_notes"),
                        rs.getInt("lines")))
                .optional()
                .orElseThrow(() -> new NotFoundException("invoice run", runId));
        List<RunPreview.VatGroup> groups = jdbc.sql("""
                        SELECT rate, sum(net) AS net, sum(vat) AS vat FROM (
                            SELECT l.vat_rate AS rate, sum(l.amount) AS net, round(sum(l.amount) * l.vat_rate / 100, 2) AS vat
                            FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                            WHERE i.run_id = :run AND i.status <> 'VOID'
                            GROUP BY i.id, l.vat_rate) per_invoice
                        GROUP BY rate ORDER BY rate
                        """)
                .param("run", runId)
                .query((rs, n) -> new RunPreview.VatGroup(
                        rs.getBigDecimal("rate"), rs.getBigDecimal("net"), rs.getBigDecimal("vat")))
                .list();
        List<RunPreview.MemberTotal> members = jdbc.sql("""
                        SELECT i.id, i.member_id, i.billing_name, i.kind, count(l.id) AS lines, coalesce(sum(l.amount), 0) AS net
                        FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id
                        WHERE i.run_id = :run AND i.status <> 'VOID'
                        GROUP BY i.id ORDER BY i.billing_name, i.id
                        LIMIT 200
                        """)
                .param("run", runId)
                .query((rs, n) -> new RunPreview.MemberTotal(
                        rs.getLong("id"),
                        rs.getLong("member_id"),
                        rs.getString("billing_name"),
                        InvoiceKind.valueOf(rs.getString("kind")),
                        rs.getInt("lines"),
                        rs.getBigDecimal("net")))
                .list();
        BigDecimal net =
                groups.stream().map(RunPreview.VatGroup::net).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        BigDecimal vat =
                groups.stream().map(RunPreview.VatGroup::vat).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new RunPreview(
                runId,
                dryRun,
                head.code(),
                head.currency(),
                head.asOf(),
                head.invoices(),
                head.creditNotes(),
                head.lines(),
                groups,
                net,
                vat,
                net.add(vat),
                members);
    }

    /** A new invoice id, taken from the table's sequence in blocks (ids may have gaps; numbers do not). */
    synchronized long nextId() {
        if (ids.isEmpty()) {
            ids.addAll(jdbc.sql("SELECT nextval(pg_get_serial_sequence('invoices', 'id')) FROM generate_series(1, 256)")
                    .query(Long.class)
                    .list());
        }
        return ids.removeFirst();
    }

    private static Map<String, @Nullable Object> filterParams(InvoiceFilter f) {
        var p = new HashMap<String, @Nullable Object>();
        p.put("location", f.locationId());
        p.put("status", f.status() == null ? null : f.status().name());
        p.put("kind", f.kind() == null ? null : f.kind().name());
        p.put("member", f.memberId());
        p.put("run", f.runId());
        p.put("issuedFrom", f.issuedFrom() == null ? null : Date.valueOf(f.issuedFrom()));
        p.put("issuedTo", f.issuedTo() == null ? null : Date.valueOf(f.issuedTo()));
        p.put("overdueOn", f.overdueOn() == null ? null : Date.valueOf(f.overdueOn()));
        return p;
    }
}
