package org.newplos.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every password sign-in (login form, HTTP Basic on the API and on actuator) goes through here: a name
 * longer than any email address or a password longer than bcrypt can check is refused without a lookup,
 * a locked account+address pair (or address) is refused without a bcrypt check, and failures and successes
 * are counted in {@link LoginThrottle}. Log lines never carry the raw name (see {@link #forLog}).
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledSignIn.class);

    /** bcrypt looks at 72 bytes of a password; no stored password is longer (Users refuses them). */
    static final int MAX_PASSWORD_BYTES = 72;

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledSignIn(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** Thrown for a locked account+address pair or address: answered 429 on the API, "locked" on the form. */
    static final class LockedOut extends AuthenticationException {
        private final Duration retryAfter;

        LockedOut(Duration retryAfter) {
            super("too many failed sign-ins; try again later");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName() == null ? "" : authentication.getName();
        String address = address(authentication);
        if (name.length() > LoginThrottle.MAX_USERNAME_LENGTH) {
            log.info("Sign-in refused from {}: a name of {} characters is no email address", address, name.length());
            throw new BadCredentialsException("name too long");
        }
        var locked = throttle.lockedFor(name, address);
        if (locked.isPresent()) {
            log.warn("Sign-in refused: too many failures for {} from {}", forLog(name), address);
            throw new LockedOut(locked.get());
        }
        Object credentials = authentication.getCredentials();
        if (credentials instanceof String password
                && password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            fail(name, address);
            throw new BadCredentialsException("password longer than any stored one");
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(name, address);
            return result;
        } catch (BadCredentialsException e) {
            fail(name, address);
            throw e;
        }
    }

    private void fail(String name, String address) {
        throttle.failed(name, address);
        log.info("Sign-in failed for {} from {}", forLog(name), address);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
    }

    /**
     * A name as a log line may show it: a plausible email address (printable ASCII, no spaces) as it is;
     * anything else (a password typed into the wrong field, line breaks, control characters) only as
     * its length.
     */
    static String forLog(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return "(no name)";
        }
        if (name.length() > LoginThrottle.MAX_USERNAME_LENGTH
                || name.indexOf('@') < 1
                || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return "(a name that is not an email address, " + name.length() + " characters)";
        }
        return name;
    }
}
