package org.newplos.notifications;

import org.jspecify.annotations.Nullable;

/** What one attempt to deliver a message came to. */
record Delivery(Outcome outcome, @Nullable Integer statusCode, String detail) {

    enum Outcome {
        /** Accepted by the SMTP server, or a 2xx from the endpoint. */
        SENT,
        /** Not delivered this time (unreachable, a 5xx, a timeout): tried again later, until the last attempt. */
        FAILED,
        /** Cannot be delivered, whatever the retries (a template error, a refused address): dead at once. */
        DEAD,
        /** No longer true when it was due (lease extended, invoice paid, a later reminder due): not sent. */
        SKIPPED,
        /** An email with no SMTP server configured: kept, readable in the admin UI. */
        KEPT
    }

    static Delivery sent(@Nullable Integer statusCode, String detail) {
        return new Delivery(Outcome.SENT, statusCode, detail);
    }

    static Delivery failed(@Nullable Integer statusCode, String detail) {
        return new Delivery(Outcome.FAILED, statusCode, detail);
    }

    static Delivery dead(String detail) {
        return new Delivery(Outcome.DEAD, null, detail);
    }

    static Delivery skipped(String detail) {
        return new Delivery(Outcome.SKIPPED, null, detail);
    }

    static Delivery kept(String detail) {
        return new Delivery(Outcome.KEPT, null, detail);
    }
}
