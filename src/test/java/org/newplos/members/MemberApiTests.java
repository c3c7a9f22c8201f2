package org.newplos.members;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class MemberApiTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void staffCreateReadUpdateAndDeleteMembers() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        long n = System.nanoTime();
        long id = staff.create("/api/v1/members", """
                {"fullName": "Hedy Lamarr", "email": "hedy%d@example.com", "phone": "+1 555 0100",
                 "company": "Frequency Hopping Ltd", "joinedOn": "2024-03-01"}""".formatted(n));
        var got = staff.get("/api/v1/members/" + id);
        assertThat(got).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(got).bodyJson().extractingPath("$.joinedOn").isEqualTo("2024-03-01");

        assertThat(staff.put("/api/v1/members/" + id, """
                        {"fullName": "Hedy Lamarr", "email": "hedy%d@example.com", "status": "LEFT"}""".formatted(n)))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("LEFT");
        assertThat(staff.get("/api/v1/members?status=LEFT&limit=500"))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .contains((int) id);
        assertThat(staff.delete("/api/v1/members/" + id)).hasStatus(204);
        assertThat(staff.get("/api/v1/members/" + id)).hasStatus(404);
    }

    @Test
    void anEmailBelongsToOneMemberWhateverItsCase() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        long n = System.nanoTime();
        staff.create("/api/v1/members", """
                {"fullName": "First", "email": "dup%d@example.com"}""".formatted(n));
        var result = staff.post("/api/v1/members", """
                {"fullName": "Second", "email": "DUP%d@Example.COM"}""".formatted(n));
        assertThat(result)
                .hasStatus(409)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("ignoring case");
    }

    @Test
    void fuzzySearchAnswersByRelevance() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        staff.create("/api/v1/members", """
                {"fullName": "Radia Perlman", "email": "radia%d@example.com"}""".formatted(System.nanoTime()));
        assertThat(staff.get("/api/v1/members?q=Radia Perlmann"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.items[0].fullName")
                .isEqualTo("Radia Perlman");
    }

    @Test
    void refusesBadMembersWithFieldMessages() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        var result = staff.post("/api/v1/members", """
                {"fullName": "", "email": "not-an-email", "joinedOn": "2999-01-01"}""");
        assertThat(result).hasStatus(400);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .contains("fullName", "email", "joinedOn");
        assertThat(staff.post("/api/v1/members", """
                        {"fullName": "No plan", "email": "np%d@example.com", "planId": 987654321}""".formatted(System.nanoTime())))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("planId");
        assertThat(staff.post("/api/v1/members", """
                        {"fullName": "Bad date", "email": "bd@example.com", "joinedOn": "2024-02-30"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("joinedOn");
    }

    @Test
    void aMemberWithLeasesIsKeptNotDeleted() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        long n = System.nanoTime();
        long member = staff.create("/api/v1/members", """
                {"fullName": "Keeper", "email": "keep%d@example.com"}""".formatted(n));
        long space = staff.create("/api/v1/spaces", """
                {"code": "K-%d", "name": "Desk", "type": "DESK", "monthlyRate": 100}""".formatted(n));
        staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-01-01", "end": "2030-02-01"}""".formatted(member, space));
        assertThat(staff.delete("/api/v1/members/" + member))
                .hasStatus(409)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("LEFT");
    }
}
