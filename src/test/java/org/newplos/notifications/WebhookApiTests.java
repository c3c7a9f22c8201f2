package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The webhook endpoints API: ADMIN only (reading too), the secret in the create answer and never again (nor
 * in the audit log), changes and deletion audited, and bad input answered 400 with the field and what to do —
 * never a 500. Same context as WebhookDeliveryTests (private addresses allowed), so no traffic leaves loopback.
 */
@IntegrationTest
@TestPropertySource(properties = "newplos.webhooks.allow-private-addresses=true")
class WebhookApiTests {

    static final String URL = "http://127.0.0.1:9/hooks";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.as(mvc, "ADMIN");
    }

    @AfterEach
    void tearDown() {
        // endpoints here are never sent to: disabled and deleted before any dispatcher runs
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = now(), enabled = false WHERE deleted_at IS NULL")
                .update();
    }

    static String text(MvcTestResult result, String path) {
        return String.valueOf((Object) JsonPath.read(ApiClient.body(result), path));
    }

    MvcTestResult create(String json) {
        return admin.post("/api/v1/webhook-endpoints", json);
    }

    @Test
    void anEndpointIsCreatedWithItsSecretOnceThenShownOnlyAsAHint() {
        MvcTestResult created = create("""
                {"url": "%s", "description": "Door access", "eventTypes": ["lease.booked", "lease.ended"],
                 "enabled": false}""".formatted(URL));

        assertThat(created).hasStatus(201);
        long id = ApiClient.idOf(created);
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/webhook-endpoints/" + id);
        String secret = text(created, "$.secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(text(created, "$.enabled")).isEqualTo("false");
        assertThat(text(created, "$.createdBy")).isEqualTo("test-admin");

        MvcTestResult read = admin.get("/api/v1/webhook-endpoints/" + id);
        assertThat(read).hasStatusOk();
        assertThat(ApiClient.body(read)).doesNotContain(secret).doesNotContain("\"secret\"");
        assertThat(text(read, "$.secretHint")).isEqualTo("whsec_…" + secret.substring(secret.length() - 4));
        assertThat(text(read, "$.eventTypes")).contains("lease.booked", "lease.ended");
        assertThat(ApiClient.body(admin.get("/api/v1/webhook-endpoints")))
                .contains(URL)
                .doesNotContain(secret);
        String audit = jdbc.sql(
                        "SELECT string_agg(changes::text, ' ') FROM audit_log WHERE entity = 'webhook_endpoint'")
                .query(String.class)
                .single();
        assertThat(audit).doesNotContain(secret.substring(6, 30));
    }

    @Test
    void anEndpointIsChangedAndDeletedWithAnAuditTrail() {
        long id = admin.create("/api/v1/webhook-endpoints", """
                {"url": "%s", "eventTypes": ["lease.booked"], "enabled": false}""".formatted(URL));

        MvcTestResult changed = admin.put("/api/v1/webhook-endpoints/" + id, """
                {"url": "http://127.0.0.1:9/other", "description": "Accounting",
                 "eventTypes": ["invoice.issued", "payment.received", "invoice.issued"]}""");

        assertThat(changed).hasStatusOk();
        assertThat(text(changed, "$.url")).isEqualTo("http://127.0.0.1:9/other");
        assertThat(text(changed, "$.eventTypes")).isEqualTo("[\"invoice.issued\",\"payment.received\"]");
        assertThat(text(changed, "$.enabled")).isEqualTo("false");
        assertThat(admin.delete("/api/v1/webhook-endpoints/" + id)).hasStatus(204);
        assertThat(admin.get("/api/v1/webhook-endpoints/" + id)).hasStatus(404);
        assertThat(jdbc.sql(
                                "SELECT action FROM audit_log WHERE entity = 'webhook_endpoint' AND entity_id = :id ORDER BY id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("created", "updated", "deleted");
    }

    @Test
    void onlyAdminsUseTheWebhookApiEvenToRead() {
        long id = admin.create("/api/v1/webhook-endpoints", """
                {"url": "%s", "eventTypes": ["lease.booked"], "enabled": false}""".formatted(URL));
        for (String role : new String[] {"STAFF", "VIEWER"}) {
            ApiClient other = ApiClient.as(mvc, role);
            assertThat(other.get("/api/v1/webhook-endpoints")).as(role).hasStatus(403);
            assertThat(other.get("/api/v1/webhook-endpoints/" + id)).as(role).hasStatus(403);
            assertThat(other.get("/api/v1/webhook-endpoints/" + id + "/deliveries"))
                    .as(role)
                    .hasStatus(403);
            assertThat(other.get("/api/v1/webhook-deliveries/1")).as(role).hasStatus(403);
            assertThat(other.get("/api/v1/webhook-event-types")).as(role).hasStatus(403);
            assertThat(other.post("/api/v1/webhook-endpoints", "{}")).as(role).hasStatus(403);
            assertThat(other.post("/api/v1/webhook-endpoints/" + id + "/ping", ""))
                    .as(role)
                    .hasStatus(403);
            assertThat(other.post("/api/v1/webhook-deliveries/1/retry", ""))
                    .as(role)
                    .hasStatus(403);
            assertThat(other.delete("/api/v1/webhook-endpoints/" + id)).as(role).hasStatus(403);
        }
        assertThat(admin.get("/api/v1/webhook-endpoints/" + id)).hasStatusOk();
    }

    @Test
    void theEventTypesAreListedWithoutThePing() {
        MvcTestResult types = admin.get("/api/v1/webhook-event-types");

        assertThat(types).hasStatusOk();
        assertThat(ApiClient.body(types))
                .contains("lease.booked", "invoice.issued", "reminder.invoice_overdue")
                .doesNotContain("webhook.ping");
    }

    @Test
    void badInputIsA400NamingTheFieldNeverA500() {
        String valid = "\"eventTypes\": [\"lease.booked\"]";
        assertInvalid(create("{\"url\": \"not a url\", " + valid + "}"), "url", "not a valid URL");
        assertInvalid(create("{\"url\": \"ftp://example.com/x\", " + valid + "}"), "url", "http or https");
        assertInvalid(create("{\"url\": \"/relative/path\", " + valid + "}"), "url", "http or https");
        assertInvalid(create("{\"url\": \"https://user:pw@example.com/\", " + valid + "}"), "url", "password");
        assertInvalid(create("{\"url\": \"https:///nohost\", " + valid + "}"), "url", "host");
        assertInvalid(
                create("{\"url\": \"https://example.com/" + "x".repeat(2000) + "\", " + valid + "}"), "url", "2000");
        assertInvalid(create("{\"url\": \"\", " + valid + "}"), "url", "blank");
        assertInvalid(
                create("{\"url\": \"" + URL + "\", \"eventTypes\": [\"lease.booked\", \"lease.exploded\"]}"),
                "eventTypes",
                "'lease.exploded'");
        assertThat(ApiClient.body(create("{\"url\": \"" + URL + "\", \"eventTypes\": [\"nope\"]}")))
                .contains("valid: lease.booked, lease.updated");
        assertInvalid(
                create("{\"url\": \"" + URL + "\", \"eventTypes\": [\"webhook.ping\"]}"), "eventTypes", "unknown");
        assertInvalid(create("{\"url\": \"" + URL + "\", \"eventTypes\": []}"), "eventTypes", "at least one");
        assertInvalid(create("{\"url\": \"" + URL + "\"}"), "eventTypes", "at least one");
        assertInvalid(
                create("{\"url\": \"" + URL + "\", \"description\": \"" + "d".repeat(501) + "\", " + valid + "}"),
                "description",
                "500");
        assertThat(create("{\"url\": 12, " + valid)).hasStatus(400);
        assertThat(create("{\"url\": \"" + URL + "\", \"eventTypes\": \"lease.booked\", \"x\": 1}"))
                .hasStatus(400);
        assertThat(create("{\"url\": \"https://exa mple.com/\", " + valid + "}"))
                .hasStatus(400);
        assertThat(create("{\"url\": \"http://[::1/\", " + valid + "}")).hasStatus(400);
        assertThat(create("{\"url\": \"" + URL + "\", \"eventTypes\": [null]}")).hasStatus(400);
        assertThat(admin.get("/api/v1/webhook-endpoints/1/deliveries?status=LOST"))
                .hasStatus(400);
        assertThat(admin.get("/api/v1/webhook-endpoints/1/deliveries?limit=0")).hasStatus(400);
        assertThat(admin.get("/api/v1/webhook-endpoints/999999999")).hasStatus(404);
        assertThat(admin.get("/api/v1/webhook-deliveries/999999999")).hasStatus(404);
        assertThat(admin.post("/api/v1/webhook-endpoints/999999999/ping", "")).hasStatus(404);
        assertThat(admin.post("/api/v1/webhook-deliveries/999999999/retry", "")).hasStatus(404);
        assertThat(admin.put("/api/v1/webhook-endpoints/999999999", "{\"url\": \"" + URL + "\", " + valid + "}"))
                .hasStatus(404);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE deleted_at IS NULL")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    static void assertInvalid(MvcTestResult result, String field, String message) {
        assertThat(result).as(ApiClient.body(result)).hasStatus(400);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(text(result, "$.errors[0].field")).isEqualTo(field);
        assertThat(text(result, "$.errors[0].message")).contains(message);
    }
}
