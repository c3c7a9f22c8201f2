package org.newplos.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on every sign-in path (login form, HTTP Basic on the API and on actuator):
 * after {@code maxFailures} failed sign-ins for one account from one address within {@code lockout}, that
 * pair is locked out until the window has passed (even the right password is refused meanwhile); after
 * {@code maxFailuresPerAddress} failures from one address, whatever the accounts, that address is. A
 * successful sign-in clears the pair's count. Refused attempts are not counted, so an attacker keeps the
 * lock from expiring only by waiting it out.
 *
 * <p>Bounded in size and time: at most {@code maxTracked} entries (the least recently touched go first), each
 * holding at most its limit of timestamps, and entries untouched for {@code lockout} are dropped. Usernames
 * longer than {@link #MAX_USERNAME_LENGTH} never get here (see {@link ThrottledSignIn}). Counts are kept per
 * replica, in memory.
 */
@Component
@EnableConfigurationProperties(LoginThrottle.Settings.class)
class LoginThrottle {

    /** The longest email address there can be (RFC 5321 path limit): longer names are refused unchecked. */
    static final int MAX_USERNAME_LENGTH = 254;

    /** newplos.login.*: how many failures lock an account+address pair or an address, for how long. */
    @ConfigurationProperties("newplos.login")
    record Settings(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration lockout,
            @DefaultValue("50") int maxFailuresPerAddress,
            @DefaultValue("10000") int maxTracked) {}

    private final Settings settings;
    private final Clock clock;

    /** Key to recent failures, least recently touched first. Guarded by {@code this}. */
    private final LinkedHashMap<String, ArrayDeque<Instant>> failures = new LinkedHashMap<>(64, 0.75f, true);

    LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the pair (or the address) stays locked; empty when a sign-in may be tried. */
    synchronized Optional<Duration> lockedFor(String account, String address) {
        Instant now = clock.instant();
        expire(now);
        Optional<Duration> pair = lockedFor(pairKey(account, address), settings.maxFailures(), now);
        return pair.isPresent() ? pair : lockedFor(addressKey(address), settings.maxFailuresPerAddress(), now);
    }

    boolean isLocked(String account, String address) {
        return lockedFor(account, address).isPresent();
    }

    synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        expire(now);
        add(pairKey(account, address), settings.maxFailures(), now);
        add(addressKey(address), settings.maxFailuresPerAddress(), now);
    }

    synchronized void succeeded(String account, String address) {
        failures.remove(pairKey(account, address));
    }

    /** How many accounts and addresses are being counted right now. */
    synchronized int tracked() {
        expire(clock.instant());
        return failures.size();
    }

    Duration lockout() {
        return settings.lockout();
    }

    private Optional<Duration> lockedFor(String key, int limit, Instant now) {
        ArrayDeque<Instant> recent = failures.get(key);
        if (recent == null) {
            return Optional.empty();
        }
        prune(recent, now);
        if (recent.size() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, recent.peekFirst().plus(settings.lockout()));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private void add(String key, int limit, Instant now) {
        ArrayDeque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(recent, now);
        recent.addLast(now);
        while (recent.size() > Math.max(1, limit)) {
            recent.removeFirst();
        }
        while (failures.size() > settings.maxTracked()) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Drops entries untouched for a whole lockout window: they can no longer lock anything. */
    private void expire(Instant now) {
        Instant horizon = now.minus(settings.lockout());
        Iterator<Map.Entry<String, ArrayDeque<Instant>>> entries =
                failures.entrySet().iterator();
        while (entries.hasNext()) {
            ArrayDeque<Instant> recent = entries.next().getValue();
            if (recent.isEmpty() || recent.peekLast().isBefore(horizon)) {
                entries.remove();
            } else {
                // access order: the first entry still in the window means all later ones are too
                return;
            }
        }
    }

    private void prune(ArrayDeque<Instant> recent, Instant now) {
        Instant horizon = now.minus(settings.lockout());
        while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
            recent.removeFirst();
        }
    }

    private static String pairKey(String account, String address) {
        return "account|" + account.strip().toLowerCase(Locale.ROOT) + "|" + address;
    }

    private static String addressKey(String address) {
        return "address|" + address;
    }
}
