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

    private static long id(org.springframework.test.web.servlet.assertj.MvcTestResult result) {
        return ApiClient.idOf(result);
    }
}
