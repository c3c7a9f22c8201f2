package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The webhook pages as an admin uses them: each as full page and htmx partial, the secret shown once after
 * creation, form errors in place (422), the test ping's answer in place, the delivery log and "send again";
 * STAFF and VIEWER are refused. Same context as WebhookDeliveryTests: a real receiver on 127.0.0.1.
 */
@IntegrationTest
@TestPropertySource(properties = "newplos.webhooks.allow-private-addresses=true")
class WebhookPagesTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    Pages admin;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        admin = Pages.as(mvc, "ADMIN");
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = now(), enabled = false WHERE deleted_at IS NULL")
                .update();
    }

    MvcTestResult submit(String uri, String url, String... types) {
        return mvc.post()
                .uri(uri)
                .with(user("admin@example.com").roles("ADMIN"))
                .with(csrf())
                .param("url", url)
                .param("description", "Door access")
                .param("eventTypes", types)
                .param("enabled", "true")
                .exchange();
    }

    MvcTestResult htmxPost(String uri) {
        return mvc.post()
                .uri(uri)
                .header("HX-Request", "true")
                .with(user("admin@example.com").roles("ADMIN"))
                .with(csrf())
                .exchange();
    }

    /** Creates an endpoint through the form; the receiver learns the secret from the flash. */
    long created() {
        MvcTestResult created = submit("/webhooks", receiver.url("/hooks"), "lease.booked", "invoice.issued");
        assertThat(created).hasStatus3xxRedirection();
        receiver.secret((String) created.getMvcResult().getFlashMap().get("secret"));
        return Pages.redirectedId(created);
    }

    @Test
    void anEndpointIsAddedAndItsSecretShownOnlyOnce() {
        assertThat(admin.page("/webhooks/new"))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, "lease.booked", "A lease was booked.", "Add endpoint")
                .doesNotContain("webhook.ping");
        MvcTestResult created = submit("/webhooks", receiver.url("/hooks"), "lease.booked", "invoice.issued");
        assertThat(created).hasStatus3xxRedirection();
        long id = Pages.redirectedId(created);
        String secret = (String) created.getMvcResult().getFlashMap().get("secret");
        assertThat(secret).startsWith("whsec_");

        // the browser follows the redirect with its session cookie: the flash (in the JDBC session) shows the secret
        jakarta.servlet.http.Cookie session = created.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        assertThat(mvc.get()
                        .uri("/webhooks/" + id + "?created")
                        .cookie(session)
                        .with(user("admin@example.com").roles("ADMIN"))
                        .exchange())
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, secret, "shown only this once", "Endpoint added", "Send test ping");
        assertThat(mvc.get()
                        .uri("/webhooks/" + id + "?created")
                        .cookie(session)
                        .with(user("admin@example.com").roles("ADMIN"))
                        .exchange())
                .as("shown once: not on the next visit")
                .bodyText()
                .doesNotContain(secret);
        assertThat(admin.page("/webhooks/" + id))
                .hasStatusOk()
                .bodyText()
                .contains(receiver.url("/hooks"), "whsec_…" + secret.substring(secret.length() - 4), "Deliveries")
                .doesNotContain(secret);
        assertThat(admin.partial("/webhooks/" + id))
                .hasStatusOk()
                .bodyText()
                .contains("Send test ping")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(admin.page("/webhooks"))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, receiver.url("/hooks"));
        assertThat(admin.partial("/webhooks"))
                .hasStatusOk()
                .bodyText()
                .contains(receiver.url("/hooks"))
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(admin.page("/")).bodyText().contains("href=\"/webhooks\"");
    }

    @Test
    void badInputShowsTheFormAgainWithTheFieldMarked() {
        assertThat(submit("/webhooks", "ftp://example.com/", "lease.booked"))
                .hasStatus(422)
                .bodyText()
                .contains("http or https", "Please correct");
        assertThat(submit("/webhooks", receiver.url("/hooks"), "lease.exploded"))
                .hasStatus(422)
                .bodyText()
                .contains("lease.exploded", "valid: lease.booked");
        assertThat(mvc.post()
                        .uri("/webhooks")
                        .with(user("admin@example.com").roles("ADMIN"))
                        .with(csrf())
                        .param("url", receiver.url("/hooks"))
                        .exchange())
                .hasStatus(422)
                .bodyText()
                .contains("at least one event type");
    }

    @Test
    void anEndpointIsEditedAndDeleted() {
        long id = created();
        assertThat(admin.page("/webhooks/" + id + "/edit"))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, receiver.url("/hooks"), "Save changes");

        MvcTestResult saved = mvc.post()
                .uri("/webhooks/" + id)
                .with(user("admin@example.com").roles("ADMIN"))
                .with(csrf())
                .param("url", receiver.url("/other"))
                .param("eventTypes", "payment.received")
                .exchange();
        assertThat(saved).hasStatus3xxRedirection();
        assertThat(admin.page("/webhooks/" + id))
                .bodyText()
                .contains(receiver.url("/other"), "payment.received", "Disabled", "History", "updated");

        assertThat(admin.post("/webhooks/" + id + "/delete", Map.of())).hasStatus3xxRedirection();
        assertThat(admin.page("/webhooks/" + id)).hasStatus(404);
    }

    @Test
    void aTestPingShowsItsAnswerInPlaceAndTheLogShowsIt() {
        long id = created();

        MvcTestResult ping = htmxPost("/webhooks/" + id + "/ping");

        assertThat(ping)
                .hasStatusOk()
                .bodyText()
                .contains("Delivered", "HTTP 200")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(ping.getResponse().getHeader("HX-Trigger")).isEqualTo("deliveries-changed");
        assertThat(receiver.received())
                .singleElement()
                .satisfies(r -> assertThat(r.verifyError()).isNull());
        assertThat(admin.post("/webhooks/" + id + "/ping", Map.of())).hasStatus3xxRedirection();

        assertThat(admin.partial("/webhooks/" + id + "/deliveries"))
                .hasStatusOk()
                .bodyText()
                .contains("webhook.ping", "HTTP 200", "Sent")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(admin.page("/webhooks/" + id + "/deliveries?status=SENT"))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, "webhook.ping");
        assertThat(admin.partial("/webhooks/" + id + "/deliveries?status=DEAD"))
                .hasStatusOk()
                .bodyText()
                .contains("No deliveries match")
                .doesNotContain("webhook.ping");
        long message = jdbc.sql("SELECT max(id) FROM outbox WHERE endpoint_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        assertThat(admin.page("/webhooks/deliveries/" + message))
                .hasStatusOk()
                .bodyText()
                .contains(
                        Pages.LAYOUT_MARK, "msg_" + message, "&quot;type&quot;:&quot;webhook.ping&quot;", "Send again");
        assertThat(admin.partial("/webhooks/deliveries/" + message))
                .hasStatusOk()
                .bodyText()
                .contains("Send again")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(htmxPost("/webhooks/deliveries/" + message + "/retry"))
                .hasStatusOk()
                .bodyText()
                .contains("Sent again: delivered.")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void staffAndViewersCannotSeeWebhooks() {
        long id = created();
        for (String role : new String[] {"STAFF", "VIEWER"}) {
            Pages other = Pages.as(mvc, role);
            assertThat(other.page("/webhooks")).as(role).hasStatus(403);
            assertThat(other.partial("/webhooks/" + id)).as(role).hasStatus(403);
            assertThat(other.page("/webhooks/new")).as(role).hasStatus(403);
            assertThat(other.page("/webhooks/" + id + "/deliveries")).as(role).hasStatus(403);
            assertThat(other.post("/webhooks/" + id + "/ping", Map.of()))
                    .as(role)
                    .hasStatus(403);
            assertThat(other.post("/webhooks/" + id + "/delete", Map.of()))
                    .as(role)
                    .hasStatus(403);
            assertThat(other.page("/")).as(role).bodyText().doesNotContain("href=\"/webhooks\"");
        }
        assertThat(receiver.received()).isEmpty();
    }
}
