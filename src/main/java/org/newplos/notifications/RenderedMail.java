package org.newplos.notifications;

import java.util.List;

/**
 * An email as it is (or would be) sent, for the admin UI and the channel: the subject, the sender, the one
 * recipient, the Message-ID (the same on every attempt), both bodies and the names of the attachments.
 */
record RenderedMail(
        String subject,
        String fromAddress,
        String fromName,
        String to,
        String messageId,
        String text,
        String html,
        List<String> attachments) {

    /** The sender as a header shows it: {@code Amsterdam Noord <ams@example.com>}. */
    public String from() {
        return fromName.isBlank() ? fromAddress : fromName + " <" + fromAddress + ">";
    }
}
