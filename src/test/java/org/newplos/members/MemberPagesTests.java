package org.newplos.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class MemberPagesTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Members members;

    @Test
    void theListIsAFullPageOrAnHtmxPartialAndFindsMisspeltNames() {
        fixtures.member("Katherine Johnson");
        MvcTestResult page = get("/members", false);
        assertThat(page).hasStatusOk().bodyText().contains("<nav", "Search name or email", "Katherine Johnson");
        MvcTestResult partial = mvc.get()
                .uri("/members")
                .param("q", "Katharine Jonson")
                .header("HX-Request", "true")
                .with(user("viewer").roles("VIEWER"))
                .exchange();
        assertThat(partial)
                .hasStatusOk()
                .bodyText()
                .contains("Katherine Johnson", "Best matches first")
                .doesNotContain("aria-label=\"Main\"", "<html");
    }

    @Test
    void filtersSortingAndKeysetPagesWalkTheWholeList() {
        String tag = "Pager" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            fixtures.member(tag + " " + (char) ('E' - i));
        }
        // Walk the name-sorted list two at a time through the cursor in the "Next page" link.
        MemberPage first = members.browse(new MemberFilter(null, null, null, null), MemberSort.NAME, null, 2);
        assertThat(first.next()).isNotNull();
        var seen = new java.util.ArrayList<String>();
        String cursor = null;
        do {
            MemberPage page = members.browse(MemberFilter.none(), MemberSort.NAME, cursor, 2);
            page.items().stream()
                    .map(Member::fullName)
                    .filter(n -> n.startsWith(tag))
                    .forEach(seen::add);
            cursor = page.next();
        } while (cursor != null);
        assertThat(seen).containsExactly(tag + " A", tag + " B", tag + " C", tag + " D", tag + " E");

        assertThat(get("/members?sort=name&status=ACTIVE", false)).hasStatusOk();
        assertThat(get("/members?sort=joined", true)).hasStatusOk();
        assertThat(get("/members?sort=sideways", false))
                .hasStatus(400)
                .bodyText()
                .contains("sort");
        assertThat(get("/members?sort=name&after=nonsense", false)).hasStatus(400);
    }

    @Test
    void exportHonoursTheFilter() {
        var kept = fixtures.member("Export Kept", MemberStatus.PAUSED, null);
        var dropped = fixtures.member("Export Dropped", MemberStatus.ACTIVE, null);
        MvcTestResult csv = get("/members/export.csv?status=PAUSED", false);
        assertThat(csv).hasStatusOk().hasHeader("Content-Disposition", "attachment; filename=\"members.csv\"");
        assertThat(ApiClient.body(csv))
                .startsWith("id,full_name,email")
                .contains(kept.email())
                .doesNotContain(dropped.email());
    }

    @Test
    void staffCreateAMemberAndSeeItsPageWithHistory() {
        String email = "new" + System.nanoTime() + "@example.com";
        assertThat(mvc.get()
                        .uri("/members/new")
                        .with(user("staff").roles("STAFF"))
                        .exchange())
                .hasStatusOk()
                .bodyText()
                .contains("name=\"fullName\"", "name=\"_csrf\"");
        MvcTestResult created = mvc.post()
                .uri("/members")
                .with(user("staff@example.com").roles("STAFF"))
                .with(csrf())
                .param("fullName", "Mary Jackson")
                .param("email", email)
                .param("status", "ACTIVE")
                .param("planId", "")
                .param("joinedOn", "2026-01-05")
                .exchange();
        assertThat(created).hasStatus(302);
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/members/");
        String path = location.substring(0, location.indexOf('?'));
        assertThat(get(path, false))
                .hasStatusOk()
                .bodyText()
                .contains("Mary Jackson", email, "History", "staff@example.com", "created");
        assertThat(get(path, true))
                .hasStatusOk()
                .bodyText()
                .contains("Mary Jackson")
                .doesNotContain("aria-label=\"Main\"");
        assertThat(mvc.get()
                        .uri(path + "/edit")
                        .with(user("staff").roles("STAFF"))
                        .exchange())
                .hasStatusOk()
                .bodyText()
                .contains("Mary Jackson");
    }

    @Test
    void invalidInputIsShownNextToTheFieldsAndDuplicateEmailsAreNamed() {
        var existing = fixtures.member("Already Here");
        MvcTestResult invalid = mvc.post()
                .uri("/members")
                .with(user("staff").roles("STAFF"))
                .with(csrf())
                .param("fullName", "")
                .param("email", "not-an-email")
                .param("joinedOn", "yesterday")
                .exchange();
        assertThat(invalid)
                .hasStatus(422)
                .bodyText()
                .contains("Please correct the fields", "Full name must not be blank", "fullName-error")
                .contains("Email must be a well-formed email address", "Joined on is not a valid value");

        MvcTestResult duplicate = mvc.post()
                .uri("/members")
                .with(user("staff").roles("STAFF"))
                .with(csrf())
                .param("fullName", "Copy Cat")
                .param("email", existing.email().toUpperCase())
                .exchange();
        assertThat(duplicate).hasStatus(422).bodyText().contains("already exists");
    }

    @Test
    void missingMemberIsAFriendly404() {
        assertThat(get("/members/999999999", false))
                .hasStatus(404)
                .bodyText()
                .contains("No member with id 999999999", "Request id");
    }

    private MvcTestResult get(String uri, boolean htmx) {
        var request = mvc.get().uri(uri).with(user("viewer").roles("VIEWER"));
        if (htmx) {
            request = request.header("HX-Request", "true");
        }
        return request.exchange();
    }
}
