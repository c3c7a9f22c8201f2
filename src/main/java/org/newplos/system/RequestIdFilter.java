package org.newplos.system;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: taken from a well-formed {@code X-Request-Id} header, else the request's
 * trace id (so the id a user reports finds the trace, the log lines and the error event), else made
 * up. Runs just inside the HTTP observation filter (HIGHEST_PRECEDENCE + 1), where the trace exists. It is in
 * the MDC (so every log line of the request carries it), in the response header, and on error pages, so
 * that what a user reports can be found in the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Pattern VALID_TRACE_ID = Pattern.compile("(?!0+$)[0-9a-f]{16,32}");

    /** Looked up once (there may be none): a lookup per request walked the bean factory (4 % of its CPU). */
    private final @Nullable Tracer tracer;

    RequestIdFilter(ObjectProvider<Tracer> tracers) {
        this.tracer = tracers.getIfAvailable();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : traceIdOrRandom();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private String traceIdOrRandom() {
        Span span = tracer == null ? null : tracer.currentSpan();
        String traceId = span == null ? "" : span.context().traceId();
        // A no-op tracer's span has an empty or all-zero id: not a trace anyone can find.
        return VALID_TRACE_ID.matcher(traceId).matches()
                ? traceId
                : UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The id of the request being handled (also during error dispatch), or "unknown". */
    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? "unknown" : id.toString();
    }
}
