package org.newplos.notifications;

/** A way out of the system: email over SMTP, or a signed webhook. The dispatcher hands it claimed messages. */
interface Channel {

    Kind kind();

    /**
     * Tries to deliver a message once. Never throws for a failed delivery: the answer says what happened
     * (sent; failed and worth another attempt; dead, never worth one; kept, for email with no SMTP server).
     */
    Delivery send(Message message);

    enum Kind {
        EMAIL,
        WEBHOOK
    }
}
