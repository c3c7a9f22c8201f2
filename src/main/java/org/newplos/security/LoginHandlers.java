package org.newplos.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * The login form's answers. Throttling and counting happen in {@link ThrottledSignIn} for every sign-in
 * path; here a refused sign-in is sent back to the form (saying whether it is locked), and a successful one
 * gets the signed-in session lifetime (anonymous sessions, holding only the form's CSRF token and the page
 * asked for, live a few minutes: see {@link SessionLifetimes}).
 */
final class LoginHandlers {

    private LoginHandlers() {}

    static AuthenticationFailureHandler failure() {
        return (request, response, e) -> response.sendRedirect(
                request.getContextPath() + (e instanceof ThrottledSignIn.LockedOut ? "/login?locked" : "/login?error"));
    }

    static AuthenticationSuccessHandler success(Duration signedInTimeout) {
        var target = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.setMaxInactiveInterval((int) signedInTimeout.toSeconds());
            }
            target.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** An htmx request whose session ended: tell htmx to load the login page as a whole page. */
    static AuthenticationEntryPoint htmxRedirectToLogin() {
        return (request, response, e) -> {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        };
    }
}
