package org.newplos.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.billing.Invoice;
import org.newplos.billing.Invoices;
import org.newplos.bookings.BookingFixtures;
import org.newplos.leases.Leasing;
import org.newplos.locations.Location;
import org.newplos.members.Member;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasure of a member who has left: refused (409) while they are a member or still lease something; then
 * their personal fields are anonymised, invoices keep the name and address they were issued with, the audit
 * history and the outbox hold none of their personal values, links and sign-ins are gone, and they cannot sign
 * in. The export holds the member's own data and nobody else's, room bookings and credits included; an
 * erasure waits for the member's upcoming room bookings, then keeps the bookings but not the member's address
 * in who booked or cancelled them, nor in their history.
 */
@IntegrationTest
@Import(PortalFixtures.class)
class PrivacyTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PortalFixtures fixtures;

    @Autowired
    Privacy privacy;

    @Autowired
    MemberSignIn signIn;

    @Autowired
    Invoices invoices;

    @Autowired
    Leasing leasing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BookingFixtures rooms;

    @Test
    void theExportHoldsTheMembersOwnRoomBookingsAndCreditsAndNobodyElses() throws Exception {
        Location location = rooms.location("Europe/Amsterdam");
        long room = rooms.room(location, "40.00");
        Member a = rooms.member(location, 60, LocalDate.now().minusDays(1));
        Member b = rooms.member(location, 120, LocalDate.now().minusDays(1));
        LocalDate day = LocalDate.now().plusDays(3);
        long mine = bookInPortal(a, room, day, "10:00", "11:30");
        long theirs = bookByStaff(b, room, day, "14:00", "15:00");

        for (String body : List.of(
                mvc.perform(get("/portal/details/export").with(PortalFixtures.as(a)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                mvc.perform(get("/api/v1/members/" + a.id() + "/export")
                                .with(user("staff@newplos.test").roles("STAFF")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())) {
            JsonNode sections = JSON.readTree(body).get("sections");
            JsonNode bookings = sections.get("roomBookings");
            assertThat(bookings.size()).isEqualTo(1);
            JsonNode booking = bookings.get(0);
            assertThat(booking.get("id").asLong()).isEqualTo(mine);
            assertThat(booking.get("localStart").asString()).isEqualTo(day + "T10:00:00");
            assertThat(booking.get("localEnd").asString()).isEqualTo(day + "T11:30:00");
            assertThat(booking.get("timeZone").asString()).isEqualTo("Europe/Amsterdam");
            assertThat(booking.get("start").asString())
                    .isEqualTo(day.atTime(10, 0)
                            .atZone(java.time.ZoneId.of("Europe/Amsterdam"))
                            .toInstant()
                            .toString());
            assertThat(booking.get("status").asString()).isEqualTo("BOOKED");
            assertThat(booking.get("creditMinutes").asInt()).isEqualTo(60);
            assertThat(booking.get("chargedMinutes").asInt()).isEqualTo(30);
            assertThat(booking.get("amount").decimalValue()).isEqualByComparingTo("20.00");
            assertThat(booking.get("bookedBy").asString()).isEqualTo(a.email());
            JsonNode credits = sections.get("roomCredits");
            assertThat(credits.size()).isEqualTo(1);
            assertThat(credits.get(0).get("grantedMinutes").asInt()).isEqualTo(60);
            assertThat(credits.get(0).get("usedMinutes").asInt()).isEqualTo(60);
            assertThat(credits.get(0).get("from").asString()).isNotBlank();
            JsonNode history = sections.get("roomBookingHistory");
            assertThat(history.size()).isEqualTo(1);
            assertThat(history.get(0).get("entityId").asLong()).isEqualTo(mine);
            assertThat(history.get(0).get("action").asString()).isEqualTo("booked");
            assertThat(body).doesNotContain(b.email(), "\"id\" : " + theirs + ",", "\"id\":" + theirs + ",");
        }
    }

    @Test
    void anErasureWaitsForUpcomingRoomBookingsThenKeepsThemWithoutTheMembersAddress() throws Exception {
        Location location = rooms.location("Europe/Amsterdam");
        long room = rooms.room(location, "40.00");
        Member m = rooms.member(location, 60, LocalDate.now().minusDays(1));
        LocalDate day = LocalDate.now().plusDays(3);
        long own = bookInPortal(m, room, day, "09:00", "10:00");
        long bookedByStaff = bookByStaff(m, room, day, "11:00", "12:00");
        assertThat(mvc.perform(post("/portal/bookings/" + own + "/cancel")
                                .with(PortalFixtures.as(m))
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(302);
        fixtures.setStatus(m.id(), "LEFT");

        MockHttpServletResponse refused = erase(m.id());
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentAsString()).contains("still has a room booked");
        assertThat(mvc.perform(post("/api/v1/bookings/" + bookedByStaff + "/cancel")
                                .with(user("staff@newplos.test").roles("STAFF")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(erase(m.id()).getStatus()).isEqualTo(200);

        assertThat(jdbc.sql("""
                        SELECT id || ' ' || status || ' ' || booked_by || ' ' || coalesce(cancelled_by, '-')
                        FROM room_bookings WHERE member_id = :id ORDER BY id
                        """).param("id", m.id()).query(String.class).list())
                .containsExactly(
                        own + " CANCELLED erased-" + m.id() + "@erased.invalid erased-" + m.id() + "@erased.invalid",
                        bookedByStaff + " CANCELLED staff@newplos.test staff@newplos.test");
        String history = jdbc.sql("""
                        SELECT string_agg(action || ' ' || actor || ' ' || changes::text, ' | ' ORDER BY id)
                        FROM audit_log WHERE entity = 'booking' AND entity_id IN (:own, :staff)
                        """)
                .param("own", own)
                .param("staff", bookedByStaff)
                .query(String.class)
                .single();
        assertThat(history)
                .contains("booked member:" + m.id(), "cancelled member:" + m.id(), "(erased)", "staff@newplos.test")
                .doesNotContain(m.email());
        String outbox = jdbc.sql("""
                        SELECT count(*) || ' ' || coalesce(string_agg(coalesce(recipient, '') || payload::text, ' '), '')
                        FROM outbox WHERE member_id = :id
                        """).param("id", m.id()).query(String.class).single();
        assertThat(outbox).doesNotStartWith("0 ").doesNotContain(m.email(), m.fullName());
    }

    private long bookInPortal(Member member, long room, LocalDate day, String start, String end) throws Exception {
        MockHttpServletResponse booked = mvc.perform(post("/portal/bookings")
                        .with(PortalFixtures.as(member))
                        .with(csrf())
                        .param("spaceId", Long.toString(room))
                        .param("date", day.toString())
                        .param("start", start)
                        .param("end", end))
                .andReturn()
                .getResponse();
        assertThat(booked.getStatus()).as(booked.getContentAsString()).isEqualTo(302);
        String location = booked.getRedirectedUrl();
        return Long.parseLong(location.replaceAll(".*/portal/bookings/(\\d+).*", "$1"));
    }

    private long bookByStaff(Member member, long room, LocalDate day, String start, String end) throws Exception {
        MockHttpServletResponse booked = mvc.perform(post("/api/v1/bookings")
                        .with(user("staff@newplos.test").roles("STAFF"))
                        .contentType("application/json")
                        .content("""
                                {"memberId": %d, "spaceId": %d, "date": "%s", "start": "%s", "end": "%s"}""".formatted(member.id(), room, day, start, end)))
                .andReturn()
                .getResponse();
        assertThat(booked.getStatus()).as(booked.getContentAsString()).isEqualTo(201);
        return JSON.readTree(booked.getContentAsString()).get("id").asLong();
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aMemberWhoHasNotLeftOrStillLeasesIsNotErased() throws Exception {
        PortalFixtures.Setup a = fixtures.setup("Nora Notyet");
        assertThat(mvc.perform(get("/members/" + a.member().id())
                                .with(user("staff@newplos.test").roles("STAFF")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("can be erased once they have left")
                .doesNotContain("Erase member</button>");

        assertThat(erase(a.member().id()).getStatus()).isEqualTo(409);
        fixtures.setStatus(a.member().id(), "LEFT");
        MockHttpServletResponse leasing = erase(a.member().id());
        assertThat(leasing.getStatus()).isEqualTo(409);
        assertThat(leasing.getContentAsString()).contains("current or future lease");
        assertThat(erase(999_999_999L).getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/api/v1/members/" + a.member().id() + "/erase")
                                .with(user("viewer@newplos.test").roles("VIEWER")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void anErasedMemberLeavesNoPersonalValuesButInvoicesKeepWhatTheyWereIssuedWith() throws Exception {
        PortalFixtures.Setup a = fixtures.setup("Petra Private");
        long id = a.member().id();
        String email = a.member().email();
        // personal values in the history: a change of phone and company
        mvc.perform(post("/portal/details")
                .with(PortalFixtures.as(a.member()))
                .with(csrf())
                .param("fullName", "Petra Private")
                .param("phone", "+31 6 5555 0101")
                .param("company", "Private Matters BV")
                .param("billingAddress", "Herengracht 99\n1017 AB Amsterdam"));
        signIn.requestLink(email, "10.1.1.1", "http://localhost", Instant.now());
        leasing.end(a.lease().id(), LocalDate.now().minusDays(1));
        fixtures.setStatus(id, "LEFT");

        MockHttpServletResponse erased = mvc.perform(post("/members/" + id + "/erase")
                        .with(user("staff@newplos.test").roles("STAFF"))
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(erased.getStatus()).isEqualTo(302);

        assertThat(jdbc.sql(
                                "SELECT full_name || '|' || email || '|' || phone || '|' || company || '|' || billing_address"
                                        + " || '|' || (erased_at IS NOT NULL) FROM members WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("Erased member #" + id + "|erased-" + id + "@erased.invalid||||true");
        Invoice invoice = invoices.get(a.invoice().id());
        assertThat(invoice.billingName()).isEqualTo("Petra Private");
        assertThat(invoice.billingAddress()).contains("Keizersgracht " + id);
        String history = jdbc.sql("""
                        SELECT coalesce(string_agg(changes::text, ' '), '') FROM audit_log
                        WHERE (entity = 'member' AND entity_id = :id) OR (entity = 'lease' AND entity_id = :lease)
                        """)
                .param("id", id)
                .param("lease", a.lease().id())
                .query(String.class)
                .single();
        assertThat(history)
                .contains("(erased)")
                .doesNotContain("Petra", email, "5555 0101", "Private Matters", "Herengracht", "Keizersgracht");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit_log WHERE entity = 'member' AND entity_id = :id AND action = 'erased'")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        String outbox = jdbc.sql("SELECT coalesce(string_agg(coalesce(recipient, '') || payload::text, ' '), '')"
                        + " FROM outbox WHERE member_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(outbox).doesNotContain(email, "Petra");
        for (String table : List.of("member_sign_in_links", "member_sign_in_requests", "member_sign_ins")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE member_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        // no sign-in any more, by the old address or the new one
        assertThat(signIn.requestLink(email, "10.1.1.2", "http://localhost", Instant.now()))
                .isEqualTo(SignInLinks.Outcome.UNKNOWN);
        assertThat(signIn.requestLink(
                        "erased-" + id + "@erased.invalid", "10.1.1.2", "http://localhost", Instant.now()))
                .isEqualTo(SignInLinks.Outcome.REFUSED);
        // twice is a conflict, not a second erasure; nor can staff make the erased member active again
        assertThat(erase(id).getStatus()).isEqualTo(409);
        assertThat(mvc.perform(put("/api/v1/members/" + id)
                                .with(user("staff@newplos.test").roles("STAFF"))
                                .contentType("application/json")
                                .content("{\"fullName\":\"Back Again\",\"email\":\"back-" + id
                                        + "@example.com\",\"status\":\"ACTIVE\"}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
    }

    @Test
    void staffExportAMembersDataButViewersDoNot() throws Exception {
        PortalFixtures.Setup a = fixtures.setup("Xena Export");
        PortalFixtures.Setup b = fixtures.setup("Yuri Other");

        MockHttpServletResponse export = mvc.perform(
                        get("/api/v1/members/" + a.member().id() + "/export")
                                .with(user("staff@newplos.test").roles("STAFF")))
                .andReturn()
                .getResponse();
        assertThat(export.getStatus()).isEqualTo(200);
        assertThat(export.getContentAsString())
                .contains(
                        a.member().email(),
                        a.invoice().number(),
                        "Printing for Xena Export",
                        "\"leases\"",
                        "\"payments\"",
                        "\"emails\"",
                        "\"history\"")
                .doesNotContain(b.member().email(), b.invoice().number());
        assertThat(mvc.perform(get("/api/v1/members/" + a.member().id() + "/export")
                                .with(user("viewer@newplos.test").roles("VIEWER")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/members/" + a.member().id() + "/export")
                                .with(user("staff@newplos.test").roles("STAFF")))
                        .andReturn()
                        .getResponse()
                        .getHeader("Content-Disposition"))
                .contains("attachment");
    }

    private MockHttpServletResponse erase(long id) throws Exception {
        return mvc.perform(post("/api/v1/members/" + id + "/erase")
                        .with(user("staff@newplos.test").roles("STAFF")))
                .andReturn()
                .getResponse();
    }
}
