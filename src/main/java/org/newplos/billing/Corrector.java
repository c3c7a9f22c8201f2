package org.newplos.billing;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.leases.LeaseChanged;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.newplos.plans.PlanMembershipChanged;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps billing right when a lease or plan membership changes, in the transaction of the change: days that
 * were billed and are no longer right ({@link Corrections}) are taken back — lines of drafts are removed, lines
 * of issued invoices are credited by a credit note issued on the location's today — and the next run bills
 * them again as they now are. Waits for a running invoice run of the location (shared billing lock).
 */
@Component
class Corrector {

    private final JdbcClient jdbc;
    private final Locations locations;
    private final Issuing issuing;
    private final Invoices invoices;
    private final AuditLog audit;
    private final Clock clock;

    Corrector(JdbcClient jdbc, Locations locations, Issuing issuing, Invoices invoices, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.locations = locations;
        this.issuing = issuing;
        this.invoices = invoices;
        this.audit = audit;
        this.clock = clock;
    }

    /** A changed lease or plan membership as corrections read it. */
    private record Source(long memberId, long locationId, boolean cancelled, Terms terms) {}

    @EventListener
    void leaseChanged(LeaseChanged event) {
        try {
            Source lease = jdbc.sql(BillingSql.LEASE_TERMS)
                    .param("id", event.leaseId())
                    .query((rs, n) -> new Source(
                            rs.getLong("member_id"),
                            rs.getLong("location_id"),
                            "CANCELLED".equals(rs.getString("status")),
                            new Terms(
                                    rs.getObject("start_day", LocalDate.class),
                                    rs.getObject("end_day", LocalDate.class),
                                    1,
                                    rs.getBigDecimal("monthly_rate"),
                                    RunSource.rateChanges(rs.getString("rate_changes")))))
                    .single();
            Location before = locations.ofSpace(event.spaceIdBefore());
            lockShared(lease.locationId());
            if (before.id() != lease.locationId()) {
                lockShared(before.id());
            }
            correct("lease_id", "RENT", event.leaseId(), lease.memberId(), lease.cancelled() ? null : lease.terms());
            if (lease.cancelled()) {
                jdbc.sql("""
                                DELETE FROM invoice_lines l USING invoices i
                                WHERE i.id = l.invoice_id AND i.status = 'DRAFT' AND l.lease_id = :id AND l.kind = 'DEPOSIT'
                                """).param("id", event.leaseId()).update();
            }
            resetProgress("lease_id", event.leaseId(), lease.terms().start());
            deleteEmptyDrafts(lease.memberId());
        } catch (DataAccessException e) {
            throw BillingErrors.translate(e);
        }
    }

    @EventListener
    void planMembershipChanged(PlanMembershipChanged event) {
        try {
            Source membership = jdbc.sql(BillingSql.MEMBERSHIP_TERMS)
                    .param("id", event.membershipId())
                    .query((rs, n) -> new Source(
                            rs.getLong("member_id"),
                            rs.getLong("location_id"),
                            false,
                            new Terms(
                                    rs.getObject("start_day", LocalDate.class),
                                    rs.getObject("end_day", LocalDate.class),
                                    rs.getInt("period_months"),
                                    rs.getBigDecimal("price"),
                                    List.of())))
                    .single();
            lockShared(membership.locationId());
            correct("plan_membership_id", "PLAN", event.membershipId(), membership.memberId(), membership.terms());
            resetProgress(
                    "plan_membership_id",
                    event.membershipId(),
                    membership.terms().start());
            deleteEmptyDrafts(membership.memberId());
        } catch (DataAccessException e) {
            throw BillingErrors.translate(e);
        }
    }

