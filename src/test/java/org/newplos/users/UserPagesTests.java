package org.newplos.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.Pages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class UserPagesTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Users users;

    @Test
    void adminsListAndAddUsersAsFullPageOrPartial() {
        Pages admin = Pages.as(mvc, "ADMIN");
        assertThat(admin.page("/users")).hasStatusOk().bodyText().contains(Pages.LAYOUT_MARK, "Users");
        assertThat(admin.partial("/users")).hasStatusOk().bodyText().doesNotContain(Pages.LAYOUT_MARK);
        assertThat(admin.page("/users/new")).hasStatusOk().bodyText().contains("name=\"password\"");
        String email = "colleague" + System.nanoTime() + "@example.com";
        assertThat(admin.post(
                        "/users",
                        Map.of(
                                "email",
                                email,
                                "displayName",
                                "Colleague",
                                "role",
                                "VIEWER",
                                "password",
                                "long enough secret")))
                .hasStatus(302);
        assertThat(users.findByEmail(email)).get().extracting(User::role).isEqualTo(Role.VIEWER);
        assertThat(admin.page("/users")).bodyText().contains(email);
        assertThat(admin.post("/users", Map.of("email", email, "role", "STAFF", "password", "short")))
                .hasStatus(422)
                .bodyText()
                .contains("Password must be at least 12 characters long");
    }

    @Test
    void staffAndViewersCannotManageUsers() {
        assertThat(Pages.as(mvc, "STAFF").page("/users")).hasStatus(403);
        assertThat(Pages.as(mvc, "VIEWER").page("/users/new")).hasStatus(403);
        assertThat(Pages.as(mvc, "STAFF").post("/users", Map.of("email", "x@example.com")))
                .hasStatus(403);
    }
}
