package org.newplos.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.newplos.common.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API has no CSRF token (no cookies), but a browser that once answered a Basic challenge sends the
 * credentials along with any request to this site, also one another site's page makes. So API writes are
 * refused when the browser says they come from elsewhere ({@code Sec-Fetch-Site} other than same-origin or
 * none, or an {@code Origin} other than this server's), and bodies a cross-site form can send without
 * asking (form-encoded, multipart, text/plain) answer 415: the API reads JSON. Reads pass: they change
 * nothing, and another site cannot read the answer. Not a bean: it belongs to the API chain only.
 */
final class CrossSiteWriteFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> FORM_TYPES =
            Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if ((site != null && !site.equals("same-origin") && !site.equals("none"))
                || (origin != null && !origin.equalsIgnoreCase(ownOrigin(request)))) {
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.FORBIDDEN,
                            "Cross-site request refused",
                            "The API accepts changes only from its own pages and from programs (curl, integrations),"
                                    + " not from another site's page."),
                    Map.of());
            return;
        }
        String type = request.getContentType();
        if (type != null && FORM_TYPES.contains(mediaType(type))) {
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "Unsupported media type",
                            "The API reads JSON: send Content-Type: application/json (or no body)."),
                    Map.of("Accept", "application/json"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    /** scheme://host[:port] as the client reached us (behind a trusted proxy: its forwarded values). */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
