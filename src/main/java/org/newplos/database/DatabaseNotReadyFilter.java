package org.newplos.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.newplos.common.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is not provisioned and migrated yet (start-up, server away, migrations pending), every
 * request except probes, actuator and static files gets 503 problem+json with Retry-After and what kind of
 * wait it is (starting, database unreachable, migrations pending, setup failed), instead of a failure deep in
 * a query. Never the internal reason (hosts, ports, roles, database names, server messages, SQL): that goes
 * to the log, to /readyz for signed-in admins and to {@code newplos doctor}. Runs before the session filter, which would read the database.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class DatabaseNotReadyFilter extends OncePerRequestFilter {

    /** Matched on the decoded path, as Spring Security matches. */
    private static final RequestMatcher EXEMPT = new OrRequestMatcher(Stream.of(
                    "/livez",
                    "/readyz",
                    "/actuator",
                    "/actuator/**",
                    "/css/**",
                    "/js/**",
                    "/webjars/**",
                    "/favicon.ico")
            .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(pattern))
            .toList());

    private final DatabaseStatus status;

    DatabaseNotReadyFilter(DatabaseStatus status) {
        this.status = status;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (status.isReady()) {
            return true;
        }
        return EXEMPT.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Problems.write(
                response,
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Not ready",
                        "Newplos is not ready to serve data yet: " + status.publicReason()
                                + ". Try again in a few seconds; operators find the details in the log,"
                                + " on /readyz (signed in as an admin) and with 'newplos doctor'."),
                Map.of("Retry-After", "5"));
    }
}
