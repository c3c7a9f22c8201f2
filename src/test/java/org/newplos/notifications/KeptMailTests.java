package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With no SMTP server configured (the default local run), an email is kept: nothing is lost, its text is
 * readable as it would be sent, and staff can send it again (it is kept again until SMTP is set up).
 */
@IntegrationTest
class KeptMailTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Messages messages;

    @Autowired
    MailChannel channel;

    @Test
    void withoutSmtpAnEmailIsKeptReadableAndCanBeSentAgain() {
        long id = jdbc.sql("""
                        INSERT INTO outbox (channel, event_type, dedup_key, recipient, subject_type, subject_id, payload,
                                            due_at)
                        VALUES ('EMAIL', 'reminder.invoice_overdue', :key, 'grace@example.com', 'invoice', 0,
                                CAST(:payload AS jsonb), now() - interval '1 second')
                        RETURNING id
                        """)
                .param("key", "kept:" + System.nanoTime())
                .param("payload", """
                        {"number": "AMS-2027-000042", "billingName": "Grace Hopper", "total": 1234.5,
                         "outstanding": 1000, "currency": "EUR", "issuedOn": "2027-01-01", "dueOn": "2027-01-15",
                         "daysOverdue": 10}""")
                .query(Long.class)
                .single();

        dispatcher.drain(Instant.now());

        Message kept = messages.get(id);
        assertThat(kept.status()).isEqualTo(Message.Status.KEPT);
        assertThat(kept.lastError()).isEqualTo(MailChannel.KEPT);
        assertThat(messages.attempts(id)).extracting(Messages.Attempt::outcome).containsExactly(Delivery.Outcome.KEPT);

        RenderedMail mail = channel.render(kept);
        assertThat(mail.subject()).isEqualTo("Reminder: invoice AMS-2027-000042 from Newplos is overdue");
        assertThat(mail.from()).isEqualTo("Newplos <newplos@localhost>");
        assertThat(mail.to()).isEqualTo("grace@example.com");
        assertThat(mail.messageId()).isEqualTo("<outbox-" + id + "@localhost>");
        assertThat(mail.text())
                .contains("Hello Grace Hopper,", "€1,234.50", "€1,000.00", "Friday 15 January 2027", "10 days ago");
        assertThat(mail.html()).contains("AMS-2027-000042", "€1,000.00", "<html lang=\"en\"");
        assertThat(mail.attachments()).isEmpty();

        assertThat(messages.retry(id, List.of(Message.Status.KEPT, Message.Status.DEAD)))
                .isTrue();
        dispatcher.drain(Instant.now());
        assertThat(messages.get(id).status()).isEqualTo(Message.Status.KEPT);
        assertThat(messages.attempts(id)).hasSize(2);
    }
}
