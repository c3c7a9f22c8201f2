package org.newplos.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.notifications.MemberMail;
import org.newplos.security.MemberPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/**
 * Member sign-in by one-time link. A request for a link always gets the same answer, whether or not the
 * address is a member's (nothing to learn about who is a member); a link is 32 random bytes, emailed, and only
 * its SHA-256 is stored; it works once, for {@code newplos.portal.link-lifetime}. Requests are limited per
 * address and per client (counted in the database, so every replica shares the count); over a limit, or for a
 * member who left or was erased, the answer is the same and no email goes out. The time is a parameter.
 */
@Service
class MemberSignIn {

    private static final Logger log = LoggerFactory.getLogger(MemberSignIn.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 bytes in URL-safe base64 without padding. */
    private static final int TOKEN_LENGTH = 43;

    /** bcrypt reads at most 72 bytes: a longer password is refused when set, and fails at sign-in. */
    static final int MAX_PASSWORD_BYTES = 72;

    static final int MIN_PASSWORD_LENGTH = 12;

    private final SignInLinks links;
    private final MemberAccounts accounts;
    private final MemberMail mail;
    private final PortalSettings settings;
    private final PasswordEncoder passwords;
    /**
     * Checked for unknown addresses too, so that the answer takes as long as for a member's. Made at the first
     * password sign-in, as Spring Security's own user-not-found defence does, not during the server's start.
     */
    private final SingletonSupplier<String> decoy;

    MemberSignIn(
            SignInLinks links,
            MemberAccounts accounts,
            MemberMail mail,
            PortalSettings settings,
            PasswordEncoder passwords) {
        this.links = links;
        this.accounts = accounts;
        this.mail = mail;
        this.settings = settings;
        this.passwords = passwords;
        this.decoy = SingletonSupplier.of(() -> passwords.encode("decoy-" + RANDOM.nextLong()));
    }

    /**
     * Signs a member in with the password they set: empty (one answer for a wrong password, an unknown
     * address, a member without a password, who left, or whose password sign-in is paused after
     * {@code newplos.portal.password-failures} failures in the window — a link still works then).
     */
    @Transactional
    Optional<MemberPrincipal> signInWithPassword(String email, String password, String client, Instant now) {
        String address = email.strip();
        Instant since = now.minus(settings.window());
        boolean tooLong = password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
        if (links.clientPasswordFailures(client, since) >= settings.passwordFailuresPerClient()) {
            log.warn("Password sign-in refused: client {} is over its limit of failures", client);
            return Optional.empty();
        }
        Optional<SignInLinks.Candidate> found =
                address.isEmpty() || address.length() > 254 ? Optional.empty() : links.candidateForUpdate(address);
        SignInLinks.Candidate member = found.orElse(null);
        String hash = member == null ? null : member.passwordHash();
        if (member != null && links.memberPasswordFailures(member.id(), since) >= settings.passwordFailures()) {
            log.warn("Password sign-in refused: member #{} is over its limit of failures", member.id());
            return Optional.empty();
        }
        boolean matches = !tooLong && passwords.matches(password, hash == null ? decoy.obtain() : hash) && hash != null;
        if (member == null || !member.mayMakeSignIn() || !matches) {
            links.recordRequest(member == null ? null : member.id(), client, SignInLinks.Outcome.PASSWORD_FAILED, now);
            return Optional.empty();
        }
        links.recordSignIn(member.id(), "PASSWORD", client, now);
        return Optional.of(new MemberPrincipal(member.id(), member.email().toLowerCase(Locale.ROOT)));
    }

    /** Sets (or, with null, removes) a member's password; audited as a change of "hasPassword", never the hash. */
    @Transactional
    void setPassword(long memberId, @Nullable String password) {
        Account before = accounts.find(memberId).orElseThrow();
        links.setPassword(memberId, password == null ? null : passwords.encode(password));
        accounts.audit(before);
    }

    /**
     * Sends a sign-in link to {@code email} if it is a member's who may sign in and no limit is reached; answers
     * what happened (for the log and the tests — the member is shown the same page whatever it is).
     */
    @Transactional
    SignInLinks.Outcome requestLink(String email, String client, String baseUrl, Instant now) {
        String address = email.strip();
        Instant since = now.minus(settings.window());
        // keeps the tables small as it goes: requests and links older than 30 days (and any window) go
        links.forgetOld(now.minus(settings.window().plusDays(30)), 100);
        if (links.requestsFrom(client, since) >= settings.requestsPerClient()) {
            log.warn("Sign-in link refused: client {} is over its limit of requests", client);
            links.recordRequest(null, client, SignInLinks.Outcome.LIMITED, now);
            return SignInLinks.Outcome.LIMITED;
        }
        Optional<SignInLinks.Candidate> found =
                address.isEmpty() || address.length() > 254 ? Optional.empty() : links.candidateForUpdate(address);
        if (found.isEmpty()) {
            links.recordRequest(null, client, SignInLinks.Outcome.UNKNOWN, now);
            return SignInLinks.Outcome.UNKNOWN;
        }
        SignInLinks.Candidate member = found.get();
        if (!member.mayMakeSignIn()) {
            log.info("Sign-in link refused: member #{} has left or was erased", member.id());
            links.recordRequest(member.id(), client, SignInLinks.Outcome.REFUSED, now);
            return SignInLinks.Outcome.REFUSED;
        }
        if (links.linksSince(member.id(), since) >= settings.linksPerAddress()) {
            log.warn("Sign-in link refused: member #{} is over its limit of links", member.id());
            links.recordRequest(member.id(), client, SignInLinks.Outcome.LIMITED, now);
            return SignInLinks.Outcome.LIMITED;
        }
        send(member, SignInLinks.Purpose.SIGN_IN, null, member.email(), client, baseUrl, now);
        links.recordRequest(member.id(), client, SignInLinks.Outcome.SENT, now);
        return SignInLinks.Outcome.SENT;
    }

    /**
     * Sends a link to a signed-in member's new address: the address changes only when that link is used. The
     * same limits apply. A new address that is another member's is not told apart (the link then fails).
     */
    @Transactional
    SignInLinks.Outcome requestEmailChange(long memberId, String newEmail, String client, String baseUrl, Instant now) {
        SignInLinks.Candidate member = links.candidate(memberId).orElseThrow();
        Instant since = now.minus(settings.window());
        if (links.linksSince(member.id(), since) >= settings.linksPerAddress()
                || links.requestsFrom(client, since) >= settings.requestsPerClient()) {
            log.warn("Email change link refused: member #{} or client {} is over its limit", memberId, client);
            links.recordRequest(member.id(), client, SignInLinks.Outcome.LIMITED, now);
            return SignInLinks.Outcome.LIMITED;
        }
        send(member, SignInLinks.Purpose.EMAIL_CHANGE, newEmail, newEmail, client, baseUrl, now);
        links.recordRequest(member.id(), client, SignInLinks.Outcome.SENT, now);
        return SignInLinks.Outcome.SENT;
    }

    private void send(
            SignInLinks.Candidate member,
            SignInLinks.Purpose purpose,
            @Nullable String newEmail,
            String to,
            String client,
            String baseUrl,
            Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = now.plus(settings.linkLifetime());
        long id = links.insert(member.id(), hash(token), purpose, newEmail, client, now, expires);
        mail.sendLink(new MemberMail.LinkMail(
                id,
                member.id(),
                member.fullName(),
                to,
                purpose.name(),
                baseUrl + "/portal/sign-in/" + token,
                expires,
                settings.linkLifetime()));
    }

    /**
     * Uses a link: the member it signs in (after changing their address, for an email-change link), or empty
     * for a link that is unknown, used, expired, for a member who left, or for an address taken meanwhile —
     * all alike.
     */
    @Transactional
    Optional<MemberPrincipal> use(String token, String client, Instant now) {
        if (token.length() != TOKEN_LENGTH || !token.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        Optional<SignInLinks.Used> used = links.use(hash(token), client, now);
        if (used.isEmpty()) {
            return Optional.empty();
        }
        SignInLinks.Used link = used.get();
        String email = link.email();
        if (link.purpose() == SignInLinks.Purpose.EMAIL_CHANGE) {
            String newEmail = link.newEmail();
            if (newEmail == null || !accounts.changeEmail(link.memberId(), newEmail)) {
                return Optional.empty();
            }
            email = newEmail;
        }
        links.recordSignIn(link.memberId(), "LINK", client, now);
        return Optional.of(new MemberPrincipal(link.memberId(), email.toLowerCase(Locale.ROOT)));
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
