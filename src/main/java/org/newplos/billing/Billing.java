package org.newplos.billing;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What staff do with invoices: issue a run's drafts or one draft, void a draft, add one-off charges and
 * discounts, record payments, settle a deposit. Every change is audited in its transaction; the database's
 * triggers guard immutability and the lock date, and their refusals come back as 409s that say why.
 */
@Service
public class Billing {

    private static final RowMapper<Payment> PAYMENT = (rs, n) -> new Payment(
            rs.getLong("id"),
            rs.getLong("member_id"),
            rs.getLong("location_id"),
            rs.getObject("invoice_id", Long.class),
            PaymentMethod.valueOf(rs.getString("method")),
            rs.getObject("received_on", LocalDate.class),
            rs.getBigDecimal("amount"),
            rs.getString("reference"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Locations locations;
    private final Invoices invoices;
    private final Issuing issuing;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Billing(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Locations locations,
            Invoices invoices,
            Issuing issuing,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.locations = locations;
        this.invoices = invoices;
        this.issuing = issuing;
        this.audit = audit;
        this.events = events;
    }

    /** Issues every draft of a run on a day: invoices and credit notes get their numbers. Answers how many. */
    public int issueRun(long runId, LocalDate on) {
        return write(() -> {
            Long locationId = jdbc.sql("SELECT location_id FROM invoice_runs WHERE id = :id")
                    .param("id", runId)
                    .query(Long.class)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("invoice run", runId));
            Location location = locations.get(locationId);
            int issued = 0;
            for (InvoiceKind kind : InvoiceKind.values()) {
                List<Long> drafts = jdbc.sql("""
                                SELECT id FROM invoices WHERE run_id = :run AND kind = :kind AND status = 'DRAFT'
                                ORDER BY id FOR UPDATE
                                """)
                        .param("run", runId)
                        .param("kind", kind.name())
                        .query(Long.class)
                        .list();
                issued += issuing.issue(location, kind, drafts, on);
            }
            if (issued > 0) {
                audit.record("invoice_run", runId, "issued", null, new RunIssued(location.code(), on, issued));
            }
            return issued;
        });
    }

    /** What the audit log keeps of issuing a run. */
    public record RunIssued(String location, LocalDate on, int documents) {}

    /** Issues one draft on a day. */
    public Invoice issue(long invoiceId, LocalDate on) {
        return write(() -> {
            Invoice draft = lockDraft(invoiceId);
            issuing.issue(locations.get(draft.locationId()), draft.kind(), List.of(invoiceId), on);
            Invoice issued = invoices.get(invoiceId);
            audit.record("invoice", invoiceId, "issued", draft, issued);
            return issued;
        });
    }

    /** Discards a draft: it stays, VOID and without lines, and what it billed is billed again by the next run. */
    public Invoice voidDraft(long invoiceId) {
        return write(() -> {
            Invoice draft = lockDraft(invoiceId);
            jdbc.sql("""
                            UPDATE billing_progress p SET billed_through = least(p.billed_through, x.first_day)
                            FROM (SELECT coalesce(lease_id, -1) AS lease_id, coalesce(plan_membership_id, -1) AS pm_id,
                                         min(lower(billed)) AS first_day
                                  FROM invoice_lines WHERE invoice_id = :id AND kind IN ('RENT', 'PLAN')
                                  GROUP BY 1, 2) x
                            WHERE p.lease_id = x.lease_id OR p.plan_membership_id = x.pm_id
                            """).param("id", invoiceId).update();
            // A voided deposit is invoiced again by the next run (its lease is looked at again from its start);
            // a voided refund is made again.
            jdbc.sql("""
                            UPDATE billing_progress p
                            SET deposit_closed = false,
                                billed_through = CASE WHEN l.kind = 'DEPOSIT' THEN least(p.billed_through, lower(x.period))
                                                      ELSE p.billed_through END
                            FROM invoice_lines l JOIN leases x ON x.id = l.lease_id
                            WHERE l.invoice_id = :id AND l.kind IN ('DEPOSIT', 'DEPOSIT_REFUND') AND p.lease_id = l.lease_id
                            """).param("id", invoiceId).update();
            jdbc.sql("DELETE FROM invoice_lines WHERE invoice_id = :id")
                    .param("id", invoiceId)
                    .update();
            jdbc.sql("UPDATE invoices SET status = 'VOID' WHERE id = :id")
                    .param("id", invoiceId)
                    .update();
            Invoice voided = invoices.get(invoiceId);
            audit.record("invoice", invoiceId, "voided", draft, voided);
            return voided;
        });
    }

    /** Adds a one-off charge (positive) or discount (negative) to a draft invoice. */
    public InvoiceLine addLine(long invoiceId, LineRequest request) {
        if (request.amount().signum() == 0) {
            throw new InvalidInputException("amount", "must not be zero");
        }
        return write(() -> {
            Invoice draft = lockDraft(invoiceId);
            if (draft.kind() != InvoiceKind.INVOICE) {
                throw new ConflictException("Charges and discounts go on invoices, not on credit notes.");
            }
            BigDecimal vat = request.vatRate() != null
                    ? request.vatRate()
                    : locations.get(draft.locationId()).defaultVatRate();
            long id = jdbc.sql("""
                            INSERT INTO invoice_lines (invoice_id, kind, description, amount, vat_rate)
                            VALUES (:invoice, :kind, :description, :amount, :vat)
                            RETURNING id
                            """)
                    .param("invoice", invoiceId)
                    .param("kind", request.amount().signum() > 0 ? "CHARGE" : "DISCOUNT")
                    .param("description", request.description().strip())
                    .param("amount", request.amount())
                    .param("vat", vat)
                    .query(Long.class)
                    .single();
            audit.record("invoice", invoiceId, "updated", null, request);
            return invoices.lines(invoiceId).stream()
                    .filter(l -> l.id() == id)
                    .findFirst()
                    .orElseThrow();
        });
    }

    /** Starts an empty draft invoice for a member at a location, for one-off charges. */
    public Invoice createDraft(long memberId, long locationId) {
        Location location = locations.get(locationId);
        return write(() -> {
            long id = invoices.nextId();
            int made = jdbc.sql("""
                            INSERT INTO invoices (id, kind, location_id, member_id, currency, billing_name, billing_email,
                                                  billing_company, billing_address)
                            SELECT :id, 'INVOICE', :location, m.id, :currency, m.full_name, m.email, m.company,
                                   m.billing_address
                            FROM members m WHERE m.id = :member
                            """)
                    .param("id", id)
                    .param("location", locationId)
                    .param("currency", location.currency())
                    .param("member", memberId)
                    .update();
            if (made == 0) {
                throw new InvalidInputException("memberId", "no member with id " + memberId);
            }
            Invoice created = invoices.get(id);
            audit.record("invoice", id, "created", null, created);
            return created;
        });
    }

    /** Records a payment. For an invoice, it must be an issued invoice (not a draft, void or credit note). */
    public Payment recordPayment(PaymentRequest request) {
        return write(() -> {
            long memberId;
            @Nullable Long locationId;
            if (request.invoiceId() != null) {
                Invoice invoice = invoices.find(request.invoiceId())
                        .orElseThrow(() ->
                                new InvalidInputException("invoiceId", "no invoice with id " + request.invoiceId()));
                if (invoice.kind() != InvoiceKind.INVOICE || invoice.status() != InvoiceStatus.ISSUED) {
                    throw new ConflictException("Invoice " + invoice.id() + " is "
                            + (invoice.kind() == InvoiceKind.CREDIT_NOTE ? "a credit note" : invoice.status())
                            + "; payments are recorded against issued invoices only.");
                }
                if (request.memberId() != null && request.memberId() != invoice.memberId()) {
                    throw new InvalidInputException("memberId", "invoice " + invoice.id() + " is another member's");
                }
                memberId = invoice.memberId();
                locationId = invoice.locationId();
            } else {
                if (request.memberId() == null) {
                    throw new InvalidInputException("memberId", "is required when no invoiceId is given");
                }
                memberId = request.memberId();
                locationId = request.locationId();
                if (locationId != null) {
                    locations.get(locationId);
                }
            }
            Payment payment = jdbc.sql("""
                            INSERT INTO payments (member_id, location_id, invoice_id, method, received_on, amount, reference)
                            SELECT m.id, coalesce(CAST(:location AS bigint), default_location_id()), :invoice, :method, :on, :amount, :reference FROM members m WHERE m.id = :member
                            RETURNING *
                            """)
                    .param("location", locationId)
                    .param("invoice", request.invoiceId())
                    .param("method", request.method().name())
                    .param("on", Date.valueOf(request.receivedOn()))
                    .param("amount", request.amount())
                    .param(
                            "reference",
                            request.reference() == null
                                    ? ""
                                    : request.reference().strip())
                    .param("member", memberId)
                    .query(PAYMENT)
                    .optional()
                    .orElseThrow(() -> new InvalidInputException("memberId", "no member with id " + memberId));
            audit.record("payment", payment.id(), "recorded", null, payment);
            events.publishEvent(new PaymentRecorded(payment));
            return payment;
        });
    }

    public List<Payment> payments(@Nullable Long memberId, @Nullable Long invoiceId) {
        return jdbc.sql("""
                        SELECT * FROM payments
                        WHERE (CAST(:member AS bigint) IS NULL OR member_id = :member)
                          AND (CAST(:invoice AS bigint) IS NULL OR invoice_id = :invoice)
                        ORDER BY received_on, id
                        LIMIT 500
                        """)
                .param("member", memberId)
                .param("invoice", invoiceId)
                .query(PAYMENT)
                .list();
    }

    /** How much of a lease's deposit is kept when the next run refunds it, and why. */
    public void settleDeposit(long leaseId, BigDecimal kept, String reason) {
        if (kept.signum() < 0) {
            throw new InvalidInputException("kept", "must not be negative");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required: say why part of the deposit is kept");
        }
        write(() -> {
            BigDecimal deposit = jdbc.sql("SELECT deposit FROM leases WHERE id = :id")
                    .param("id", leaseId)
                    .query(BigDecimal.class)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("lease", leaseId));
            if (kept.compareTo(deposit) > 0) {
                throw new InvalidInputException("kept", "must not exceed the deposit (" + deposit + ")");
            }
            boolean refunded = jdbc.sql(
                            "SELECT EXISTS (SELECT 1 FROM invoice_lines WHERE lease_id = :id AND kind = 'DEPOSIT_REFUND')")
                    .param("id", leaseId)
                    .query(Boolean.class)
                    .single();
            if (refunded) {
                throw new ConflictException("The deposit of lease " + leaseId + " has already been refunded.");
            }
            jdbc.sql("""
                            INSERT INTO deposit_settlements (lease_id, kept, reason) VALUES (:id, :kept, :reason)
                            ON CONFLICT (lease_id) DO UPDATE SET kept = EXCLUDED.kept, reason = EXCLUDED.reason
                            """)
                    .param("id", leaseId)
                    .param("kept", kept)
                    .param("reason", reason.strip())
                    .update();
            audit.record("lease", leaseId, "deposit_settled", null, new DepositSettled(kept, reason.strip()));
            return null;
        });
    }

    /** What the audit log keeps of a deposit settlement. */
    public record DepositSettled(BigDecimal kept, String reason) {}

    private Invoice lockDraft(long invoiceId) {
        String status = jdbc.sql("SELECT status FROM invoices WHERE id = :id FOR UPDATE")
                .param("id", invoiceId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("invoice", invoiceId));
        if (!"DRAFT".equals(status)) {
            throw new ConflictException("Invoice " + invoiceId + " is " + status
                    + "; only drafts can change. Correct an issued invoice with a credit note.");
        }
        return invoices.get(invoiceId);
    }

    private <T> T write(Supplier<T> change) {
        try {
            return transactions.execute(status -> change.get());
        } catch (DataAccessException e) {
            throw BillingErrors.translate(e);
        }
    }
}
