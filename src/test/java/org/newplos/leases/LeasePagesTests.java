package org.newplos.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class LeasePagesTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Fixtures fixtures;

    @Test
    void listDetailAndPanelsAsFullPageOrPartial() {
        var member = fixtures.member("Panel Member");
        var space = fixtures.space(SpaceType.OFFICE, "900.00");
        var lease = fixtures.lease(member, space, LocalDate.now().minusDays(3), null);
        Pages viewer = Pages.as(mvc, "VIEWER");
        assertThat(viewer.page("/leases")).hasStatusOk().bodyText().contains(Pages.LAYOUT_MARK, "Panel Member");
        assertThat(viewer.partial("/leases?status=ACTIVE&memberId=" + member.id()))
                .hasStatusOk()
                .bodyText()
                .contains("#" + lease.id())
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(viewer.page("/leases/" + lease.id()))
                .hasStatusOk()
                .bodyText()
                .contains(space.code(), "History");
        assertThat(viewer.partial("/leases/" + lease.id()))
                .hasStatusOk()
                .bodyText()
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(viewer.partial("/members/" + member.id() + "/leases"))
                .hasStatusOk()
                .bodyText()
                .contains(space.code());
        assertThat(viewer.partial("/spaces/" + space.id() + "/leases"))
                .hasStatusOk()
                .bodyText()
                .contains("class=\"timeline\"", "Panel Member");
        assertThat(ApiClient.body(viewer.page("/leases/export.csv?memberId=" + member.id())))
                .startsWith("id,member_id")
                .contains("Panel Member");
        // Viewers get no end/cancel forms and cannot post them.
        assertThat(viewer.page("/leases/" + lease.id())).bodyText().doesNotContain("End lease");
        assertThat(viewer.post("/leases/" + lease.id() + "/cancel", Map.of())).hasStatus(403);
    }

    @Test
    void theFormOffersOnlySpacesFreeForThePeriod() {
        var taken = fixtures.space(SpaceType.DESK, "100.00");
        var free = fixtures.space(SpaceType.DESK, "100.00");
        fixtures.lease(fixtures.member("Holder"), taken, LocalDate.of(2032, 1, 1), LocalDate.of(2032, 7, 1));
        Pages staff = Pages.as(mvc, "STAFF");
        assertThat(staff.page("/leases/new")).hasStatusOk().bodyText().contains("hx-get=\"/leases/free-spaces\"");
        assertThat(staff.partial("/leases/free-spaces?start=2032-03-01&end=2032-04-01"))
                .hasStatusOk()
                .bodyText()
                .contains(free.code())
                .doesNotContain(taken.code() + " ·");
        assertThat(staff.partial("/leases/free-spaces?start=2032-08-01"))
                .bodyText()
                .contains(taken.code());
        assertThat(staff.partial("/leases/free-spaces?start=2032-08-01&end=2032-07-01"))
                .bodyText()
                .contains("Choose an end day after the start day");
    }

    @Test
    void bookingAnOverlapNamesTheOtherLease() {
        var space = fixtures.space(SpaceType.STUDIO, "500.00");
        var holder = fixtures.member("Current Holder");
        var existing = fixtures.lease(holder, space, LocalDate.of(2033, 1, 1), LocalDate.of(2033, 12, 1));
        var member = fixtures.member("Late Comer");
        Pages staff = Pages.as(mvc, "STAFF");
        var result = staff.post(
                "/leases",
                Map.of(
                        "memberId",
                        String.valueOf(member.id()),
                        "spaceId",
                        String.valueOf(space.id()),
                        "start",
                        "2033-06-01",
                        "end",
                        "2033-08-01"));
        assertThat(result)
                .hasStatus(409)
                .bodyText()
                .contains("already taken", "Current Holder", "lease #" + existing.id(), "/leases/" + existing.id());

        var booked = staff.post(
                "/leases",
                Map.of(
                        "memberId", String.valueOf(member.id()),
                        "spaceId", String.valueOf(space.id()),
                        "start", "2033-12-01",
                        "end", "2034-02-01",
                        "deposit", "100"));
        assertThat(booked).hasStatus(302);
        long id = Pages.redirectedId(booked);
        assertThat(staff.page("/leases/" + id)).bodyText().contains("Late Comer", "End lease", "Cancel lease");

        assertThat(staff.post("/leases/" + id + "/end", Map.of("on", "2034-01-01")))
                .hasStatus(302);
        assertThat(staff.page("/leases/" + id)).bodyText().contains("ENDED", "2034-01-01", "ended");
        assertThat(staff.post("/leases/" + id + "/end", Map.of("on", "2033-11-01")))
                .hasStatus(422)
                .bodyText()
                .contains("must be after");
        assertThat(staff.post("/leases/" + id + "/cancel", Map.of())).hasStatus(302);
        assertThat(staff.page("/leases/" + id)).bodyText().contains("CANCELLED", "cancelled");
    }

    @Test
    void missingFieldsAreShownInline() {
        assertThat(Pages.as(mvc, "STAFF").post("/leases", Map.of("start", "")))
                .hasStatus(422)
                .bodyText()
                .contains("Member must not be null", "Space must not be null", "First day must not be null");
    }
}
