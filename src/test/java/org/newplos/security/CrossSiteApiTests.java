package org.newplos.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.leases.LeaseStatus;
import org.newplos.leases.Leasing;
import org.newplos.spaces.SpaceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Issue 16, finding 6: a browser holding Basic credentials for the API cannot be made to change anything by
 * another site's page, and the API never asks a browser for a password.
 */
@IntegrationTest
class CrossSiteApiTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Leasing leasing;

    @Test
    void anotherSitesFormCannotCancelALease() {
        long id = fixtures.lease(
                        fixtures.member("Cross Site"),
                        fixtures.space(SpaceType.DESK, "100"),
                        LocalDate.of(2033, 1, 1),
                        null)
                .id();
        String cancel = "/api/v1/leases/" + id + "/cancel";
        assertThat(mvc.post().uri(cancel).with(user("staff").roles("STAFF")).header("Sec-Fetch-Site", "cross-site"))
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri(cancel).with(user("staff").roles("STAFF")).header("Origin", "https://evil.example"))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri(cancel)
                        .with(user("staff").roles("STAFF"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(""))
                .hasStatus(415);
        assertThat(leasing.get(id).status()).isEqualTo(LeaseStatus.ACTIVE);
        // programs (no browser headers) and the site's own pages still may
        assertThat(mvc.post()
                        .uri(cancel)
                        .with(user("staff").roles("STAFF"))
                        .header("Sec-Fetch-Site", "same-origin")
                        .header("Origin", "http://localhost"))
                .hasStatusOk();
        assertThat(leasing.get(id).status()).isEqualTo(LeaseStatus.CANCELLED);
    }

    @Test
    void browsersAreNotAskedForAPasswordProgramsAre() {
        var browser = mvc.get()
                .uri("/api/v1/members")
                .header("Sec-Fetch-Mode", "navigate")
                .header("Accept", "text/html")
                .exchange();
        assertThat(browser).hasStatus(401);
        assertThat(browser.getResponse().getHeader("WWW-Authenticate")).isNull();
        assertThat(mvc.get().uri("/api/v1/members"))
                .hasStatus(401)
                .hasHeader("WWW-Authenticate", "Basic realm=\"newplos\"");
    }
}
