package org.newplos.billing;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.newplos.locations.Location;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives drafts their numbers and totals. Numbers come from one counter row per location, kind and year,
 * updated in the issuing transaction: concurrent issuers queue on that row, and a transaction that rolls
 * back takes its numbers with it, so numbers are unique and gapless ({@code AMS-2027-000042} for invoices,
 * {@code AMS-CN-2027-000007} for credit notes). Totals: net is the sum of the lines, VAT is rounded once per
 * rate group ({@link Money#vat}). The issued documents are published ({@link DocumentsIssued}) in the same
 * transaction, so the messages about them are written with them.
 */
@Component
class Issuing {

    private static final RowMapper<IssuedDocument> ISSUED = (rs, n) -> new IssuedDocument(
            rs.getLong("id"),
            InvoiceKind.valueOf(rs.getString("kind")),
            rs.getString("number"),
            rs.getLong("member_id"),
            rs.getLong("location_id"),
            rs.getString("billing_name"),
            rs.getString("billing_email"),
            rs.getString("currency"),
            rs.getBigDecimal("total"),
            rs.getObject("issued_on", LocalDate.class),
            rs.getObject("due_on", LocalDate.class));

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Issuing(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Issues the given drafts (already locked by the caller's transaction) on a day; answers how many. */
    @Transactional(propagation = Propagation.MANDATORY)
    int issue(Location location, InvoiceKind kind, List<Long> draftIds, LocalDate on) {
        if (draftIds.isEmpty()) {
            return 0;
        }
        int year = on.getYear();
        jdbc.sql("""
                        INSERT INTO invoice_number_series (location_id, kind, year) VALUES (:location, :kind, :year)
                        ON CONFLICT DO NOTHING
                        """)
                .param("location", location.id())
                .param("kind", kind.name())
                .param("year", year)
                .update();
        long base = jdbc.sql("""
                        UPDATE invoice_number_series SET last_value = last_value + :count
                        WHERE location_id = :location AND kind = :kind AND year = :year
                        RETURNING last_value - :count
                        """)
                .param("count", draftIds.size())
                .param("location", location.id())
                .param("kind", kind.name())
                .param("year", year)
                .query(Long.class)
                .single();
        String prefix = location.invoicePrefix() + (kind == InvoiceKind.CREDIT_NOTE ? "-CN-" : "-") + year + "-";
        List<IssuedDocument> issued = jdbc.sql("""
                        WITH targets AS (
                            SELECT id, row_number() OVER (ORDER BY id) AS n FROM invoices WHERE id = ANY(:ids)),
                        per_rate AS (
                            SELECT l.invoice_id, sum(l.amount) AS net, round(sum(l.amount) * l.vat_rate / 100, 2) AS vat
                            FROM invoice_lines l WHERE l.invoice_id = ANY(:ids) GROUP BY l.invoice_id, l.vat_rate),
                        totals AS (SELECT invoice_id, sum(net) AS net, sum(vat) AS vat FROM per_rate GROUP BY invoice_id)
                        UPDATE invoices i
                        SET status = 'ISSUED',
                            number = :prefix || lpad((:base + t.n)::text, 6, '0'),
                            issued_on = :on,
                            due_on = CAST(:on AS date) + :terms,
                            net_total = coalesce(x.net, 0),
                            vat_total = coalesce(x.vat, 0),
                            total = coalesce(x.net, 0) + coalesce(x.vat, 0)
                        FROM targets t LEFT JOIN totals x ON x.invoice_id = t.id
                        WHERE i.id = t.id AND i.status = 'DRAFT' AND i.kind = :kind
                        RETURNING i.id, i.kind, i.number, i.member_id, i.location_id, i.billing_name, i.billing_email,
                                  i.currency, i.total, i.issued_on, i.due_on
                        """)
                .param("ids", draftIds.toArray(Long[]::new))
                .param("prefix", prefix)
                .param("base", base)
                .param("on", Date.valueOf(on))
                .param("terms", kind == InvoiceKind.CREDIT_NOTE ? 0 : location.paymentTermsDays())
                .param("kind", kind.name())
                .query(ISSUED)
                .list();
        // Deposits on these invoices can now be refunded when their lease is over: let runs look for them.
        jdbc.sql("""
                        UPDATE billing_progress p SET deposit_issued = true
                        FROM invoice_lines l
                        WHERE l.invoice_id = ANY(:ids) AND l.kind = 'DEPOSIT' AND p.lease_id = l.lease_id
                        """).param("ids", draftIds.toArray(Long[]::new)).update();
        if (issued.size() != draftIds.size()) {
            // Numbers were reserved for every id: issuing fewer would leave a gap. Roll back instead.
            throw new IllegalStateException("expected " + draftIds.size() + " drafts to issue, found " + issued.size());
        }
        events.publishEvent(new DocumentsIssued(issued));
        return issued.size();
    }
}
