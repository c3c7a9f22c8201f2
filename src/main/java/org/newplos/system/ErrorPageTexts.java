package org.newplos.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Boot's error pages (errors outside the UI's controllers: security's 403, unknown addresses, failures in
 * filters) render the one error template, templates/error/page.html, with a title and message per status.
 */
@Component
class ErrorPageTexts implements ErrorViewResolver {

    record Text(String title, String message) {}

    static final Text NOT_FOUND = new Text(
            "Page not found", "There is no page at this address. It may have moved, or the link may be mistyped.");

    static Text of(HttpStatus status) {
        if (status == HttpStatus.FORBIDDEN) {
            return new Text(
                    "Not allowed",
                    "Your role does not allow this page or action. VIEWER reads only; STAFF manages members, spaces"
                            + " and leases; ADMIN also plans and users.");
        }
        if (status == HttpStatus.NOT_FOUND) {
            return NOT_FOUND;
        }
        if (status.is5xxServerError()) {
            return new Text(
                    "Something went wrong",
                    "This is a fault on our side and it has been logged. Please try again; if it keeps happening,"
                            + " report it with the request id below.");
        }
        return new Text("That request could not be handled", "Check the address or the form and try again.");
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Text text = of(status);
        Map<String, Object> page = new HashMap<>(model);
        page.put("title", text.title());
        page.put("message", text.message());
        return new ModelAndView("error/page", page);
    }
}
