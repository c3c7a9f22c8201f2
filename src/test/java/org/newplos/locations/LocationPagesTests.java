package org.newplos.locations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class LocationPagesTests {

    static final java.util.concurrent.atomic.AtomicInteger SEQUENCE =
            new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 10_000));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Locations locations;

    static Map<String, String> form(String code) {
        Map<String, String> form = new HashMap<>();
        form.put("code", code);
        form.put("name", "Rotterdam " + code);
        form.put("timeZone", "Europe/Amsterdam");
        form.put("currency", "EUR");
        form.put("invoicePrefix", code);
        form.put("defaultVatRate", "21.00");
        form.put("paymentTermsDays", "30");
        form.put("legalLines", "Newplos Rotterdam B.V.\nKvK 87654321");
        form.put("billingStartsOn", "2026-01-01");
        form.put("lockDate", "");
        form.put("senderName", "Newplos Rotterdam");
        form.put("senderEmail", "rotterdam@newplos.test");
        form.put("leaseReminderDays", "7, 30, 1");
        form.put("overdueReminderDays", "3, 10, 30");
        return form;
    }

    @Test
    void adminsAddAndChangeLocationsEveryoneReadsThem() {
        String code = "R" + SEQUENCE.incrementAndGet();
        Pages admin = Pages.as(mvc, "ADMIN");
        assertThat(admin.page("/locations/new")).hasStatusOk().bodyText().contains(Pages.LAYOUT_MARK, "Time zone");

        MvcTestResult created = admin.post("/locations", form(code));
        assertThat(created).hasStatus3xxRedirection();
        long id = Pages.redirectedId(created);
        assertThat(locations.get(id).paymentTermsDays()).isEqualTo(30);
        assertThat(locations.get(id).senderEmail()).isEqualTo("rotterdam@newplos.test");
        assertThat(locations.get(id).leaseReminderDays()).containsExactly(30, 7, 1);
        assertThat(admin.page("/locations/" + id + "/edit"))
                .hasStatusOk()
                .bodyText()
                .contains("30, 7, 1");

        Map<String, String> changed = form(code);
        changed.put("lockDate", "2026-03-31");
        changed.put("defaultVatRate", "9");
        assertThat(admin.page("/locations/" + id + "/edit"))
                .hasStatusOk()
                .bodyText()
                .contains("Rotterdam " + code);
        assertThat(admin.post("/locations/" + id, changed)).hasStatus3xxRedirection();
        Location after = locations.get(id);
        assertThat(after.lockDate()).hasToString("2026-03-31");
        assertThat(after.defaultVatRate()).isEqualByComparingTo("9");

        Pages viewer = Pages.as(mvc, "VIEWER");
        assertThat(viewer.page("/locations")).hasStatusOk().bodyText().contains(Pages.LAYOUT_MARK, code);
        assertThat(viewer.partial("/locations"))
                .hasStatusOk()
                .bodyText()
                .contains(code)
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(viewer.page("/locations/" + id))
                .hasStatusOk()
                .bodyText()
                .contains("2026-03-31", "KvK 87654321", "History", "updated")
                .doesNotContain("/locations/" + id + "/edit");
        assertThat(viewer.partial("/locations/" + id)).hasStatusOk().bodyText().doesNotContain(Pages.LAYOUT_MARK);

        Pages staff = Pages.as(mvc, "STAFF");
        assertThat(staff.page("/locations/new")).hasStatus(403);
        assertThat(staff.page("/locations/" + id + "/edit")).hasStatus(403);
        assertThat(staff.post("/locations/" + id, changed)).hasStatus(403);
        assertThat(staff.post("/locations", form("S" + SEQUENCE.incrementAndGet())))
                .hasStatus(403);
    }

    @Test
    void badInputComesBackOnTheFormWithMessages() {
        Pages admin = Pages.as(mvc, "ADMIN");
        Map<String, String> bad = form("lower");
        bad.put("currency", "euro");
        bad.put("paymentTermsDays", "soon");
        assertThat(admin.post("/locations", bad))
                .hasStatus(422)
                .bodyText()
                .contains("Please correct the fields marked below", "2 to 10 capital letters or digits")
                .contains("an ISO 4217 code such as EUR", "Payment terms (days) is not a valid value");

        Map<String, String> zone = form("Z" + SEQUENCE.incrementAndGet());
        zone.put("timeZone", "Mars/Olympus");
        assertThat(admin.post("/locations", zone)).hasStatus(422).bodyText().contains("unknown time zone");

        Map<String, String> reminders = form("Y" + SEQUENCE.incrementAndGet());
        reminders.put("senderEmail", "nobody");
        reminders.put("leaseReminderDays", "30, 0");
        reminders.put("overdueReminderDays", "soon");
        assertThat(admin.post("/locations", reminders))
                .hasStatus(422)
                .bodyText()
                .contains("an email address such as billing@example.com", "at least 1 day")
                .contains("Overdue reminders (days after the due day) is not a valid value")
                .contains("value=\"soon\"");

        String code = "D" + SEQUENCE.incrementAndGet();
        assertThat(admin.post("/locations", form(code))).hasStatus3xxRedirection();
        assertThat(admin.post("/locations", form(code)))
                .hasStatus(409)
                .bodyText()
                .contains("A location with code " + code + " already exists");
    }
}
