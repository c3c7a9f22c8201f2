package org.newplos.spaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class SpacePagesTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Fixtures fixtures;

    @Test
    void listFiltersByTypeAndTextAsFullPageOrPartialAndExportsTheSameFilter() {
        Space studio = fixtures.space(SpaceType.STUDIO, "700.00");
        Space locker = fixtures.space(SpaceType.LOCKER, "20.00");
        Pages viewer = Pages.as(mvc, "VIEWER");
        assertThat(viewer.page("/spaces")).hasStatusOk().bodyText().contains(Pages.LAYOUT_MARK, studio.code());
        assertThat(viewer.partial("/spaces?type=STUDIO"))
                .hasStatusOk()
                .bodyText()
                .contains(studio.code())
                .doesNotContain(locker.code(), Pages.LAYOUT_MARK);
        assertThat(viewer.partial("/spaces?q=" + locker.code())).bodyText().contains(locker.code());
        String csv = ApiClient.body(viewer.page("/spaces/export.csv?type=LOCKER"));
        assertThat(csv).startsWith("id,code,name,type").contains(locker.code()).doesNotContain(studio.code());
    }

    @Test
    void keysetPagesWalkThroughAllSpaces() {
        for (int i = 0; i < 3; i++) {
            fixtures.space(SpaceType.WORKSHOP, "1.00");
        }
        Pages viewer = Pages.as(mvc, "VIEWER");
        String body = ApiClient.body(viewer.page("/spaces?type=WORKSHOP"));
        assertThat(body).doesNotContain("Next page"); // under one page
        assertThat(viewer.page("/spaces?type=WORKSHOP&after=1&afterCode=A")).hasStatusOk();
    }

    @Test
    void staffCreateAndEditASpaceAndSeeItsTimelineAndHistory() {
        Pages staff = Pages.as(mvc, "STAFF");
        assertThat(staff.page("/spaces/new")).hasStatusOk().bodyText().contains("name=\"code\"");
        String code = "S-" + System.nanoTime() % 100000;
        var created = staff.post(
                "/spaces",
                Map.of(
                        "code",
                        code,
                        "name",
                        "Sunny studio",
                        "type",
                        "STUDIO",
                        "capacity",
                        "2",
                        "monthlyRate",
                        "650.00",
                        "location",
                        "2nd floor",
                        "active",
                        "true"));
        assertThat(created).hasStatus(302);
        long id = Pages.redirectedId(created);
        assertThat(staff.page("/spaces/" + id)).hasStatusOk().bodyText().contains(code, "Sunny studio", "History");
        assertThat(staff.partial("/spaces/" + id)).hasStatusOk().bodyText().doesNotContain(Pages.LAYOUT_MARK);
        assertThat(staff.page("/spaces/" + id + "/edit"))
                .hasStatusOk()
                .bodyText()
                .contains("Sunny studio");

        // Unchecking "active" archives the space (the hidden "!active" default).
        assertThat(staff.post(
                        "/spaces/" + id,
                        Map.of(
                                "code",
                                code,
                                "name",
                                "Sunny studio",
                                "type",
                                "STUDIO",
                                "capacity",
                                "2",
                                "monthlyRate",
                                "700.00",
                                "!active",
                                "false")))
                .hasStatus(302);
        assertThat(staff.page("/spaces/" + id)).bodyText().contains("Archived", "700.00");

        fixtures.lease(
                fixtures.member("Timeline Person"),
                fixtures.space(SpaceType.DESK, "1.00"),
                LocalDate.now(),
                LocalDate.now().plusMonths(2));
        assertThat(staff.partial("/spaces/" + id + "/leases"))
                .hasStatusOk()
                .bodyText()
                .contains("Never leased yet");
    }

    @Test
    void invalidSpacesAreExplainedInline() {
        Space existing = fixtures.space(SpaceType.DESK, "10.00");
        var result = Pages.as(mvc, "STAFF")
                .post("/spaces", Map.of("code", "bad code!", "name", "", "type", "DESK", "monthlyRate", "-5"));
        assertThat(result)
                .hasStatus(422)
                .bodyText()
                .contains("Code use letters, digits", "Name must not be blank", "Monthly rate must be greater");
        var duplicate = Pages.as(mvc, "STAFF")
                .post("/spaces", Map.of("code", existing.code(), "name", "Copy", "type", "DESK", "monthlyRate", "5"));
        assertThat(duplicate).hasStatus(422).bodyText().contains("already exists");
    }
}
