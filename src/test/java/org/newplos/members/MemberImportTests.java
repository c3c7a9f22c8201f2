package org.newplos.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.newplos.Fixtures;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class MemberImportTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Members members;

    @Autowired
    MemberSearch search;

    @Autowired
    Fixtures fixtures;

    @Test
    void theImportPageIsAFullPageOrPartialForStaffOnly() {
        assertThat(Pages.as(mvc, "STAFF").page("/members/import"))
                .hasStatusOk()
                .bodyText()
                .contains(Pages.LAYOUT_MARK, "type=\"file\"", "full_name,email");
        assertThat(Pages.as(mvc, "STAFF").partial("/members/import")).hasStatusOk();
        assertThat(Pages.as(mvc, "VIEWER").page("/members/import")).hasStatus(403);
    }

    @Test
    void validRowsAreImportedWithTheirPlan() {
        var plan = fixtures.plan("50.00", org.newplos.plans.BillingPeriod.MONTHLY);
        long n = System.nanoTime();
        MvcTestResult result = upload("""
                full_name,email,company,status,plan,joined_on
                "Lovelace, Ada",ada%1$d@example.com,"Engines \"\"Ltd\"\"",ACTIVE,%2$s,2026-01-15
                Charles Babbage,charles%1$d@example.com,,paused,,
                """.formatted(n, plan.name()), false);
        assertThat(result).hasStatusOk().bodyText().contains("Imported 2 of 2 rows");
        Member ada =
                search.find(new MemberFilter("ada" + n, null, null, null), 1).get(0);
        assertThat(ada.fullName()).isEqualTo("Lovelace, Ada");
        assertThat(ada.company()).isEqualTo("Engines \"Ltd\"");
        assertThat(ada.planId()).isEqualTo(plan.id());
    }

    @Test
    void oneBadRowMeansNothingIsWrittenAndEveryProblemIsReportedByLine() {
        var existing = fixtures.member("Already There");
        long n = System.nanoTime();
        MvcTestResult result = upload("""
                full_name,email,status,joined_on
                Good Row,good%1$d@example.com,ACTIVE,2026-01-01
                ,no-at-sign,SLEEPING,tomorrow
                Same Person,GOOD%1$d@EXAMPLE.com,,
                Clash,%2$s,,
                """.formatted(n, existing.email().toUpperCase()), true);
        assertThat(result)
                .hasStatus(422)
                .bodyText()
                .contains("Nothing was imported", "4 rows")
                .contains("must be ACTIVE, PAUSED or LEFT, not SLEEPING", "must be a date like 2026-01-31")
                .contains("must not be blank", "must be a well-formed email address")
                .contains("repeats GOOD" + n + "@EXAMPLE.com from line 2")
                .contains(existing.email().toLowerCase() + " already belongs to a member")
                .doesNotContain(Pages.LAYOUT_MARK);
        assertThat(members.existingEmails(java.util.List.of("good" + n + "@example.com")))
                .isEmpty();
    }

    @Test
    void aFileWithoutTheRequiredColumnsOrNotUtf8IsExplained() {
        assertThat(upload("name,mail\nx,y\n", false)).hasStatus(422).bodyText().contains("has no column");
        MockMultipartFile latin1 = new MockMultipartFile(
                "file",
                "m.csv",
                "text/csv",
                "full_name,email\nJos\u00e9,j@example.com\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(mvc.post()
                        .uri("/members/import")
                        .multipart()
                        .file(latin1)
                        .with(user("staff").roles("STAFF"))
                        .with(csrf())
                        .exchange())
                .hasStatus(422)
                .bodyText()
                .contains("not UTF-8");
    }

    private MvcTestResult upload(String csv, boolean htmx) {
        var request = mvc.post()
                .uri("/members/import")
                .multipart()
                .file(new MockMultipartFile("file", "members.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(user("staff").roles("STAFF"))
                .with(csrf());
        if (htmx) {
            request = request.header("HX-Request", "true");
        }
        return request.exchange();
    }
}
