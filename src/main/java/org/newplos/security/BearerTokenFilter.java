package org.newplos.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.newplos.users.ApiTokens;
import org.newplos.users.Role;
import org.newplos.users.TokenOwner;
import org.newplos.warmup.WarmUpCredential;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the API: a valid personal token signs the request in as its
 * user, with the user's role; an unknown or revoked token answers 401 at once. Other requests pass on
 * untouched (to HTTP Basic). The request counts as a token sign-in ({@link ApiTokenAuthentication}), which
 * may not create tokens. A new server's warm-up passes as a read-only caller with its own short-lived credential
 * ({@link WarmUpCredential}). Not a bean, so the servlet container does not register it a second time.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    /** The warm-up's requests: read only. */
    private static final TokenOwner WARM_UP = new TokenOwner(WarmUpCredential.CALLER, Role.VIEWER);

    private final ApiTokens tokens;
    private final WarmUpCredential warmUp;
    private final AuthenticationEntryPoint unauthorized;

    BearerTokenFilter(ApiTokens tokens, WarmUpCredential warmUp, AuthenticationEntryPoint unauthorized) {
        this.tokens = tokens;
        this.warmUp = warmUp;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(BEARER.length()).strip();
        Optional<TokenOwner> owner = warmUp.accepts(token, request.getMethod(), request.getRemoteAddr())
                ? Optional.of(WARM_UP)
                : tokens.authenticate(token);
        if (owner.isEmpty()) {
            SecurityContextHolder.clearContext();
            unauthorized.commence(request, response, new BadCredentialsException("unknown or revoked API token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(owner.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
