package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The outbox pages: the list as a page and as an htmx partial, filtered; a message with its payload and
 * attempts; sending a dead message again (STAFF), refused for one still pending, and bad filters as 400s.
 */
@IntegrationTest
@org.springframework.context.annotation.Import(NotificationFixtures.class)
class OutboxPagesTests {

    @Autowired
    NotificationFixtures fixtures;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    @Test
    void theListIsAPageAndAPartialAndFilters() throws Exception {
        long dead = message("DEAD", "invoice.issued", "mailbox full");
        long pending = message("PENDING", "lease.booked", null);
        Pages viewer = Pages.as(mvc, "VIEWER");

        MvcTestResult page = viewer.page("/outbox");
        assertThat(page)
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, "#" + dead, "#" + pending, "mailbox full");
        MvcTestResult partial = viewer.partial("/outbox?status=DEAD");
        assertThat(partial)
                .hasStatusOk()
                .bodyText()
                .doesNotContain(Pages.LAYOUT_MARK)
                .contains("#" + dead);
        assertThat(partial.getResponse().getContentAsString()).doesNotContain(">#" + pending + "<");
        assertThat(viewer.page("/outbox?status=LOST")).hasStatus(400);
        assertThat(viewer.page("/outbox?channel=PIGEON")).hasStatus(400);
    }

    @Test
    void aMessageShowsItsPayloadAndAttemptsAndCanBeSentAgainWhenDead() {
        long dead = message("DEAD", "invoice.issued", "550 mailbox unavailable");
        jdbc.sql("""
                        INSERT INTO outbox_attempts (message_id, attempt, outcome, status_code, detail, duration_ms)
                        VALUES (:id, 1, 'DEAD', 550, '550 mailbox unavailable', 12)
                        """).param("id", dead).update();

        assertThat(Pages.as(mvc, "VIEWER").page("/outbox/" + dead))
                .hasStatusOk()
                .bodyText()
                .contains("&quot;number&quot; : &quot;AMS-2027-000042&quot;", "550 mailbox unavailable", "DEAD")
                .doesNotContain("Send again");
        assertThat(Pages.as(mvc, "VIEWER").post("/outbox/" + dead + "/retry", Map.of()))
                .hasStatus(403);

        MvcTestResult resent = Pages.as(mvc, "STAFF").post("/outbox/" + dead + "/retry", Map.of());

        assertThat(resent).hasStatus(302);
        assertThat(status(dead)).isEqualTo("PENDING");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity = 'message' AND entity_id = :id")
                        .param("id", dead)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anEmailIsReadableOnItsPageAndItsHtmlPartIsServedSandboxed() throws Exception {
        long location = fixtures.location();
        var lease = fixtures.lease(
                fixtures.member("Rea Readable"),
                location,
                java.time.LocalDate.of(2027, 3, 1),
                java.time.LocalDate.of(2027, 9, 1));
        long id = jdbc.sql(
                        "SELECT id FROM outbox WHERE subject_type = 'lease' AND subject_id = :id AND channel = 'EMAIL'")
                .param("id", lease.id())
                .query(Long.class)
                .single();

        assertThat(Pages.as(mvc, "VIEWER").page("/outbox/" + id))
                .hasStatusOk()
                .bodyText()
                .contains("Rea Readable", "/outbox/" + id + "/html");
        MvcTestResult html = Pages.as(mvc, "VIEWER").page("/outbox/" + id + "/html");
        assertThat(html).hasStatusOk();
        assertThat(html.getResponse().getHeader("Content-Security-Policy")).startsWith("sandbox");
        assertThat(html.getResponse().getContentAsString()).contains("<html", "Rea Readable");
    }

    @Test
    void aPendingMessageCannotBeSentAgainAndAnUnknownOneIsNotFound() {
        long pending = message("PENDING", "lease.booked", null);

        assertThat(Pages.as(mvc, "STAFF").post("/outbox/" + pending + "/retry", Map.of()))
                .hasStatus(409);
        assertThat(status(pending)).isEqualTo("PENDING");
        assertThat(Pages.as(mvc, "VIEWER").page("/outbox/999999999")).hasStatus(404);
    }

    @Test
    void theOutboxGaugesAndDeliveryCountsAreScraped() throws Exception {
        message("DEAD", "invoice.issued", "gave up");
        message("PENDING", "lease.booked", null);
        dispatcher.drain(java.time.Instant.now().plusSeconds(1));

        MvcTestResult scrape = mvc.get()
                .uri("/actuator/prometheus")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                                "admin@example.com")
                        .roles("ADMIN"))
                .exchange();

        assertThat(scrape).hasStatusOk();
        assertThat(scrape.getResponse().getContentAsString())
                .contains(
                        "newplos_outbox_lag_seconds",
                        "newplos_outbox_due_messages",
                        "newplos_outbox_dead_messages",
                        "newplos_outbox_deliveries_total{channel=\"email\"");
    }

    private long message(String status, String type, String error) {
        return jdbc.sql("""
                        INSERT INTO outbox (channel, event_type, dedup_key, recipient, subject_type, subject_id, payload,
                                            status, last_error, attempts)
                        VALUES ('EMAIL', :type, :key, 'ada@example.com', 'invoice', 1,
                                '{"number": "AMS-2027-000042"}', :status, :error, 1)
                        RETURNING id
                        """)
                .param("type", type)
                .param("key", "page-test:" + System.nanoTime())
                .param("status", status)
                .param("error", error)
                .query(Long.class)
                .single();
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM outbox WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
