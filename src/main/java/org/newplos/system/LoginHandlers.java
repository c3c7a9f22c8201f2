package org.newplos.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/** The login form's moving parts: lockout before the password is checked, counting after. */
final class LoginHandlers {

    private static final Logger log = LoggerFactory.getLogger(LoginHandlers.class);

    private LoginHandlers() {}

    /** Refuses a sign-in for a locked account+address pair without looking at the password. */
    static OncePerRequestFilter lockoutFilter(LoginThrottle throttle) {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !("POST".equals(request.getMethod())
                        && (request.getContextPath() + "/login").equals(request.getRequestURI()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (throttle.isLocked(account(request), request.getRemoteAddr())) {
                    log.warn(
                            "Sign-in refused: too many failures for {} from {}",
                            account(request),
                            request.getRemoteAddr());
                    response.sendRedirect(request.getContextPath() + "/login?locked");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    static AuthenticationFailureHandler failure(LoginThrottle throttle) {
        return (request, response, e) -> {
            throttle.failed(account(request), request.getRemoteAddr());
            log.info("Sign-in failed for {} from {}", account(request), request.getRemoteAddr());
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }

    static AuthenticationSuccessHandler success(LoginThrottle throttle) {
        var target = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            throttle.succeeded(account(request), request.getRemoteAddr());
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

    private static String account(HttpServletRequest request) {
        String username = request.getParameter("username");
        return username == null ? "" : username;
    }
}
