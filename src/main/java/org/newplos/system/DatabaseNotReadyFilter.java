package org.newplos.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.newplos.database.DatabaseStatus;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is not provisioned and migrated yet (start-up, server away, migrations pending), every
 * request except probes, actuator and static files gets 503 problem+json with Retry-After and the reason,
 * instead of a failure deep in a query. Runs before the session filter, which would read the database.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class DatabaseNotReadyFilter extends OncePerRequestFilter {

    private static final String[] EXEMPT = {"/livez", "/readyz", "/actuator", "/css/", "/webjars/", "/favicon.ico"};

    private final DatabaseStatus status;

    DatabaseNotReadyFilter(DatabaseStatus status) {
        this.status = status;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (status.isReady()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String exempt : EXEMPT) {
            if (path.startsWith(exempt)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Problems.write(
                response,
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Not ready",
                        "Newplos is not ready to serve data yet: " + status.reason()),
                Map.of("Retry-After", "5"));
    }
}
