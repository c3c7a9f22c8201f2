package org.newplos.spaces;

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
class SpaceImportTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Spaces spaces;

    @Autowired
    Fixtures fixtures;

    @Test
    void validSpacesAreImportedAndAudited() {
        long n = System.nanoTime() % 1_000_000;
        assertThat(upload("""
                        code,name,type,capacity,monthly_rate,location,active
                        I-%1$d,Imported desk,desk,1,150.00,Ground floor,true
                        J-%1$d,Imported office,OFFICE,4,1200,,no
                        """.formatted(n))).hasStatusOk().bodyText().contains("Imported 2 of 2 rows");
        assertThat(spaces.existingCodes(java.util.List.of("I-" + n, "J-" + n))).hasSize(2);
        assertThat(Pages.as(mvc, "STAFF").page("/spaces/import"))
                .hasStatusOk()
                .bodyText()
                .contains("monthly_rate");
        assertThat(Pages.as(mvc, "STAFF").partial("/spaces/import"))
                .hasStatusOk()
                .bodyText()
                .doesNotContain(Pages.LAYOUT_MARK);
    }

    @Test
    void badRowsAreReportedAndNothingIsWritten() {
        Space existing = fixtures.space(SpaceType.DESK, "1.00");
        long n = System.nanoTime() % 1_000_000;
        assertThat(upload("""
                        code,name,type,monthly_rate
                        K-%1$d,Fine,DESK,10
                        K-%1$d,Twice,DESK,10
                        L-%1$d,Odd,SPACESHIP,ten
                        %2$s,Taken,LOCKER,5
                        """.formatted(n, existing.code())))
                .hasStatus(422)
                .bodyText()
                .contains("repeats K-" + n + " from line 2", "not SPACESHIP", "like 120.50, not ten")
                .contains(existing.code() + " is already used by a space");
        assertThat(spaces.existingCodes(java.util.List.of("K-" + n))).isEmpty();
    }

    private MvcTestResult upload(String csv) {
        return mvc.post()
                .uri("/spaces/import")
                .multipart()
                .file(new MockMultipartFile("file", "spaces.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(user("staff").roles("STAFF"))
                .with(csrf())
                .exchange();
    }
}
