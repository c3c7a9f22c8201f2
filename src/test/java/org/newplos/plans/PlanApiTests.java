package org.newplos.plans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class PlanApiTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void adminsCreateReadUpdateListAndDeletePlans() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        String name = "Flex " + System.nanoTime();
        long id = admin.create("/api/v1/plans", """
                {"name": "%s", "price": 149.99, "billingPeriod": "MONTHLY", "spaceType": "DESK"}""".formatted(name));
        assertThat(admin.get("/api/v1/plans/" + id))
                .bodyJson()
                .extractingPath("$.name")
                .isEqualTo(name);

        var updated = admin.put("/api/v1/plans/" + id, """
                {"name": "%s", "price": 450, "billingPeriod": "QUARTERLY", "active": false}""".formatted(name));
        assertThat(updated).hasStatusOk();
        assertThat(updated).bodyJson().extractingPath("$.billingPeriod").isEqualTo("QUARTERLY");
        assertThat(updated).bodyJson().extractingPath("$.active").isEqualTo(false);
        assertThat(updated).bodyJson().extractingPath("$.spaceType").isNull();

        assertThat(admin.get("/api/v1/plans?active=false&limit=500"))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .contains((int) id);
        assertThat(admin.delete("/api/v1/plans/" + id)).hasStatus(204);
        assertThat(admin.get("/api/v1/plans/" + id)).hasStatus(404);
    }

    @Test
    void aPlanNameIsUnique() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        String body = """
                {"name": "Unique %d", "price": 10, "billingPeriod": "YEARLY"}""".formatted(System.nanoTime());
        admin.create("/api/v1/plans", body);
        assertThat(admin.post("/api/v1/plans", body)).hasStatus(409);
    }

    @Test
    void aPlanWithMembersCannotBeDeleted() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        long plan = admin.create("/api/v1/plans", """
                {"name": "Used %d", "price": 10, "billingPeriod": "MONTHLY"}""".formatted(System.nanoTime()));
        admin.create("/api/v1/members", """
                {"fullName": "On a plan", "email": "plan%d@example.com", "planId": %d}""".formatted(System.nanoTime(), plan));
        var result = admin.delete("/api/v1/plans/" + plan);
        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("archive");
    }

    @Test
    void invalidPlansGetOneMessagePerField() {
        var result = ApiClient.as(mvc, "ADMIN").post("/api/v1/plans", """
                {"name": " ", "price": -5, "billingPeriod": "WEEKLY"}""");
        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("billingPeriod");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[0].message")
                .asString()
                .contains("MONTHLY");

        var fields = ApiClient.as(mvc, "ADMIN").post("/api/v1/plans", """
                {"name": " ", "price": -5.001, "billingPeriod": "MONTHLY"}""");
        assertThat(fields).hasStatus(400);
        assertThat(fields)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .contains("name", "price");
    }

    @Test
    void onlyAdminsChangePlansButEveryoneCanReadThem() {
        String body = """
                {"name": "Staff plan", "price": 10, "billingPeriod": "MONTHLY"}""";
        assertThat(ApiClient.as(mvc, "STAFF").post("/api/v1/plans", body)).hasStatus(403);
        assertThat(ApiClient.as(mvc, "VIEWER").get("/api/v1/plans")).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/plans")).hasStatus(401);
    }
}
