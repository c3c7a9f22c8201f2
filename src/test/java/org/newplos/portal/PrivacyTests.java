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
import org.newplos.leases.Leasing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Erasure of a member who has left: refused (409) while they are a member or still lease something; then
 * their personal fields are anonymised, invoices keep the name and address they were issued with, the audit
 * history and the outbox hold none of their personal values, links and sign-ins are gone, and they cannot sign
 * in. The export holds the member's own data and nobody else's.
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
