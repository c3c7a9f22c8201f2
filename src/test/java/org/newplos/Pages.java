package org.newplos;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Map;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Small helpers for admin UI page tests: GET as full page or htmx partial, form POSTs with CSRF. */
public final class Pages {

    /** Text found only in the full layout, never in a partial. */
    public static final String LAYOUT_MARK = "aria-label=\"Main\"";

    private final MockMvcTester mvc;
    private final String role;

    private Pages(MockMvcTester mvc, String role) {
        this.mvc = mvc;
        this.role = role;
    }

    public static Pages as(MockMvcTester mvc, String role) {
        return new Pages(mvc, role);
    }

    public MvcTestResult page(String uri) {
        return mvc.get()
                .uri(uri)
                .with(user(role.toLowerCase() + "@example.com").roles(role))
                .exchange();
    }

    public MvcTestResult partial(String uri) {
        return mvc.get()
                .uri(uri)
                .header("HX-Request", "true")
                .with(user(role.toLowerCase() + "@example.com").roles(role))
                .exchange();
    }

    public MvcTestResult post(String uri, Map<String, String> form) {
        var request = mvc.post()
                .uri(uri)
                .with(user(role.toLowerCase() + "@example.com").roles(role))
                .with(csrf());
        for (var field : form.entrySet()) {
            request = request.param(field.getKey(), field.getValue());
        }
        return request.exchange();
    }

    /** The id at the end of a redirect like /spaces/12?created. */
    public static long redirectedId(MvcTestResult result) {
        String location = result.getResponse().getRedirectedUrl();
        String path = location.contains("?") ? location.substring(0, location.indexOf('?')) : location;
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }
}
