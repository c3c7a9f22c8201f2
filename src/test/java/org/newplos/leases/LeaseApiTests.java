package org.newplos.leases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class LeaseApiTests {

    @Autowired
    MockMvcTester mvc;

    ApiClient staff;
    long member;
    long otherMember;
    long desk;

    @BeforeEach
    void setUp() {
        staff = ApiClient.as(mvc, "STAFF");
        String suffix = Long.toString(System.nanoTime());
        member = staff.create("/api/v1/members", """
                {"fullName": "Ada Lovelace", "email": "ada%s@example.com"}""".formatted(suffix));
        otherMember = staff.create("/api/v1/members", """
                {"fullName": "Alan Turing", "email": "alan%s@example.com"}""".formatted(suffix));
        desk = staff.create("/api/v1/spaces", """
                {"code": "D-%s", "name": "Window desk", "type": "DESK", "monthlyRate": 300}""".formatted(suffix));
    }

    @Test
    void bookingALeaseAnswers201WithTheSpaceRateByDefault() {
        var result = staff.post("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-01-01", "end": "2030-07-01"}""".formatted(member, desk));
        assertThat(result).hasStatus(201).hasHeader("Location", "/api/v1/leases/" + id(result));
        assertThat(result).bodyJson().extractingPath("$.monthlyRate").asNumber().isEqualTo(300.0);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        assertThat(result).bodyJson().extractingPath("$.end").isEqualTo("2030-07-01");
    }

    @Test
    void anOverlappingLeaseIsRefusedWith409NamingTheOtherLease() {
        long first = staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-01-01", "end": "2030-07-01"}""".formatted(member, desk));
        var result = staff.post("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-06-30"}""".formatted(otherMember, desk));
        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.conflictingLeaseId")
                .asNumber()
                .isEqualTo((int) first);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("lease " + first, "Ada Lovelace");
    }

    @Test
    void adjacentLeasesDoNotOverlapBecauseTheEndDayIsExcluded() {
        staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-01-01", "end": "2030-02-01"}""".formatted(member, desk));
        assertThat(staff.post("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2030-02-01", "end": "2030-03-01"}""".formatted(otherMember, desk)))
                .hasStatus(201);
    }

    @Test
    void aLeaseCanBeEndedCancelledAndThenDeleted() {
        long id = staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2031-01-01"}""".formatted(member, desk));
        var ended = staff.post("/api/v1/leases/" + id + "/end", """
                {"on": "2031-04-01"}""");
        assertThat(ended).hasStatusOk();
        assertThat(ended).bodyJson().extractingPath("$.status").isEqualTo("ENDED");
        assertThat(ended).bodyJson().extractingPath("$.end").isEqualTo("2031-04-01");
        assertThat(staff.delete("/api/v1/leases/" + id)).hasStatus(409);
        assertThat(staff.post("/api/v1/leases/" + id + "/cancel", "")).hasStatusOk();
        assertThat(staff.post("/api/v1/leases/" + id + "/end", """
                        {"on": "2031-05-01"}""")).hasStatus(409);
        assertThat(staff.delete("/api/v1/leases/" + id)).hasStatus(204);
        assertThat(staff.get("/api/v1/leases/" + id)).hasStatus(404);
    }

    @Test
    void endingBeforeTheStartIsRefused() {
        long id = staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2031-01-01"}""".formatted(member, desk));
        assertThat(staff.post("/api/v1/leases/" + id + "/end", """
                        {"on": "2031-01-01"}"""))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("on");
    }

    @Test
    void changingALeaseIsCheckedForOverlapsToo() {
        staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2032-01-01", "end": "2032-02-01"}""".formatted(member, desk));
        long later = staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2032-03-01", "end": "2032-04-01"}""".formatted(otherMember, desk));
        assertThat(staff.put("/api/v1/leases/" + later, """
                        {"memberId": %d, "spaceId": %d, "start": "2032-01-15", "end": "2032-04-01"}""".formatted(otherMember, desk)))
                .hasStatus(409);
        var moved = staff.put("/api/v1/leases/" + later, """
                {"memberId": %d, "spaceId": %d, "start": "2032-02-01", "end": "2032-04-01", "monthlyRate": 275.5,
                 "deposit": 500, "notes": "moved up"}""".formatted(otherMember, desk));
        assertThat(moved).hasStatusOk();
        assertThat(moved).bodyJson().extractingPath("$.start").isEqualTo("2032-02-01");
        assertThat(moved).bodyJson().extractingPath("$.monthlyRate").asNumber().isEqualTo(275.5);
    }

    @Test
    void listsFilterByDayMemberAndSpace() {
        long id = staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2033-01-01", "end": "2033-02-01"}""".formatted(member, desk));
        assertThat(staff.get("/api/v1/leases?activeOn=2033-01-31&spaceId=" + desk))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .containsExactly((int) id);
        assertThat(staff.get("/api/v1/leases?activeOn=2033-02-01&spaceId=" + desk))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();
        assertThat(staff.get("/api/v1/leases?memberId=" + member))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .contains((int) id);
        assertThat(staff.get("/api/v1/leases?activeOn=yesterday")).hasStatus(400);
    }

    @Test
    void expiringLeasesAreListedSoonestFirst() {
        var today = java.time.LocalDate.now();
        long soon = staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "%s", "end": "%s"}""".formatted(member, desk, today.minusDays(10), today.plusDays(5)));
        assertThat(staff.get("/api/v1/leases/expiring?withinDays=30&limit=500"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[*].id")
                .asArray()
                .contains((int) soon);
        assertThat(staff.get("/api/v1/leases/expiring?withinDays=-1")).hasStatus(400);
    }

    @Test
    void availabilityAnswersFreeSpacesForAPeriod() {
        staff.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2034-01-01", "end": "2034-02-01"}""".formatted(member, desk));
        assertThat(staff.get("/api/v1/spaces/available?from=2034-01-15&to=2034-01-20&type=DESK&limit=500"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .doesNotContain((int) desk);
        assertThat(staff.get("/api/v1/spaces/available?from=2034-02-01&to=2034-03-01&type=DESK&limit=500"))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .contains((int) desk);
        assertThat(staff.get("/api/v1/spaces/available?from=2034-02-01&to=2034-01-01"))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("to");
        assertThat(staff.get("/api/v1/spaces/available")).hasStatus(400);
    }

    @Test
    void leasesNeedAnExistingMemberAndSpaceAndAValidPeriod() {
        assertThat(staff.post("/api/v1/leases", """
                        {"memberId": 987654321, "spaceId": %d, "start": "2035-01-01"}""".formatted(desk)))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("memberId");
        assertThat(staff.post("/api/v1/leases", """
                        {"memberId": %d, "spaceId": 987654321, "start": "2035-01-01"}""".formatted(member)))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("spaceId");
        assertThat(staff.post("/api/v1/leases", """
                        {"memberId": %d, "spaceId": %d, "start": "2035-02-01", "end": "2035-01-01"}""".formatted(member, desk)))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("end");
        assertThat(staff.post("/api/v1/leases", """
                        {"memberId": %d, "spaceId": %d, "start": "2035-01-01", "monthlyRate": -1}""".formatted(member, desk))).hasStatus(400);
        assertThat(staff.post("/api/v1/leases/424242424/cancel", "")).hasStatus(404);
    }

    private static long id(org.springframework.test.web.servlet.assertj.MvcTestResult result) {
        return ApiClient.idOf(result);
    }
}
