package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end, to a real HTTP receiver on 127.0.0.1 that verifies every signature with the Standard
 * Webhooks library: a lease booked through the API arrives once, signed, in the recommended shape; a failing
 * receiver gets the delivery again after the backoff, and after the last attempt it is dead until sent again;
 * a deleted or disabled endpoint gets nothing more; the test ping answers at once; an address refused at send
 * time (DNS rebinding) makes the delivery dead without a connection. This context allows private addresses
 * (the receiver is on loopback); WebhookAddressTests checks the refusals with the default setting.
 */
@IntegrationTest
@TestPropertySource(properties = "newplos.webhooks.allow-private-addresses=true")
class WebhookDeliveryTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Messages messages;

    @Autowired
    Reminders reminders;

    @Autowired
    DeliveryTracing tracing;

    @Autowired
    WebhookEndpoints endpoints;

    @Autowired
    java.time.Clock clock;

    ApiClient admin;
    ApiClient staff;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        admin = ApiClient.as(mvc, "ADMIN");
        staff = ApiClient.as(mvc, "STAFF");
        receiver = WebhookReceiver.start();
        // each test starts with nothing due but its own messages
        jdbc.sql("UPDATE outbox SET status = 'CANCELLED' WHERE status = 'PENDING'")
                .update();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = now(), enabled = false WHERE deleted_at IS NULL")
                .update();
    }

    /** Registers an endpoint at the receiver through the API; the receiver learns its secret. */
    long endpoint(String... types) {
        MvcTestResult created = admin.post("/api/v1/webhook-endpoints", """
                {"url": "%s", "description": "Test receiver", "eventTypes": [%s]}""".formatted(
                receiver.url("/hooks"),
                String.join(
                        ", ", List.of(types).stream().map(t -> "\"" + t + "\"").toList())));
        assertThat(created).hasStatus(201);
        receiver.secret(JsonPath.read(ApiClient.body(created), "$.secret"));
        return ApiClient.idOf(created);
    }

    /** Books a lease through the API (a new member on a new desk); answers its id. */
    long bookLease() {
        int n = SEQUENCE.incrementAndGet();
        long member = staff.create("/api/v1/members", """
                {"fullName": "Ada Lovelace", "email": "ada%d@example.com"}""".formatted(n));
        long desk = staff.create("/api/v1/spaces", """
                {"code": "WH-%d", "name": "Desk", "type": "DESK", "monthlyRate": 100}""".formatted(n));
        return staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2027-01-01"}""".formatted(member, desk));
    }

    long messageTo(long endpoint) {
        return jdbc.sql("SELECT id FROM outbox WHERE endpoint_id = :e ORDER BY id DESC LIMIT 1")
                .param("e", endpoint)
                .query(Long.class)
                .single();
    }

    Dispatcher dispatcher(int maxAttempts, WebhookSettings webhookSettings) {
        NotificationSettings settings = new NotificationSettings(
                false,
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                50,
                2,
                maxAttempts,
                Duration.ofSeconds(30),
                Duration.ofHours(6),
                Duration.ofMinutes(2),
                Duration.ofMinutes(1));
        WebhookChannel channel =
                new WebhookChannel(endpoints, new WebhookAddresses(webhookSettings), webhookSettings, clock, "test");
        return new Dispatcher(messages, List.of(channel), reminders, tracing, settings, null);
    }

    static String text(MvcTestResult result, String path) {
        return String.valueOf((Object) JsonPath.read(ApiClient.body(result), path));
    }

    @Test
    void aLeaseBookedThroughTheApiArrivesOnceSignedInTheStandardShape() {
        long endpoint = endpoint("lease.booked");
        long lease = bookLease();
        long message = messageTo(endpoint);

        dispatcher.drain(Instant.now());
        dispatcher.drain(Instant.now());

        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(1);
        WebhookReceiver.Received delivery = got.get(0);
        assertThat(delivery.verifyError()).isNull();
        assertThat(delivery.header("webhook-id")).isEqualTo("msg_" + message);
        assertThat(Long.parseLong(delivery.header("webhook-timestamp")))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        assertThat(delivery.header("webhook-signature")).startsWith("v1,");
        assertThat(delivery.header("content-type")).isEqualTo("application/json");
        assertThat(delivery.header("user-agent")).startsWith("Newplos-Webhooks/");
        JsonNode body = DomainEvents.JSON.readTree(delivery.body());
        assertThat(body.path("type").asString()).isEqualTo("lease.booked");
        assertThat(Instant.parse(body.path("timestamp").asString()))
                .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(body.path("data").path("id").asLong()).isEqualTo(lease);
        assertThat(body.path("data").path("start").asString()).isEqualTo("2027-01-01");
        assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");

        MvcTestResult log = admin.get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries");
        assertThat(log).hasStatusOk();
        assertThat(text(log, "$.items[0].status")).isEqualTo("SENT");
        assertThat(text(log, "$.items[0].lastStatusCode")).isEqualTo("200");
        assertThat(text(log, "$.items[0].attempts")).isEqualTo("1");
        assertThat(text(log, "$.items[0].webhookId")).isEqualTo("msg_" + message);
    }

    @Test
    void anEndpointNotSubscribedToATypeGetsNothingOfIt() {
        endpoint("invoice.issued");
        bookLease();

        dispatcher.drain(Instant.now());

        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aFailedDeliveryIsTriedAgainAfterTheBackoffWithTheSameId() {
        receiver.answer(500, 200);
        long endpoint = endpoint("lease.booked");
        bookLease();
        long message = messageTo(endpoint);
        Instant now = Instant.now();

        dispatcher.drain(now);

        Message failed = messages.get(message);
        assertThat(failed.status()).isEqualTo(Message.Status.PENDING);
        assertThat(failed.dueAt())
                .isCloseTo(now.plusSeconds(30), org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));
        assertThat(failed.lastError()).contains("HTTP 500", "the receiver says 500");
        assertThat(messages.attempts(message)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(a.statusCode()).isEqualTo(500);
        });

        dispatcher.drain(now.plusSeconds(29));
        assertThat(receiver.received()).hasSize(1);

        dispatcher.drain(now.plusSeconds(31));
        assertThat(messages.get(message).status()).isEqualTo(Message.Status.SENT);
        assertThat(receiver.received()).hasSize(2).allSatisfy(r -> {
            assertThat(r.verifyError()).isNull();
            assertThat(r.header("webhook-id")).isEqualTo("msg_" + message);
        });
        assertThat(messages.attempts(message))
                .extracting(Messages.Attempt::outcome, Messages.Attempt::statusCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Delivery.Outcome.FAILED, 500),
                        org.assertj.core.groups.Tuple.tuple(Delivery.Outcome.SENT, 200));
    }

    @Test
    void aRedirectIsNotFollowed() {
        receiver.answer(302);
        long endpoint = endpoint("lease.booked");
        bookLease();
        long message = messageTo(endpoint);

        dispatcher.drain(Instant.now());

        assertThat(receiver.received()).hasSize(1);
        assertThat(messages.get(message).lastError()).contains("HTTP 302", "redirects are not followed");
    }

    @Test
    void aDeliveryIsDeadAfterTheLastAttemptAndCanBeSentAgain() {
        receiver.otherwise(500);
        long endpoint = endpoint("lease.booked");
        bookLease();
        long message = messageTo(endpoint);
        Instant now = Instant.now();

        try (Dispatcher threeAttempts =
                dispatcher(3, new WebhookSettings(true, Duration.ofSeconds(5), Duration.ofSeconds(15)))) {
            for (int day = 0; day < 4; day++) {
                threeAttempts.drain(now.plus(Duration.ofDays(day)));
            }
        }

        Message dead = messages.get(message);
        assertThat(dead.status()).isEqualTo(Message.Status.DEAD);
        assertThat(dead.lastError()).contains("gave up after 3 attempts", "HTTP 500");
        assertThat(receiver.received()).hasSize(3);
        MvcTestResult log = admin.get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?status=DEAD");
        assertThat(text(log, "$.items[0].id")).isEqualTo(String.valueOf(message));
        assertThat(text(log, "$.items[0].lastStatusCode")).isEqualTo("500");

        receiver.otherwise(200);
        MvcTestResult again = admin.post("/api/v1/webhook-deliveries/" + message + "/retry", "");
        assertThat(again).hasStatusOk();
        assertThat(text(again, "$.delivery.status")).isEqualTo("SENT");
        assertThat(text(again, "$.delivery.attempts")).isEqualTo("4");
        assertThat(receiver.received()).hasSize(4).last().satisfies(r -> {
            assertThat(r.verifyError()).isNull();
            assertThat(r.header("webhook-id")).isEqualTo("msg_" + message);
        });
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit_log WHERE entity = 'message' AND entity_id = :id AND action = 'retried'")
                        .param("id", message)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        MvcTestResult pending = admin.post("/api/v1/webhook-deliveries/" + message + "/retry", "");
        assertThat(pending).hasStatusOk();
    }

    @Test
    void deletingAnEndpointCancelsWhatIsPendingAndItGetsNothingMore() {
        long endpoint = endpoint("lease.booked", "lease.cancelled");
        bookLease();
        long message = messageTo(endpoint);

        assertThat(admin.delete("/api/v1/webhook-endpoints/" + endpoint)).hasStatus(204);
        bookLease();
        dispatcher.drain(Instant.now());

        assertThat(messages.get(message).status()).isEqualTo(Message.Status.CANCELLED);
        assertThat(messageTo(endpoint)).isEqualTo(message);
        assertThat(receiver.received()).isEmpty();
        assertThat(admin.get("/api/v1/webhook-endpoints/" + endpoint)).hasStatus(404);
        assertThat(admin.delete("/api/v1/webhook-endpoints/" + endpoint)).hasStatus(404);
        MvcTestResult kept = admin.get("/api/v1/webhook-deliveries/" + message);
        assertThat(kept).hasStatusOk();
        assertThat(text(kept, "$.delivery.status")).isEqualTo("CANCELLED");
        assertThat(admin.post("/api/v1/webhook-deliveries/" + message + "/retry", ""))
                .hasStatus(409);
    }

    @Test
    void anEndpointDisabledOrDeletedAfterTheMessageWasWrittenIsSkippedAtSendTime() {
        long disabled = endpoint("lease.booked");
        bookLease();
        long toDisabled = messageTo(disabled);
        jdbc.sql("UPDATE webhook_endpoints SET enabled = false WHERE id = :id")
                .param("id", disabled)
                .update();

        dispatcher.drain(Instant.now());

        assertThat(messages.get(toDisabled).status()).isEqualTo(Message.Status.SKIPPED);
        assertThat(messages.get(toDisabled).lastError()).isEqualTo("endpoint disabled");

        long deleted = endpoint("lease.booked");
        bookLease();
        long toDeleted = messageTo(deleted);
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = now() WHERE id = :id")
                .param("id", deleted)
                .update();

        dispatcher.drain(Instant.now());

        assertThat(messages.get(toDeleted).status()).isEqualTo(Message.Status.SKIPPED);
        assertThat(messages.get(toDeleted).lastError()).isEqualTo("endpoint deleted");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void disablingAnEndpointCancelsWhatIsPending() {
        long endpoint = endpoint("lease.booked");
        bookLease();
        long message = messageTo(endpoint);

        MvcTestResult updated =
                admin.put("/api/v1/webhook-endpoints/" + endpoint, """
                {"url": "%s", "eventTypes": ["lease.booked"], "enabled": false}""".formatted(receiver.url("/hooks")));

        assertThat(updated).hasStatusOk();
        assertThat(text(updated, "$.enabled")).isEqualTo("false");
        assertThat(messages.get(message).status()).isEqualTo(Message.Status.CANCELLED);
    }

    @Test
    void aTestPingIsDeliveredAtOnceAndLoggedLikeAnyDelivery() {
        long endpoint = endpoint("invoice.issued");

        MvcTestResult ping = admin.post("/api/v1/webhook-endpoints/" + endpoint + "/ping", "");

        assertThat(ping).hasStatusOk();
        assertThat(text(ping, "$.delivery.status")).isEqualTo("SENT");
        assertThat(text(ping, "$.delivery.lastStatusCode")).isEqualTo("200");
        assertThat(text(ping, "$.delivery.eventType")).isEqualTo("webhook.ping");
        assertThat(text(ping, "$.attempts.length()")).isEqualTo("1");
        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.verifyError()).isNull();
            assertThat(DomainEvents.JSON.readTree(r.body()).path("type").asString())
                    .isEqualTo("webhook.ping");
        });
        MvcTestResult log = admin.get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries");
        assertThat(text(log, "$.items[0].eventType")).isEqualTo("webhook.ping");
        assertThat(text(log, "$.items[0].status")).isEqualTo("SENT");
    }

    @Test
    void aDisabledEndpointGetsTestPingsAndTheLogIsPagedNewestFirst() {
        long endpoint = endpoint("invoice.issued");
        admin.put("/api/v1/webhook-endpoints/" + endpoint, """
                {"url": "%s", "eventTypes": ["invoice.issued"], "enabled": false}""".formatted(receiver.url("/hooks")));

        long first = JsonPath.<Number>read(
                        ApiClient.body(admin.post("/api/v1/webhook-endpoints/" + endpoint + "/ping", "")),
                        "$.delivery.id")
                .longValue();
        long second = JsonPath.<Number>read(
                        ApiClient.body(admin.post("/api/v1/webhook-endpoints/" + endpoint + "/ping", "")),
                        "$.delivery.id")
                .longValue();

        assertThat(receiver.received())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.verifyError()).isNull());
        MvcTestResult page1 = admin.get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?limit=1");
        assertThat(text(page1, "$.items[0].id")).isEqualTo(String.valueOf(second));
        assertThat(text(page1, "$.nextBefore")).isEqualTo(String.valueOf(second));
        MvcTestResult page2 =
                admin.get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?limit=1&before=" + second);
        assertThat(text(page2, "$.items[0].id")).isEqualTo(String.valueOf(first));
        assertThat(text(page2, "$.nextBefore")).isEqualTo("null");
    }

    @Test
    void aFailedPingShowsTheStatusCodeAndIsTriedAgainLater() {
        receiver.answer(503);
        long endpoint = endpoint("invoice.issued");

        MvcTestResult ping = admin.post("/api/v1/webhook-endpoints/" + endpoint + "/ping", "");

        assertThat(ping).hasStatusOk();
        assertThat(text(ping, "$.delivery.status")).isEqualTo("PENDING");
        assertThat(text(ping, "$.delivery.lastStatusCode")).isEqualTo("503");
        assertThat(text(ping, "$.delivery.lastError")).contains("HTTP 503");
        assertThat(text(ping, "$.delivery.nextAttemptAt")).isNotEqualTo("null");
    }

    @Test
    void anAddressRefusedAtSendTimeMakesTheDeliveryDeadWithoutAConnection() {
        long endpoint = endpoint("lease.booked");
        bookLease();
        long message = messageTo(endpoint);

        try (Dispatcher strict =
                dispatcher(12, new WebhookSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(15)))) {
            strict.drain(Instant.now());
        }

        Message dead = messages.get(message);
        assertThat(dead.status()).isEqualTo(Message.Status.DEAD);
        assertThat(dead.lastError()).contains("refused", "127.0.0.1", "loopback", "allow-private-addresses");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aNewSecretSignsTheNextDeliveriesAndIsShownOnce() {
        long endpoint = endpoint("invoice.issued");
        String hint = text(admin.get("/api/v1/webhook-endpoints/" + endpoint), "$.secretHint");

        MvcTestResult rotated = admin.post("/api/v1/webhook-endpoints/" + endpoint + "/secret", "");

        assertThat(rotated).hasStatusOk();
        String secret = text(rotated, "$.secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(text(rotated, "$.secretHint")).isNotEqualTo(hint).endsWith(secret.substring(secret.length() - 4));
        receiver.secret(secret);
        admin.post("/api/v1/webhook-endpoints/" + endpoint + "/ping", "");
        assertThat(receiver.received())
                .singleElement()
                .satisfies(r -> assertThat(r.verifyError()).isNull());
        assertThat(ApiClient.body(admin.get("/api/v1/webhook-endpoints/" + endpoint)))
                .doesNotContain(secret);
        assertThat(ApiClient.body(admin.get("/api/v1/webhook-endpoints"))).doesNotContain(secret);
    }
}
