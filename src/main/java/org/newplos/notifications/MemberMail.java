package org.newplos.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * What the member portal needs of the outbox: its one-time links emailed (through the outbox, delivered at
 * once after the commit rather than at the dispatcher's next run), the emails a member was sent (for their
 * data export, without secrets), and the redaction of a member's messages when they are erased.
 */
@Component
public class MemberMail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemberMail.class);

    private final Outbox outbox;
    private final Messages messages;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ExecutorService now = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "member-mail");
        thread.setDaemon(true);
        return thread;
    });

    MemberMail(Outbox outbox, Messages messages, Dispatcher dispatcher, Clock clock) {
        this.outbox = outbox;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * A one-time link for a member, emailed to {@code recipient} (their address, or the new one they are
     * confirming). Written in the caller's transaction; sent right after it commits, on another thread, so that
     * the answer to the request takes as long whether or not an email goes out.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void sendLink(LinkMail mail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", mail.memberId());
        data.put("memberName", mail.memberName());
        data.put("purpose", mail.purpose());
        data.put("link", mail.link());
        data.put("expiresAt", mail.expiresAt().toString());
        data.put("minutes", mail.lifetime().toMinutes());
        String key = EventType.PORTAL_LINK.wire() + ":" + mail.linkId();
        outbox.write(List.of(new Event(
                EventType.PORTAL_LINK,
                key,
                null,
                mail.memberId(),
                mail.recipient(),
                "member",
                mail.memberId(),
                null,
                DomainEvents.json(data))));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                now.execute(() -> deliver(key + ":email"));
            }
        });
    }

    private void deliver(String dedupKey) {
        try {
            messages.idOf(dedupKey).ifPresent(id -> dispatcher.deliverNow(id, clock.instant()));
        } catch (RuntimeException e) {
            // the dispatcher's next run sends it
            log.warn("Could not send a member's link at once: {}", e.toString());
        }
    }

    /** Emails Newplos sent (or tried to send) to a member, oldest first, without secrets. */
    public List<SentMail> sentTo(long memberId, int limit) {
        return messages.toMember(memberId, limit).stream()
                .map(Message::forStaff)
                .map(m -> new SentMail(
                        m.id(),
                        m.eventType(),
                        m.recipient(),
                        m.status().name(),
                        m.createdAt(),
                        m.sentAt(),
                        DomainEvents.JSON.readTree(m.payload())))
                .toList();
    }

    /** Removes a member's address and data from the outbox (they were erased); answers how many rows changed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int redact(long memberId, String erasedAddress) {
        return messages.redact(memberId, erasedAddress);
    }

    @Override
    public void close() {
        now.shutdownNow();
    }

    /**
     * A link to email.
     *
     * @param purpose SIGN_IN or EMAIL_CHANGE (the email's wording)
     */
    public record LinkMail(
            long linkId,
            long memberId,
            String memberName,
            String recipient,
            String purpose,
            String link,
            Instant expiresAt,
            Duration lifetime) {}

    /** An email as the member's data export shows it. */
    public record SentMail(
            long id,
            String type,
            @Nullable String recipient,
            String status,
            Instant createdAt,
            @Nullable Instant sentAt,
            JsonNode data) {}
}
