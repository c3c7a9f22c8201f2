package org.newplos.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class PlanPagesTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Fixtures fixtures;

    @Test
    void everyoneSeesPlansAsFullPageOrPartial() {
        Plan plan = fixtures.plan("99.00", BillingPeriod.QUARTERLY);
        Pages viewer = Pages.as(mvc, "VIEWER");
        assertThat(viewer.page("/plans")).hasStatusOk().bodyText().contains(Pages.LAYOUT_MARK, plan.name());
        assertThat(viewer.partial("/plans?active=true"))
                .hasStatusOk()
                .bodyText()
                .contains(plan.name())
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(viewer.page("/plans/" + plan.id())).hasStatusOk().bodyText().contains("quarterly", "History");
        assertThat(viewer.partial("/plans/" + plan.id()))
                .hasStatusOk()
                .bodyText()
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(ApiClient.body(viewer.page("/plans/export.csv"))).contains(plan.name());
    }

    @Test
    void onlyAdminsCreateAndEditPlans() {
        Pages staff = Pages.as(mvc, "STAFF");
        assertThat(staff.page("/plans/new")).hasStatus(403);
        assertThat(staff.post("/plans", Map.of("name", "Nope", "price", "1", "billingPeriod", "MONTHLY")))
                .hasStatus(403);

        Pages admin = Pages.as(mvc, "ADMIN");
        assertThat(admin.page("/plans/new")).hasStatusOk();
        String name = "Hot desk " + System.nanoTime();
        var created = admin.post(
                "/plans",
                Map.of(
                        "name",
                        name,
                        "price",
                        "150.00",
                        "billingPeriod",
                        "MONTHLY",
                        "spaceType",
                        "DESK",
                        "active",
                        "true"));
        assertThat(created).hasStatus(302);
        long id = Pages.redirectedId(created);
        assertThat(admin.page("/plans/" + id + "/edit"))
                .hasStatusOk()
                .bodyText()
                .contains(name);
        assertThat(admin.post("/plans/" + id, Map.of("name", name, "price", "175.00", "billingPeriod", "MONTHLY")))
                .hasStatus(302);
        assertThat(admin.page("/plans/" + id)).bodyText().contains("175.00", "admin@example.com", "updated", "150.00");
        assertThat(admin.post("/plans", Map.of("name", "", "price", "abc", "billingPeriod", "MONTHLY")))
                .hasStatus(422)
                .bodyText()
                .contains("Name must not be blank", "Price is not a valid value");
    }
}
