package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Email end to end against a real SMTP server in the test (GreenMail): an invoice issued through the API
 * arrives with its subject, sender, recipient, text and HTML parts and the PDF; the Message-ID is the same on
 * a retry; a template error is dead with the reason; an SMTP outage fails and a later run delivers; and three
 * dispatchers on one database deliver 5,000 messages once each.
 */
@IntegrationTest
class MailDeliveryTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));
    private static GreenMail greenMail;
    private static int port;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Messages messages;

    @Autowired
    MailChannel channel;

    @Autowired
    Reminders reminders;

    @Autowired
    DeliveryTracing tracing;

    @Autowired
    NotificationSettings settings;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        startSmtp();
        registry.add("newplos.mail.smtp-url", () -> "smtp://127.0.0.1:" + port);
        registry.add("newplos.mail.from", () -> "desk@newplos.test");
    }

    static synchronized void startSmtp() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp").dynamicPort());
            greenMail.start();
            port = greenMail.getSmtp().getPort();
        }
    }

    static synchronized void stopSmtp() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    @AfterAll
    static void stop() {
        stopSmtp();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        startSmtp();
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void anIssuedInvoiceArrivesWithBothPartsThePdfAndTheSameMessageIdOnARetry() throws Exception {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        String code = "M" + SEQUENCE.incrementAndGet();
        long location = admin.create("/api/v1/locations", """
                {"code": "%s", "name": "Harbour %s", "timeZone": "Europe/Amsterdam", "currency": "EUR",
                 "invoicePrefix": "%s", "defaultVatRate": 21.00, "paymentTermsDays": 14,
                 "senderName": "Harbour Coworking", "senderEmail": "billing@harbour.test"}""".formatted(code, code, code));
        String email = "ada" + code.toLowerCase() + "@example.com";
        long member = staff.create("/api/v1/members", """
                {"fullName": "Ada Lovelace", "email": "%s"}""".formatted(email));
        long invoice = staff.create("/api/v1/invoices", """
                {"memberId": %d, "locationId": %d}""".formatted(member, location));
        assertThat(staff.post("/api/v1/invoices/" + invoice + "/lines", """
                        {"description": "Printing", "amount": 50.00}""")).hasStatus(201);
        assertThat(staff.post("/api/v1/invoices/" + invoice + "/issue", """
                        {"issuedOn": "2027-02-01"}""")).hasStatusOk();
        String number = code + "-2027-000001";
        long id = jdbc.sql("""
                        SELECT id FROM outbox WHERE channel = 'EMAIL' AND event_type = 'invoice.issued'
                          AND subject_id = :invoice""").param("invoice", invoice).query(Long.class).single();

        dispatcher.drain(Instant.now());

        Message sent = messages.get(id);
        assertThat(sent.status()).as(sent.lastError()).isEqualTo(Message.Status.SENT);
        List<MimeMessage> received = receivedBy(email);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).isEqualTo("Invoice " + number + " from Harbour " + code);
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("billing@harbour.test");
        assertThat(from.getPersonal()).isEqualTo("Harbour Coworking");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(email);
        assertThat(mail.getMessageID()).isEqualTo("<outbox-" + id + "@harbour.test>");
        assertThat(mail.getHeader("X-Newplos-Message-Id")).containsExactly(String.valueOf(id));

        Map<String, Object> parts = parts(mail);
        assertThat(parts).containsKeys("text/plain", "text/html", "application/pdf");
        assertThat((String) parts.get("text/plain"))
                .contains("Hello Ada Lovelace,", number, "€60.50", "Monday 15 February 2027", "Harbour " + code)
                .doesNotContain("<");
        assertThat((String) parts.get("text/html"))
                .contains("<html lang=\"en\"", number, "€60.50", "Monday 15 February 2027", "role=\"presentation\"");
        assertThat(parts.get("application/pdf.name")).isEqualTo(number + ".pdf");
        try (PDDocument pdf = Loader.loadPDF((byte[]) parts.get("application/pdf"))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(number);
        }
        RenderedMail shown = channel.render(sent);
        assertThat(shown.subject()).isEqualTo(mail.getSubject());
        assertThat(shown.attachments()).containsExactly(number + ".pdf");

        assertThat(messages.retry(id, List.of(Message.Status.SENT))).isTrue();
        dispatcher.drain(Instant.now());
        List<MimeMessage> again = receivedBy(email);
        assertThat(again).hasSize(2);
        assertThat(again).extracting(MimeMessage::getMessageID).containsOnly("<outbox-" + id + "@harbour.test>");
        assertThat(messages.attempts(id))
                .extracting(Messages.Attempt::outcome)
                .containsExactly(Delivery.Outcome.SENT, Delivery.Outcome.SENT);
    }

    @Test
    void aPayloadTheTemplateCannotRenderIsDeadWithTheReason() throws Exception {
        long noNumber = insert(
                "invoice.issued", "x@example.com", "{\"kind\": \"INVOICE\", \"total\": 10, \"currency\": \"EUR\"}");
        long badDay = insert("reminder.lease_ending", "y@example.com", """
                {"spaceCode": "D-1", "spaceName": "Desk 1", "lastDay": "soon", "daysLeft": 7}""");

        dispatcher.drain(Instant.now());

        Message dead = messages.get(noNumber);
        assertThat(dead.status()).isEqualTo(Message.Status.DEAD);
        assertThat(dead.lastError()).isEqualTo("cannot render the invoice.issued email: the payload has no 'number'");
        assertThat(dead.attempt()).isEqualTo(1);
        assertThat(messages.get(badDay).status()).isEqualTo(Message.Status.DEAD);
        assertThat(messages.get(badDay).lastError()).contains("'soon' is not a day");
        assertThat(messages.attempts(noNumber))
                .extracting(Messages.Attempt::outcome)
                .containsExactly(Delivery.Outcome.DEAD);
        assertThat(receivedBy("x@example.com")).isEmpty();
    }

    @Test
    void whileTheSmtpServerIsDownAMessageFailsAndALaterRunDeliversIt() throws Exception {
        long id = insert("payment.received", "down@example.com", """
                {"id": 1, "memberName": "Grace Hopper", "amount": 12.50, "currency": "EUR",
                 "receivedOn": "2027-03-01", "reference": "R-1"}""");
        stopSmtp();
        Instant now = Instant.now();
        dispatcher.drain(now);

        Message failed = messages.get(id);
        assertThat(failed.status()).isEqualTo(Message.Status.PENDING);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.lastError()).contains("cannot reach the SMTP server");
        assertThat(failed.dueAt()).isAfter(now);
        assertThat(messages.attempts(id))
                .extracting(Messages.Attempt::outcome)
                .containsExactly(Delivery.Outcome.FAILED);

        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        greenMail.start();
        dispatcher.drain(now.plus(Duration.ofHours(1)));

        Message sent = messages.get(id);
        assertThat(sent.status()).isEqualTo(Message.Status.SENT);
        assertThat(sent.attempt()).isEqualTo(2);
        List<MimeMessage> received = receivedBy("down@example.com");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Thank you: we received your payment of €12.50");
        assertThat(received.get(0).getMessageID()).isEqualTo("<outbox-" + id + "@newplos.test>");
    }

    @Test
    void threeDispatchersDeliverFiveThousandDueMessagesEachOnce() throws Exception {
        String run = "load" + SEQUENCE.incrementAndGet();
        int total = 5000;
        int inserted = jdbc.sql("""
                        INSERT INTO outbox (channel, event_type, dedup_key, recipient, subject_type, subject_id, payload,
                                            due_at)
                        SELECT 'EMAIL', 'payment.received', :run || ':' || g, 'member' || (g % 50) || '@load.test',
                               'payment', g,
                               jsonb_build_object('id', g, 'memberName', 'Member ' || g, 'amount', 12.50,
                                                  'currency', 'EUR', 'receivedOn', '2027-03-01', 'reference', 'R' || g),
                               now() - interval '1 minute'
                        FROM generate_series(1, :total) g
                        """).param("run", run).param("total", total).update();
        assertThat(inserted).isEqualTo(total);

        List<Dispatcher> dispatchers = List.of(dispatcher(), dispatcher(), dispatcher());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        long started = System.nanoTime();
        try {
            List<Future<Integer>> drains = new ArrayList<>();
            for (Dispatcher d : dispatchers) {
                drains.add(pool.submit(() -> d.drain(Instant.now())));
            }
            int finished = 0;
            for (Future<Integer> drain : drains) {
                finished += drain.get();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    "outbox: %d messages by 3 dispatchers in %d ms (%.0f msg/s; %d SMTP connections each)%n",
                    total, millis, total * 1000.0 / Math.max(millis, 1), settings.senders());
            assertThat(finished).isGreaterThanOrEqualTo(total);
        } finally {
            pool.shutdown();
            dispatchers.forEach(Dispatcher::close);
        }

        MimeMessage[] received = greenMail.getReceivedMessagesForDomain("load.test");
        List<String> ids = new ArrayList<>();
        for (MimeMessage mail : received) {
            ids.add(mail.getMessageID());
        }
        Set<String> distinct = new HashSet<>(ids);
        assertThat(ids).hasSize(total);
        assertThat(distinct).hasSize(total);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM outbox
                        WHERE dedup_key LIKE :run || ':%' AND status = 'SENT' AND attempts = 1""").param("run", run).query(Long.class).single()).isEqualTo(total);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM outbox_attempts a JOIN outbox o ON o.id = a.message_id
                        WHERE o.dedup_key LIKE :run || ':%'""").param("run", run).query(Long.class).single()).isEqualTo(total);
    }

    /**
     * A dispatcher with the default batch and senders (SMTP connections), and time enough to finish on a busy
     * machine (a default run stops after a minute). GreenMail runs in this JVM: it parses and stores every
     * message it receives.
     */
    private Dispatcher dispatcher() {
        NotificationSettings load = new NotificationSettings(
                false,
                settings.dispatchInterval(),
                settings.scanInterval(),
                settings.batchSize(),
                settings.senders(),
                settings.maxAttempts(),
                settings.firstRetry(),
                settings.maxRetryInterval(),
                settings.claimTimeout(),
                Duration.ofMinutes(5));
        return new Dispatcher(messages, List.of(channel), reminders, tracing, load, null);
    }

    private long insert(String type, String recipient, String payload) {
        return jdbc.sql("""
                        INSERT INTO outbox (channel, event_type, dedup_key, recipient, subject_type, subject_id, payload,
                                            due_at)
                        VALUES ('EMAIL', :type, :key, :recipient, 'test', 0, CAST(:payload AS jsonb),
                                now() - interval '1 second')
                        RETURNING id
                        """)
                .param("type", type)
                .param("key", "test:" + type + ":" + System.nanoTime())
                .param("recipient", recipient)
                .param("payload", payload)
                .query(Long.class)
                .single();
    }

    private static List<MimeMessage> receivedBy(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage mail : greenMail.getReceivedMessages()) {
            if (Arrays.stream(mail.getAllRecipients())
                    .anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                found.add(mail);
            }
        }
        return found;
    }

    /** The leaf parts of a message by content type (text as a string, the rest as bytes, file names as ".name"). */
    private static Map<String, Object> parts(Part part) throws Exception {
        Map<String, Object> parts = new LinkedHashMap<>();
        collect(part, parts);
        return parts;
    }

    private static void collect(Part part, Map<String, Object> parts) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts);
            }
            return;
        }
        String type = part.getContentType().split(";")[0].trim().toLowerCase();
        if (content instanceof String text) {
            parts.put(type, text);
        } else {
            try (InputStream in = part.getInputStream()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                parts.put(type, bytes.toByteArray());
            }
        }
        if (part.getFileName() != null) {
            parts.put(type + ".name", part.getFileName());
        }
    }
}
