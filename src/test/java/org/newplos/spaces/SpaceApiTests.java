package org.newplos.spaces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class SpaceApiTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void staffCreateReadUpdateFilterAndDeleteSpaces() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        String code = "ST-" + System.nanoTime();
        long id = staff.create("/api/v1/spaces", """
                {"code": "%s", "name": "Studio by the window", "type": "STUDIO", "capacity": 3,
                 "monthlyRate": 780.00, "location": "Floor 2"}""".formatted(code));
        var got = staff.get("/api/v1/spaces/" + id);
        assertThat(got).bodyJson().extractingPath("$.code").isEqualTo(code);
        assertThat(got).bodyJson().extractingPath("$.capacity").isEqualTo(3);

        assertThat(staff.put("/api/v1/spaces/" + id, """
                        {"code": "%s", "name": "Studio 2", "type": "STUDIO", "monthlyRate": 800, "active": false}""".formatted(code)))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.active")
                .isEqualTo(false);
        assertThat(staff.get("/api/v1/spaces?type=STUDIO&active=false&limit=500"))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .contains((int) id);
        assertThat(staff.delete("/api/v1/spaces/" + id)).hasStatus(204);
        assertThat(staff.delete("/api/v1/spaces/" + id)).hasStatus(404);
    }

    @Test
    void aSpaceBelongsToTheFirstLocationUnlessTheCallerNamesOneThatExists() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        String code = "L" + (System.nanoTime() % 100_000_000L);
        long location = admin.create("/api/v1/locations", """
                {"code": "%s", "name": "Utrecht", "timeZone": "Europe/Amsterdam", "currency": "EUR",
                 "invoicePrefix": "%s", "defaultVatRate": 21, "paymentTermsDays": 14}""".formatted(code, code));
        long id = staff.create("/api/v1/spaces", """
                {"code": "LOC-%d", "name": "Desk", "type": "DESK", "monthlyRate": 1}""".formatted(System.nanoTime()));
        assertThat(staff.get("/api/v1/spaces/" + id))
                .bodyJson()
                .extractingPath("$.locationId")
                .isNotEqualTo((int) location);

        assertThat(staff.put("/api/v1/spaces/" + id, """
                        {"code": "LOC-%d", "name": "Desk", "type": "DESK", "monthlyRate": 1, "locationId": %d}""".formatted(id, location)))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.locationId")
                .isEqualTo((int) location);
        assertThat(staff.put("/api/v1/spaces/" + id, """
                        {"code": "LOC-%d", "name": "Desk", "type": "DESK", "monthlyRate": 1}""".formatted(id)))
                .bodyJson()
                .extractingPath("$.locationId")
                .as("replacing without a location keeps it")
                .isEqualTo((int) location);
        assertThat(staff.post("/api/v1/spaces", """
                        {"code": "LOC-X%d", "name": "Desk", "type": "DESK", "monthlyRate": 1, "locationId": 999999999}""".formatted(System.nanoTime())))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("locationId");
    }

    @Test
    void aSpaceCodeIsUniqueAndWellFormed() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        String body = """
                {"code": "U-%d", "name": "Desk", "type": "DESK", "monthlyRate": 1}""".formatted(System.nanoTime());
        staff.create("/api/v1/spaces", body);
        assertThat(staff.post("/api/v1/spaces", body)).hasStatus(409);
        var bad = staff.post("/api/v1/spaces", """
                {"code": "no spaces!", "name": "Desk", "type": "DESK", "monthlyRate": 1}""");
        assertThat(bad)
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("code");
    }

    @Test
    void aSpaceWithLeasesCannotBeDeleted() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        long n = System.nanoTime();
        long space = staff.create("/api/v1/spaces", """
                {"code": "L-%d", "name": "Locker", "type": "LOCKER", "monthlyRate": 20}""".formatted(n));
        long member = staff.create("/api/v1/members", """
                {"fullName": "Locker user", "email": "locker%d@example.com"}""".formatted(n));
        staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-01-01"}""".formatted(member, space));
        assertThat(staff.delete("/api/v1/spaces/" + space)).hasStatus(409);
    }

    @Test
    void unknownSpacesAre404AndBadIdsAre400() {
        ApiClient viewer = ApiClient.as(mvc, "VIEWER");
        assertThat(viewer.get("/api/v1/spaces/999999999")).hasStatus(404);
        assertThat(viewer.get("/api/v1/spaces/99999999999999999999999")).hasStatus(400);
        assertThat(viewer.get("/api/v1/spaces?type=CASTLE")).hasStatus(400);
        assertThat(viewer.get("/api/v1/spaces?limit=0")).hasStatus(400);
    }

    @Test
    void viewersCannotWrite() {
        assertThat(ApiClient.as(mvc, "VIEWER").post("/api/v1/spaces", """
                        {"code": "V-1", "name": "Desk", "type": "DESK", "monthlyRate": 1}""")).hasStatus(403);
    }
}
