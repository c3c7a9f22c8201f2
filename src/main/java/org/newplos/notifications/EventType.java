package org.newplos.notifications;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What can leave the system, by its wire name (the webhook {@code type}, the template of its email). An
 * event type that members hear about is {@link #emailed()}; every type can be subscribed to by webhook
 * endpoints, except the ping, which goes only to the endpoint it tests.
 */
enum EventType {
    LEASE_BOOKED("lease.booked", true, "A lease was booked."),
    LEASE_UPDATED("lease.updated", false, "A lease's member, space, days, rate or notes changed."),
    LEASE_ENDED("lease.ended", true, "A lease was ended on a day (its last day may be in the future)."),
    LEASE_CANCELLED("lease.cancelled", true, "A lease was cancelled: it counts as never let."),
    INVOICE_ISSUED(
            "invoice.issued", true, "An invoice was issued (number, total, due day; the email attaches the PDF)."),
    CREDIT_NOTE_ISSUED("credit_note.issued", true, "A credit note was issued (the email attaches the PDF)."),
    PAYMENT_RECEIVED("payment.received", true, "A payment was recorded."),
    LEASE_ENDING("reminder.lease_ending", true, "Reminder: a lease's last day is near (thresholds per location)."),
    INVOICE_OVERDUE("reminder.invoice_overdue", true, "Reminder: an invoice is overdue (thresholds per location)."),
    BOOKING_CONFIRMED("booking.confirmed", true, "A room was booked by the hour (local day and times, charge)."),
    BOOKING_CANCELLED("booking.cancelled", true, "A room booking was cancelled (before or after the cut-off)."),
    PING("webhook.ping", false, "A test delivery sent from the admin UI or the API to one endpoint."),
    /**
     * A member's one-time sign-in (or email confirmation) link: to the member only, never to a webhook; its
     * {@code link} is a secret, masked on the staff pages and removed from the outbox once sent.
     */
    PORTAL_LINK("portal.sign_in_link", true, "A member's one-time sign-in or email-confirmation link (email only).");

    private final String wire;
    private final boolean emailed;
    private final String description;

    EventType(String wire, boolean emailed, String description) {
        this.wire = wire;
        this.emailed = emailed;
        this.description = description;
    }

    String wire() {
        return wire;
    }

    boolean emailed() {
        return emailed;
    }

    String description() {
        return description;
    }

    static Optional<EventType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** Carries a secret (a sign-in link): email only, masked for staff, scrubbed from the outbox after sending. */
    boolean secret() {
        return this == PORTAL_LINK;
    }

    /** The types an endpoint can subscribe to (all but the ping and the members' secret links). */
    static List<EventType> subscribable() {
        return Arrays.stream(values()).filter(t -> t != PING && !t.secret()).toList();
    }
}
