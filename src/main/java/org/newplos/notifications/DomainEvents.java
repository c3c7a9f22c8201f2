package org.newplos.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newplos.billing.DocumentsIssued;
import org.newplos.billing.InvoiceKind;
import org.newplos.billing.IssuedDocument;
import org.newplos.billing.Payment;
import org.newplos.billing.PaymentRecorded;
import org.newplos.bookings.BookingRecorded;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRecorded;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.newplos.members.Member;
import org.newplos.members.Members;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what leases and billing publish inside their transactions into outbox events, in those same
 * transactions (a plain {@link EventListener} runs on the publisher's thread, before it commits): a lease
 * booked, changed, ended or cancelled; invoices and credit notes issued; payments recorded.
 */
@Component
class DomainEvents {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Outbox outbox;
    private final Locations locations;
    private final Members members;

    DomainEvents(Outbox outbox, Locations locations, Members members) {
        this.outbox = outbox;
        this.locations = locations;
        this.members = members;
    }

    /**
     * A lease's event, written by one statement that reads the lease with its space, location and member: the
     * booking transaction pays one insert for its messages, no extra round trips.
     */
    private static final String LEASE_EVENT = """
            SELECT CAST(:type AS text) AS event_type, CAST(:key AS text) AS dedup_base, loc.id AS location_id,
                   m.id AS member_id, CASE WHEN :emailed THEN m.email END AS recipient, 'lease' AS subject_type,
                   l.id AS subject_id, NULL::integer AS threshold_days,
                   jsonb_build_object('id', l.id, 'status', l.status, 'memberId', m.id, 'memberName', m.full_name,
                                      'spaceId', s.id, 'spaceCode', s.code, 'spaceName', s.name, 'location', loc.code,
                                      'start', lower(l.period), 'end', upper(l.period), 'lastDay', upper(l.period) - 1,
                                      'monthlyRate', l.monthly_rate, 'deposit', l.deposit, 'currency', loc.currency)
                       AS payload
            FROM leases l
            JOIN spaces s ON s.id = l.space_id
            JOIN locations loc ON loc.id = s.location_id
            JOIN members m ON m.id = l.member_id
            WHERE l.id = :id
            """;

    @EventListener
    void on(LeaseRecorded recorded) {
        Lease lease = recorded.lease();
        EventType type = switch (recorded.change()) {
            case BOOKED -> EventType.LEASE_BOOKED;
            case UPDATED -> EventType.LEASE_UPDATED;
            case ENDED -> EventType.LEASE_ENDED;
            case CANCELLED -> EventType.LEASE_CANCELLED;
        };
        String key = switch (recorded.change()) {
            case BOOKED, CANCELLED -> type.wire() + ":" + lease.id();
            case UPDATED ->
                type.wire() + ":" + lease.id() + ":" + lease.updatedAt().toEpochMilli();
            case ENDED -> type.wire() + ":" + lease.id() + ":" + lease.end();
        };
        outbox.write(LEASE_EVENT, Map.of("type", type.wire(), "key", key, "emailed", type.emailed(), "id", lease.id()));
    }

    /** A room booking's event: its local day and times as the location reads them, and its charge. */
    private static final String BOOKING_EVENT = """
            SELECT CAST(:type AS text) AS event_type, CAST(:key AS text) AS dedup_base, loc.id AS location_id,
                   m.id AS member_id, m.email AS recipient, 'room_booking' AS subject_type,
                   b.id AS subject_id, NULL::integer AS threshold_days,
                   jsonb_build_object('id', b.id, 'status', b.status, 'memberId', m.id, 'memberName', m.full_name,
                                      'spaceId', s.id, 'spaceCode', s.code, 'spaceName', s.name, 'location', loc.code,
                                      'day', CAST(lower(b.slot) AT TIME ZONE loc.time_zone AS date),
                                      'from', to_char(lower(b.slot) AT TIME ZONE loc.time_zone, 'HH24:MI'),
                                      'until', to_char(upper(b.slot) AT TIME ZONE loc.time_zone, 'HH24:MI'),
                                      'timeZone', loc.time_zone, 'creditMinutes', b.credit_minutes,
                                      'chargedMinutes', b.charged_minutes, 'amount', b.amount, 'currency', loc.currency)
                       AS payload
            FROM room_bookings b
            JOIN spaces s ON s.id = b.space_id
            JOIN locations loc ON loc.id = b.location_id
            JOIN members m ON m.id = b.member_id
            WHERE b.id = :id
            """;

    @EventListener
    void on(BookingRecorded recorded) {
        EventType type = switch (recorded.change()) {
            case BOOKED -> EventType.BOOKING_CONFIRMED;
            case CANCELLED -> EventType.BOOKING_CANCELLED;
        };
        long id = recorded.booking().id();
        outbox.write(BOOKING_EVENT, Map.of("type", type.wire(), "key", type.wire() + ":" + id, "id", id));
    }

    @EventListener
    void on(DocumentsIssued issued) {
        outbox.write(issued.documents().stream()
                .map(document -> {
                    EventType type = document.kind() == InvoiceKind.CREDIT_NOTE
                            ? EventType.CREDIT_NOTE_ISSUED
                            : EventType.INVOICE_ISSUED;
                    return new Event(
                            type,
                            type.wire() + ":" + document.id(),
                            document.locationId(),
                            document.memberId(),
                            document.billingEmail().isBlank() ? null : document.billingEmail(),
                            "invoice",
                            document.id(),
                            null,
                            json(documentPayload(document)));
                })
                .toList());
    }

    @EventListener
    void on(PaymentRecorded recorded) {
        Payment payment = recorded.payment();
        Member member = members.get(payment.memberId());
        Location location = locations.get(payment.locationId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", payment.id());
        data.put("memberId", member.id());
        data.put("memberName", member.fullName());
        data.put("location", location.code());
        data.put("invoiceId", payment.invoiceId());
        data.put("method", payment.method().name());
        data.put("receivedOn", payment.receivedOn().toString());
        data.put("amount", payment.amount());
        data.put("currency", location.currency());
        data.put("reference", payment.reference());
        outbox.write(List.of(new Event(
                EventType.PAYMENT_RECEIVED,
                EventType.PAYMENT_RECEIVED.wire() + ":" + payment.id(),
                location.id(),
                member.id(),
                member.email(),
                "payment",
                payment.id(),
                null,
                json(data))));
    }

    private static Map<String, Object> documentPayload(IssuedDocument document) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", document.id());
        data.put("kind", document.kind().name());
        data.put("number", document.number());
        data.put("memberId", document.memberId());
        data.put("billingName", document.billingName());
        data.put("total", document.total());
        data.put("currency", document.currency());
        data.put("issuedOn", document.issuedOn().toString());
        data.put("dueOn", document.dueOn().toString());
        return data;
    }

    static String json(Map<String, Object> data) {
        return JSON.writeValueAsString(data);
    }
}
