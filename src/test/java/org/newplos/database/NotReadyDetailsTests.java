package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Issue 16, finding 12: the 503 while not ready says what kind of wait it is, never the internal reason. */
class NotReadyDetailsTests {

    static final String INTERNAL = "FATAL: password authentication failed for user \"newplos_app\" on"
            + " db.internal.example:5432/newplos; run: CREATE ROLE newplos_app LOGIN";

    @Test
    void anonymousCallersGetAGenericReasonWithoutHostsRolesOrSql() throws Exception {
        DatabaseStatus status = new DatabaseStatus() {
            @Override
            public String reason() {
                return INTERNAL;
            }
        };
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/plans");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseNotReadyFilter(status).doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(response.getContentAsString())
                .contains("not ready")
                .doesNotContain("db.internal", "5432", "newplos_app", "FATAL", "CREATE ROLE");
    }
}
