package org.newplos.observability;

import io.sentry.IScopes;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Reports a request to Sentry when it ends as a server error: an exception that escaped, or one a
 * handler turned into a 5xx answer (problem+json or the friendly error page). 4xx answers are the
 * client's business and are not reported. The event names the route template, not the raw path.
 */
class ServerErrorReporter extends OncePerRequestFilter {

    private final IScopes scopes;

    ServerErrorReporter(IScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            report(request, e, true);
            throw e;
        }
        if (response.getStatus() >= 500) {
            Throwable error = handledError(request);
            if (error != null) {
                report(request, error, false);
            }
        }
    }

    private static @Nullable Throwable handledError(HttpServletRequest request) {
        Object error = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        if (error == null) {
            error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        }
        return error instanceof Throwable t ? t : null;
    }

    private void report(HttpServletRequest request, Throwable error, boolean escaped) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern == null ? "unmatched" : pattern.toString();
        Mechanism mechanism = new Mechanism();
        mechanism.setType("newplos.http");
        mechanism.setHandled(!escaped);
        SentryEvent event = new SentryEvent(new ExceptionMechanismException(mechanism, error, Thread.currentThread()));
        event.setLevel(SentryLevel.ERROR);
        event.setTransaction(request.getMethod() + " " + route);
        event.setTag("http.route", route);
        event.setTag("http.method", request.getMethod());
        scopes.captureEvent(event);
    }
}