    private void lockShared(long locationId) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(:class, CAST(:location AS integer))")
                .param("class", InvoiceRuns.LOCK_CLASS)
                .param("location", locationId)
                .query(Object.class)
                .single();
    }

    private record Billed(Corrections.BilledLine line, boolean draft, long locationId, String description) {}

    private void correct(String column, String kind, long sourceId, long memberId, @Nullable Terms terms) {
        List<Billed> billed = jdbc.sql(BillingSql.BILLED_LINES.formatted(column, kind))
                .param("id", sourceId)
                .query((rs, n) -> new Billed(
                        new Corrections.BilledLine(
                                rs.getLong("id"),
                                new ServicePeriod(
                                        rs.getObject("period_start", LocalDate.class),
                                        rs.getObject("period_end", LocalDate.class)),
                                new DayRange(
                                        rs.getObject("billed_from", LocalDate.class),
                                        rs.getObject("billed_to", LocalDate.class)),
                                DaySet.parse(rs.getString("active_days")),
                                rs.getBigDecimal("monthly_rate"),
                                rs.getBigDecimal("rate_offset")),
                        "DRAFT".equals(rs.getString("status")),
                        rs.getLong("location_id"),
                        rs.getString("description")))
                .list();
        if (billed.isEmpty()) {
            return;
        }
        Map<Long, Billed> byId = new HashMap<>();
        billed.forEach(b -> byId.put(b.line().id(), b));
        List<Corrections.Credit> credits =
                Corrections.credits(terms, billed.stream().map(Billed::line).toList());
        Map<Long, List<Corrections.Credit>> issuedCredits = new HashMap<>();
        List<Long> draftLines = new ArrayList<>();
        for (Corrections.Credit c : credits) {
            Billed b = byId.get(c.lineId());
            if (b.draft()) {
                if (!draftLines.contains(c.lineId())) {
                    draftLines.add(c.lineId());
                }
            } else {
                issuedCredits
                        .computeIfAbsent(b.locationId(), k -> new ArrayList<>())
                        .add(c);
            }
        }
        if (!draftLines.isEmpty()) {
            jdbc.sql("DELETE FROM invoice_lines WHERE id = ANY(:ids)")
                    .param("ids", draftLines.toArray(Long[]::new))
                    .update();
        }
        for (var entry : issuedCredits.entrySet()) {
            creditNote(locations.get(entry.getKey()), memberId, entry.getValue(), byId);
        }
    }

    private void creditNote(
            Location location, long memberId, List<Corrections.Credit> credits, Map<Long, Billed> byId) {
        LocalDate today = location.today(clock.instant());
        long id = invoices.nextId();
        jdbc.sql("""
                        INSERT INTO invoices (id, kind, location_id, member_id, currency, billing_name, billing_email,
                                              billing_company, billing_address, reason)
                        SELECT :id, 'CREDIT_NOTE', :location, m.id, :currency, m.full_name, m.email, m.company,
                               m.billing_address,
                               'Days no longer billed after a change'
                        FROM members m WHERE m.id = :member
                        """)
                .param("id", id)
                .param("location", location.id())
                .param("currency", location.currency())
                .param("member", memberId)
                .update();
        for (Corrections.Credit c : credits) {
            Billed b = byId.get(c.lineId());
            jdbc.sql("""
                            INSERT INTO invoice_lines (invoice_id, kind, description, service_period, billed, amount, vat_rate,
                                                       credits_line_id, lease_id, plan_membership_id)
                            SELECT :invoice, 'CREDIT', :description, o.service_period, daterange(:from, :to, '[)'), :amount,
                                   o.vat_rate, o.id, o.lease_id, o.plan_membership_id
                            FROM invoice_lines o WHERE o.id = :line
                            """)
                    .param("invoice", id)
                    .param(
                            "description",
                            "Credit: " + b.description() + " — days " + c.days().from() + " – "
                                    + c.days().to().minusDays(1))
                    .param("from", Date.valueOf(c.days().from()))
                    .param("to", Date.valueOf(c.days().to()))
                    .param("amount", c.amount())
                    .param("line", c.lineId())
                    .update();
            jdbc.sql("""
                            UPDATE invoice_lines SET active_days = active_days - datemultirange(daterange(:from, :to, '[)'))
                            WHERE id = :line
                            """)
                    .param("from", Date.valueOf(c.days().from()))
                    .param("to", Date.valueOf(c.days().to()))
                    .param("line", c.lineId())
                    .update();
        }
        issuing.issue(location, InvoiceKind.CREDIT_NOTE, List.of(id), today);
        audit.record("invoice", id, "issued", null, invoices.get(id));
    }

    private void resetProgress(String column, long sourceId, LocalDate start) {
        jdbc.sql("UPDATE billing_progress SET billed_through = least(billed_through, :start) WHERE " + column
                        + " = :id")
                .param("start", Date.valueOf(start))
                .param("id", sourceId)
                .update();
    }

    private void deleteEmptyDrafts(long memberId) {
        jdbc.sql("""
                        DELETE FROM invoices i WHERE i.member_id = :member AND i.status = 'DRAFT'
                          AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)
                        """).param("member", memberId).update();
    }
}
