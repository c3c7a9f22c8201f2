package org.newplos.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.newplos.users.TokenOwner;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A request signed in with an API token rather than a password: it acts with the user's role, except
 * where a password sign-in is required (creating tokens).
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    /** Signed in with a password (form or HTTP Basic), not a token and not anonymous. */
    static final AuthorizationManager<RequestAuthorizationContext> PASSWORD_SIGN_IN =
            (authentication, context) -> new AuthorizationDecision(isPasswordSignIn(authentication.get()));

    private final TokenOwner owner;

    ApiTokenAuthentication(TokenOwner owner) {
        super(List.of(new SimpleGrantedAuthority(owner.role().authority())));
        this.owner = owner;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return owner.email();
    }

    @Override
    public String getName() {
        return owner.email();
    }

    static boolean isPasswordSignIn(Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && !(authentication instanceof ApiTokenAuthentication);
    }

    /** A token-authenticated request to create a token: the one thing a token may not do. */
    static boolean isMinting(HttpServletRequest request) {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication instanceof ApiTokenAuthentication
                && "POST".equals(request.getMethod())
                && request.getRequestURI().endsWith("/me/tokens");
    }
}
