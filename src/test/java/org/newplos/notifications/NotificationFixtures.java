package org.newplos.notifications;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.newplos.Fixtures;
import org.newplos.billing.Billing;
import org.newplos.billing.Invoice;
import org.newplos.billing.LineRequest;
import org.newplos.billing.Payment;
import org.newplos.billing.PaymentMethod;
import org.newplos.billing.PaymentRequest;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.members.Member;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Locations, leases, invoices and payments for the notification tests, made through the features' own
 * services (so their events are published as in production); locations by SQL with chosen reminder days.
 */
@TestComponent
class NotificationFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 10_000));

    private final Fixtures fixtures;
    private final Leasing leasing;
    private final Billing billing;
    private final JdbcClient jdbc;

    NotificationFixtures(Fixtures fixtures, Leasing leasing, Billing billing, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.leasing = leasing;
        this.billing = billing;
        this.jdbc = jdbc;
    }

    /** A location in UTC with the default reminder days (30/7/1 before a lease's end, 3/10/30 overdue). */
    long location() {
        return location("UTC");
    }

    long location(String timeZone) {
        String code = "N" + SEQUENCE.incrementAndGet();
        return jdbc.sql("""
                        INSERT INTO locations (code, name, time_zone, currency, invoice_prefix, default_vat_rate,
                                               payment_terms_days, sender_name, sender_email)
                        VALUES (:code, 'Notify ' || :code, :zone, 'EUR', :code, 21, 14, 'Newplos ' || :code,
                                lower(:code) || '@newplos.test')
                        RETURNING id
                        """)
                .param("code", code)
                .param("zone", timeZone)
                .query(Long.class)
                .single();
    }

    Member member(String name) {
        return fixtures.member(name);
    }

    Space space(long locationId) {
        Space space = fixtures.space(SpaceType.DESK, "300.00");
        jdbc.sql("UPDATE spaces SET location_id = :l WHERE id = :s")
                .param("l", locationId)
                .param("s", space.id())
                .update();
        return space;
    }

    Lease lease(Member member, long locationId, LocalDate start, LocalDate end) {
        return fixtures.lease(member, space(locationId), start, end);
    }

    Lease extend(Lease lease, LocalDate newEnd) {
        return leasing.change(
                lease.id(),
                new LeaseRequest(
                        lease.memberId(),
                        lease.spaceId(),
                        lease.start(),
                        newEnd,
                        lease.monthlyRate(),
                        lease.deposit(),
                        lease.notes()));
    }

    /** An invoice of one charge, issued on a day (due after the location's 14 payment days). */
    Invoice invoice(Member member, long locationId, String amount, LocalDate issuedOn) {
        Invoice draft = billing.createDraft(member.id(), locationId);
        billing.addLine(draft.id(), new LineRequest("Printing", new BigDecimal(amount), BigDecimal.ZERO));
        return billing.issue(draft.id(), issuedOn);
    }

    Payment pay(Invoice invoice, String amount, LocalDate on) {
        return billing.recordPayment(new PaymentRequest(
                invoice.id(), null, null, PaymentMethod.BANK_TRANSFER, on, new BigDecimal(amount), "test"));
    }
}
