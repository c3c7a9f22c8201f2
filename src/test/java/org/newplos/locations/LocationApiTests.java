package org.newplos.locations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A location's email sender and reminder days through the JSON API: stored sorted, bad input a clear 400. */
@IntegrationTest
class LocationApiTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 10_000));

    @Autowired
    MockMvcTester mvc;

    static String body(String code, String extra) {
        return """
                {"code": "%s", "name": "Utrecht %s", "timeZone": "Europe/Amsterdam", "currency": "EUR",
                 "invoicePrefix": "%s", "defaultVatRate": 21.00, "paymentTermsDays": 14%s}""".formatted(code, code, code, extra);
    }

    @Test
    void senderAndReminderDaysAreStoredWithTheDaysLargestFirst() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        String code = "U" + SEQUENCE.incrementAndGet();
        long id = admin.create("/api/v1/locations", body(code, """
                , "senderName": "Utrecht Coworking", "senderEmail": "hello@utrecht.test",
                  "leaseReminderDays": [7, 60, 1], "overdueReminderDays": [5]"""));
        MvcTestResult read = admin.get("/api/v1/locations/" + id);
        assertThat(read).hasStatusOk();
        assertThat(read).bodyJson().extractingPath("$.senderName").isEqualTo("Utrecht Coworking");
        assertThat(read).bodyJson().extractingPath("$.senderEmail").isEqualTo("hello@utrecht.test");
        assertThat(read)
                .bodyJson()
                .extractingPath("$.leaseReminderDays")
                .asArray()
                .containsExactly(60, 7, 1);
        assertThat(read)
                .bodyJson()
                .extractingPath("$.overdueReminderDays")
                .asArray()
                .containsExactly(5);

        assertThat(admin.put("/api/v1/locations/" + id, body(code, """
                        , "senderEmail": "", "leaseReminderDays": [30]"""))).hasStatusOk();
        MvcTestResult changed = admin.get("/api/v1/locations/" + id);
        assertThat(changed).bodyJson().extractingPath("$.senderEmail").isNull();
        assertThat(changed).bodyJson().extractingPath("$.senderName").isNull();
        assertThat(changed)
                .bodyJson()
                .extractingPath("$.leaseReminderDays")
                .asArray()
                .containsExactly(30);
        assertThat(changed)
                .bodyJson()
                .extractingPath("$.overdueReminderDays")
                .asArray()
                .containsExactly(30, 10, 3);
    }

    @Test
    void withoutThemALocationHasTheDefaultReminderDaysAndNoSenderOfItsOwn() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        long id = admin.create("/api/v1/locations", body("V" + SEQUENCE.incrementAndGet(), ""));
        MvcTestResult read = admin.get("/api/v1/locations/" + id);
        assertThat(read).bodyJson().extractingPath("$.senderEmail").isNull();
        assertThat(read)
                .bodyJson()
                .extractingPath("$.leaseReminderDays")
                .asArray()
                .containsExactly(30, 7, 1);
        assertThat(read)
                .bodyJson()
                .extractingPath("$.overdueReminderDays")
                .asArray()
                .containsExactly(30, 10, 3);
    }

    @Test
    void badSendersAndReminderDaysAreClearFieldErrors() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        String[][] cases = {
            {", \"senderEmail\": \"not an address\"", "senderEmail", "an email address"},
            {", \"leaseReminderDays\": []", "leaseReminderDays", "1 to 10 numbers of days"},
            {", \"leaseReminderDays\": [1,2,3,4,5,6,7,8,9,10,11]", "leaseReminderDays", "1 to 10 numbers of days"},
            {", \"leaseReminderDays\": [0]", "leaseReminderDays[0]", "at least 1 day"},
            {", \"overdueReminderDays\": [3, 366]", "overdueReminderDays[1]", "at most 365 days"},
            {", \"overdueReminderDays\": [3, null]", "overdueReminderDays[1]", "a number of days"},
            {", \"overdueReminderDays\": [10, 10]", "overdueReminderDays", "each number of days only once"},
            {", \"leaseReminderDays\": \"30, 7\"", "", ""},
            {", \"leaseReminderDays\": [\"soon\"]", "", ""}
        };
        for (String[] c : cases) {
            MvcTestResult result = admin.post("/api/v1/locations", body("W" + SEQUENCE.incrementAndGet(), c[0]));
            assertThat(result).as(c[0]).hasStatus4xxClientError();
            assertThat(result.getResponse().getStatus()).as(c[0]).isIn(400, 422);
            assertThat(ApiClient.body(result)).as(c[0]).contains(c[1], c[2]);
        }
    }
}
