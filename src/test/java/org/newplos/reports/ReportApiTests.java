package org.newplos.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class ReportApiTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void occupancyAndMrrAnswerForADayOrToday() {
        ApiClient viewer = ApiClient.as(mvc, "VIEWER");
        assertThat(viewer.get("/api/v1/reports/occupancy?on=2030-01-01"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.on")
                .isEqualTo("2030-01-01");
        assertThat(viewer.get("/api/v1/reports/occupancy"))
                .hasStatusOk()
                .bodyJson()
                .hasPath("$.rate");
        assertThat(viewer.get("/api/v1/reports/mrr")).hasStatusOk().bodyJson().hasPath("$.total");
        assertThat(viewer.get("/api/v1/reports/mrr?on=2030-13-01")).hasStatus(400);
        assertThat(mvc.get().uri("/api/v1/reports/mrr")).hasStatus(401);
    }
}
