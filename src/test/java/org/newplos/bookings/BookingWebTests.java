package org.newplos.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.newplos.locations.Location;
import org.newplos.members.Member;
import org.newplos.security.MemberPrincipal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The booking API, the staff pages and the member portal's booking pages, through the security filters. */
@IntegrationTest
class BookingWebTests {

    static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    BookingFixtures given;

    @Autowired
    Booker booker;

    @Autowired
    JdbcClient jdbc;

    /** A weekday well ahead of today (the API books at the real clock). */
    static LocalDate ahead() {
        LocalDate d = LocalDate.now().plusDays(60);
        while (d.getDayOfWeek().getValue() > 5) {
            d = d.plusDays(1);
        }
        return d;
    }

    @Test
    void theApiBooksListsCancelsAndShowsFreeSlotsInLocalTime() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "40.00");
        Member member = given.member();
        LocalDate day = ahead();

        MvcTestResult created = staff.post("/api/v1/bookings", """
                {"memberId": %d, "spaceId": %d, "date": "%s", "start": "10:00", "end": "11:30"}""".formatted(member.id(), room, day));
        assertThat(created).hasStatus(201);
        long id = ApiClient.idOf(created);
        assertThat(created).hasHeader("Location", "/api/v1/bookings/" + id);
        assertThat(created).bodyJson().extractingPath("$.localStart").isEqualTo(day + "T10:00:00");
        assertThat(created).bodyJson().extractingPath("$.amount").asNumber().isEqualTo(60.0);
        assertThat(created)
                .bodyJson()
                .extractingPath("$.chargedMinutes")
                .asNumber()
                .isEqualTo(90);

        assertThat(staff.get("/api/v1/bookings?spaceId=" + room))
                .bodyJson()
                .extractingPath("$.items[0].id")
                .asNumber()
                .isEqualTo((int) id);
        assertThat(staff.get("/api/v1/bookings?memberId=" + member.id()
                        + "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z"))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();
        assertThat(staff.get("/api/v1/spaces/" + room + "/free-slots?date=" + day))
                .bodyJson()
                .extractingPath("$[*].start")
                .asArray()
                .containsExactly("08:00:00", "11:30:00");

        MvcTestResult taken =
                staff.post("/api/v1/bookings", """
                {"memberId": %d, "spaceId": %d, "date": "%s", "start": "11:00", "end": "12:00"}""".formatted(given.member().id(), room, day));
        assertThat(taken).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(taken).bodyJson().extractingPath("$.detail").asString().contains("That slot is taken");

        assertThat(staff.post("/api/v1/bookings/" + id + "/cancel", ""))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("CANCELLED");
        assertThat(staff.post("/api/v1/bookings/" + id + "/cancel", "")).hasStatus(409);
        assertThat(ApiClient.as(mvc, "VIEWER").post("/api/v1/bookings/" + id + "/cancel", ""))
                .hasStatus(403);
        assertThat(staff.get("/api/v1/bookings/999999999")).hasStatus(404);
    }

    @Test
    void aSpaceBecomesBookableWithAnHourlyRateAndAPlansRoomHoursAreCreditsThroughTheApi() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        String suffix = Long.toString(System.nanoTime());
        MvcTestResult space = admin.post("/api/v1/spaces", """
                {"code": "M-%s", "name": "Boardroom", "type": "MEETING_ROOM", "monthlyRate": 0, "hourlyRate": 30.00}""".formatted(suffix));
        assertThat(space)
                .hasStatus(201)
                .bodyJson()
                .extractingPath("$.hourlyRate")
                .asNumber()
                .isEqualTo(30.0);
        long room = ApiClient.idOf(space);
        MvcTestResult plan = admin.post("/api/v1/plans", """
                {"name": "Flex %s", "price": 100, "billingPeriod": "MONTHLY", "roomCreditHours": 1.5}""".formatted(suffix));
        assertThat(plan)
                .hasStatus(201)
                .bodyJson()
                .extractingPath("$.roomCreditMinutes")
                .asNumber()
                .isEqualTo(90);
        long member = admin.create("/api/v1/members", """
                {"fullName": "Api Booker", "email": "api-booker-%s@example.com"}""".formatted(suffix));
        admin.create("/api/v1/plan-memberships", """
                {"memberId": %d, "planId": %d, "start": "%s"}""".formatted(
                        member, ApiClient.idOf(plan), LocalDate.now().minusDays(1)));
        LocalDate day = LocalDate.now().plusDays(2);
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.plusDays(1);
        }
        MvcTestResult booked = admin.post("/api/v1/bookings", """
                {"memberId": %d, "spaceId": %d, "date": "%s", "start": "09:00", "end": "11:00"}""".formatted(member, room, day));
        assertThat(booked)
                .hasStatus(201)
                .bodyJson()
                .extractingPath("$.creditMinutes")
                .asNumber()
                .isEqualTo(90);
        assertThat(booked).bodyJson().extractingPath("$.amount").asNumber().isEqualTo(15.0);
        assertThat(admin.put("/api/v1/spaces/" + room, """
                {"code": "M-%s", "name": "Boardroom", "type": "MEETING_ROOM", "monthlyRate": 0, "hourlyRate": -1}""".formatted(suffix))).hasStatus(400);
    }

    @ParameterizedTest
    @CsvSource({
        "07:00, 09:00, opening hours",
        "10:10, 11:00, grid",
        "12:00, 11:00, after the start",
        "08:00, 18:00, at most 480",
    })
    void theApiRefusesSlotsOutsideTheRulesWith400(String start, String end, String reason) {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "40.00");
        MvcTestResult result =
                staff.post("/api/v1/bookings", """
                {"memberId": %d, "spaceId": %d, "date": "%s", "start": "%s", "end": "%s"}""".formatted(given.member().id(), room, ahead(), start, end));
        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(ApiClient.body(result)).contains(reason);
    }

    @Test
    void theApiRefusesBadInputWith4xxNever500() {
        ApiClient staff = ApiClient.as(mvc, "STAFF");
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "40.00");
        assertThat(staff.post("/api/v1/bookings", """
                {"memberId": 1, "spaceId": %d, "date": "2026-13-01", "start": "10:00", "end": "11:00"}""".formatted(room))).hasStatus(400);
        assertThat(staff.post("/api/v1/bookings", """
                {"memberId": 999999999, "spaceId": %d, "date": "%s", "start": "10:00", "end": "11:00"}""".formatted(room, ahead()))).hasStatus(400);
        assertThat(staff.post("/api/v1/bookings", """
                {"memberId": 1, "spaceId": 999999999, "date": "%s", "start": "10:00", "end": "11:00"}""".formatted(ahead()))).hasStatus(400);
        assertThat(staff.get("/api/v1/spaces/" + room + "/free-slots?date=nope"))
                .hasStatus(400);
        assertThat(staff.get("/api/v1/spaces/999999999/free-slots?date=2026-01-01"))
                .hasStatus(404);
        assertThat(staff.get("/api/v1/bookings?from=yesterday")).hasStatus(400);
    }

    /** 10:00–12:00 on the days the clocks change lasts two hours and reads 10:00–12:00 on page and API. */
    @ParameterizedTest
    @CsvSource({
        "Europe/Amsterdam, 2026-03-29",
        "Europe/Amsterdam, 2026-10-25",
        "America/New_York, 2026-03-08",
        "America/New_York, 2026-11-01",
    })
    void aBookingOnAClockChangeDayLastsTwoHoursAndIsShownInLocalTime(String zone, String date) {
        Location location = given.location(zone);
        long room = given.room(location, "30.00");
        Member member = given.member();
        Booking booking = booker.book(
                new BookingRequest(member.id(), room, LocalDate.parse(date), LocalTime.of(10, 0), LocalTime.of(12, 0)),
                "staff",
                JAN_1);

        assertThat(Duration.between(booking.start(), booking.end())).isEqualTo(Duration.ofHours(2));
        assertThat(booking.chargedMinutes()).isEqualTo(120);
        assertThat(booking.amount()).isEqualByComparingTo("60.00");
        MvcTestResult api = ApiClient.as(mvc, "VIEWER").get("/api/v1/bookings/" + booking.id());
        assertThat(api).bodyJson().extractingPath("$.localStart").isEqualTo(date + "T10:00:00");
        assertThat(api).bodyJson().extractingPath("$.localEnd").isEqualTo(date + "T12:00:00");
        assertThat(api)
                .bodyJson()
                .extractingPath("$.start")
                .isEqualTo(booking.start().toString());
        assertThat(member(member).get().uri("/portal/bookings/" + booking.id()).exchange())
                .hasStatusOk()
                .bodyText()
                .contains("10:00–12:00", zone);
        assertThat(Pages.as(mvc, "VIEWER").page("/bookings/day?space=" + room + "&date=" + date))
                .hasStatusOk()
                .bodyText()
                .contains("10:00–12:00");
    }

    @Test
    void aMemberSeesAndCancelsOwnBookingsAndAnotherMembersAreNotFound() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "30.00");
        Member a = given.member(ams, 120, LocalDate.now().minusMonths(1));
        Member b = given.member();
        LocalDate day = ahead();
        Booking ofB = booker.book(
                new BookingRequest(b.id(), room, day, LocalTime.of(14, 0), LocalTime.of(15, 0)),
                "staff",
                Instant.now());

        MvcTestResult booked = member(a)
                .post()
                .uri("/portal/bookings")
                .with(csrf())
                .param("spaceId", Long.toString(room))
                .param("date", day.toString())
                .param("start", "10:00")
                .param("end", "11:00")
                .exchange();
        assertThat(booked).hasStatus3xxRedirection();
        String location = booked.getResponse().getRedirectedUrl();
        long ofA = Long.parseLong(location.replaceAll("^/portal/bookings/(\\d+).*$", "$1"));

        assertThat(member(a).get().uri("/portal/bookings").exchange())
                .hasStatusOk()
                .bodyText()
                .contains("10:00–11:00", "Room credit left this period")
                .doesNotContain("14:00–15:00");
        assertThat(member(a).get().uri("/portal/bookings/" + ofA).exchange())
                .hasStatusOk()
                .bodyText()
                .contains("Cancel booking", "60 min");
        assertThat(member(a).get().uri("/portal/bookings/" + ofB.id()).exchange())
                .hasStatus(404);
        assertThat(member(a)
                        .post()
                        .uri("/portal/bookings/" + ofB.id() + "/cancel")
                        .with(csrf())
                        .exchange())
                .hasStatus(404);
        assertThat(booker.get(ofB.id()).status()).isEqualTo(BookingStatus.BOOKED);

        assertThat(member(a)
                        .post()
                        .uri("/portal/bookings/" + ofA + "/cancel")
                        .with(csrf())
                        .exchange())
                .hasStatus3xxRedirection();
        assertThat(booker.get(ofA).status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(booker.credits(a.id(), day).orElseThrow().left()).isEqualTo(120);
    }

    @Test
    void aBookingAndItsCancellationAreInTheHistoryWithWhoDidIt() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "40.00");
        Member member = given.member();
        LocalDate day = ahead();
        long id = ApiClient.idOf(
                ApiClient.as(mvc, "STAFF").post("/api/v1/bookings", """
                {"memberId": %d, "spaceId": %d, "date": "%s", "start": "10:00", "end": "11:00"}""".formatted(member.id(), room, day)));
        assertThat(member(member)
                        .post()
                        .uri("/portal/bookings/" + id + "/cancel")
                        .with(csrf())
                        .exchange())
                .hasStatus3xxRedirection();

        List<String> history = jdbc.sql("""
                        SELECT action || ' by ' || actor || ': ' || (
                                   SELECT string_agg(c ->> 'field' || '=' || coalesce(c ->> 'after', 'null'), ', ')
                                   FROM jsonb_array_elements(changes) c)
                        FROM audit_log WHERE entity = 'booking' AND entity_id = :id ORDER BY id
                        """).param("id", id).query(String.class).list();
        assertThat(history).hasSize(2);
        assertThat(history.get(0))
                .startsWith("booked by test-staff: room=")
                .contains(
                        "memberId=" + member.id(),
                        "slot=" + day + " 10:00–11:00",
                        "status=BOOKED",
                        "chargedMinutes=60",
                        "amount=40.00 EUR",
                        "bookedBy=test-staff");
        assertThat(history.get(1))
                .isEqualTo("cancelled by member:" + member.id() + ": status=CANCELLED, cancelledBy=" + member.email());
        assertThat(Pages.as(mvc, "ADMIN").page("/history?entity=booking"))
                .hasStatusOk()
                .bodyText()
                .contains("booking #" + id, "member:" + member.id(), "cancelled", "booked");
    }

    @Test
    void thePortalBookingPagesShowFreeSlotsAndRefuseATakenSlotPolitely() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "30.00");
        Member a = given.member();
        LocalDate day = ahead();
        booker.book(
                new BookingRequest(given.member().id(), room, day, LocalTime.of(9, 0), LocalTime.of(10, 0)),
                "staff",
                Instant.now());

        assertThat(member(a).get().uri("/portal/bookings/new").exchange())
                .hasStatusOk()
                .bodyText()
                .contains("Book a room");
        assertThat(member(a)
                        .get()
                        .uri("/portal/bookings/new?space=" + room + "&date=" + day)
                        .exchange())
                .hasStatusOk()
                .bodyText()
                .contains(
                        "Member portal",
                        "<option value=\"08:00\">08:00</option>",
                        "<option value=\"10:00\">10:00</option>")
                .doesNotContain("<option value=\"09:00\">");
        Booking soon = booker.book(
                new BookingRequest(a.id(), room, LocalDate.now().plusDays(1), LocalTime.of(9, 0), LocalTime.of(10, 0)),
                "staff",
                Instant.now());
        // A booking a day away can still be cancelled (cut-off 120 minutes); a started one cannot.
        assertThat(member(a).get().uri("/portal/bookings/" + soon.id()).exchange())
                .bodyText()
                .contains("Cancel booking");
        Booking started = booker.book(
                new BookingRequest(
                        a.id(), room, LocalDate.parse("2026-02-02"), LocalTime.of(9, 0), LocalTime.of(10, 0)),
                "staff",
                JAN_1);
        assertThat(member(a).get().uri("/portal/bookings/" + started.id()).exchange())
                .bodyText()
                .contains("too late to cancel online")
                .doesNotContain("Cancel booking");
        assertThat(member(a)
                        .post()
                        .uri("/portal/bookings/" + started.id() + "/cancel")
                        .with(csrf())
                        .exchange())
                .hasStatus(409);
        assertThat(member(a)
                        .get()
                        .uri("/portal/bookings/slots?space=" + room + "&date=" + day)
                        .header("HX-Request", "true")
                        .exchange())
                .hasStatusOk()
                .bodyText()
                .contains("08:00–09:00", "10:00–20:00")
                .doesNotContain("Member portal</a>");
        MvcTestResult taken = member(a)
                .post()
                .uri("/portal/bookings")
                .with(csrf())
                .param("spaceId", Long.toString(room))
                .param("date", day.toString())
                .param("start", "09:30")
                .param("end", "10:30")
                .exchange();
        assertThat(taken).hasStatus(409).bodyText().contains("That slot is taken");
    }

    @Test
    void staffSeeARoomsDayAsPageOrPartialBookForAMemberAndCancel() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "30.00");
        Member member = given.member();
        LocalDate day = ahead();
        Pages staff = Pages.as(mvc, "STAFF");

        MvcTestResult booked = staff.post(
                "/bookings",
                Map.of(
                        "memberId", Long.toString(member.id()),
                        "spaceId", Long.toString(room),
                        "date", day.toString(),
                        "start", "13:00",
                        "end", "14:00"));
        assertThat(booked).hasStatus3xxRedirection();
        assertThat(staff.page("/bookings/day?space=" + room + "&date=" + day))
                .hasStatusOk()
                .bodyText()
                .contains(
                        Pages.LAYOUT_MARK,
                        "13:00–14:00",
                        member.fullName(),
                        "08:00–13:00",
                        "14:00–20:00",
                        "Book for a member");
        assertThat(staff.partial("/bookings/day?space=" + room + "&date=" + day.plusDays(1)))
                .hasStatusOk()
                .bodyText()
                .contains("No bookings this day")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(staff.page("/bookings")).hasStatusOk().bodyText().contains(member.fullName());
        List<Booking> bookings = booker.day(room, day, Instant.now()).bookings();
        assertThat(staff.post("/bookings/" + bookings.get(0).id() + "/cancel", Map.of()))
                .hasStatus3xxRedirection();
        assertThat(booker.get(bookings.get(0).id()).status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(staff.post(
                        "/bookings",
                        Map.of(
                                "memberId", Long.toString(member.id()),
                                "spaceId", Long.toString(room),
                                "date", day.toString(),
                                "start", "06:00",
                                "end", "07:00")))
                .hasStatus(400)
                .bodyText()
                .contains("opening hours");
    }

    @Test
    void theSettingsPageShowsAndSavesRulesRatesAndCredits() {
        Location ams = given.location("Europe/Amsterdam");
        long room = given.room(ams, "30.00");
        assertThat(Pages.as(mvc, "VIEWER").page("/bookings/settings"))
                .hasStatusOk()
                .bodyText()
                .contains(ams.code(), "Monday");
        Map<String, String> form = new java.util.HashMap<>(Map.of(
                "slotMinutes",
                "15",
                "minMinutes",
                "30",
                "maxMinutes",
                "240",
                "cancelCutoffMinutes",
                "60",
                "horizonDays",
                "30"));
        form.put("opens1", "09:00");
        form.put("closes1", "17:00");
        assertThat(Pages.as(mvc, "STAFF").post("/locations/" + ams.id() + "/booking-settings", form))
                .hasStatus(403);
        assertThat(Pages.as(mvc, "ADMIN").post("/locations/" + ams.id() + "/booking-settings", form))
                .hasStatus3xxRedirection();
        Room.Settings settings = given.settings(ams.id());
        assertThat(settings).isEqualTo(new Room.Settings(15, 30, 240, 60, 30));
        form.put("slotMinutes", "7");
        assertThat(Pages.as(mvc, "ADMIN").post("/locations/" + ams.id() + "/booking-settings", form))
                .hasStatus(400);
        assertThat(Pages.as(mvc, "STAFF").post("/spaces/" + room + "/hourly-rate", Map.of("hourlyRate", "-1")))
                .hasStatus(400);
        assertThat(Pages.as(mvc, "STAFF").post("/spaces/" + room + "/hourly-rate", Map.of("hourlyRate", "12.50")))
                .hasStatus3xxRedirection();
    }

    private MemberClient member(Member m) {
        return new MemberClient(
                mvc,
                new UsernamePasswordAuthenticationToken(
                        new MemberPrincipal(m.id(), m.email()),
                        null,
                        List.of(new SimpleGrantedAuthority(MemberPrincipal.ROLE))));
    }

    /** Requests as a signed-in member. */
    record MemberClient(MockMvcTester mvc, Authentication auth) {
        MockMvcTester.MockMvcRequestBuilder get() {
            return mvc.get().with(authentication(auth));
        }

        MockMvcTester.MockMvcRequestBuilder post() {
            return mvc.post().with(authentication(auth));
        }
    }
}
