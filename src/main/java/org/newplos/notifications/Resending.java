package org.newplos.notifications;

import java.util.List;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sending a finished message again, by hand: a dead or kept message (after the cause is fixed, or once SMTP
 * is set up), or a webhook delivery already sent (a receiver that lost it). The message becomes due now with
 * a fresh count of attempts, and the next dispatcher run sends it; the audit log says who asked.
 */
@Service
class Resending {

    private final Messages messages;
    private final AuditLog audit;

    Resending(Messages messages, AuditLog audit) {
        this.messages = messages;
        this.audit = audit;
    }

    /** A member's one-time link is never sent again by staff: the member asks for a new one. */
    boolean canResend(Message message) {
        return from(message).contains(message.status())
                && EventType.of(message.eventType()).filter(EventType::secret).isEmpty();
    }

    @Transactional
    Message resend(long id) {
        Message before = messages.get(id);
        if (EventType.of(before.eventType()).filter(EventType::secret).isPresent()) {
            throw new ConflictException("Message " + id + " is a member's one-time sign-in link: it is never sent"
                    + " again; the member asks for a new one on the sign-in page.");
        }
        if (!canResend(before) || !messages.retry(id, from(before))) {
            throw new ConflictException("Message " + id + " is " + before.status() + "; only finished webhook"
                    + " deliveries, and emails that were not sent (dead or kept), can be sent again.");
        }
        Message after = messages.get(id);
        audit.record("message", id, "retried", summary(before), summary(after));
        return after;
    }

    /**
     * A webhook delivery in any finished state (a receiver may have lost one it accepted); an email only when it
     * was not sent (dead, or kept without SMTP) — never twice into a member's inbox by a click.
     */
    private static List<Message.Status> from(Message message) {
        return message.channel() == Channel.Kind.WEBHOOK
                ? List.of(Message.Status.SENT, Message.Status.DEAD, Message.Status.SKIPPED, Message.Status.CANCELLED)
                : List.of(Message.Status.DEAD, Message.Status.KEPT);
    }

    /** What the audit log keeps of a message sent again by hand: never its payload or address (personal data). */
    record AuditedMessage(String eventType, String channel, String status, int attempts) {}

    private static AuditedMessage summary(Message message) {
        return new AuditedMessage(
                message.eventType(), message.channel().name(), message.status().name(), message.attempt());
    }
}
