package org.newplos.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** Builds the friendly error page (templates/error/page.html), or its fragment for an htmx request. */
final class ErrorPages {

    private ErrorPages() {}

    static ModelAndView page(HttpServletRequest request, HttpStatus status, String title, String message) {
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        ModelAndView page = new ModelAndView(htmx ? "error/page :: content" : "error/page");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("message", message);
        page.addObject("requestId", RequestIdFilter.of(request));
        // a member's error page leads back to the portal, never to the staff dashboard
        boolean portal = request.getRequestURI().startsWith(request.getContextPath() + "/portal");
        page.addObject("home", portal ? "/portal" : "/");
        page.addObject("homeLabel", portal ? "Back to the member portal" : "Back to the dashboard");
        return page;
    }
}
