package org.newplos.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on the login form: after {@code maxFailures} failed sign-ins for one
 * account from one address within {@code lockout}, that pair is locked out until the window has passed
 * (even the right password is refused meanwhile). A successful sign-in clears the count. Counts are kept
 * per replica, in memory.
 */
@Component
@EnableConfigurationProperties(LoginThrottle.Settings.class)
class LoginThrottle {

    /** newplos.login.*: how many failures lock an account+address pair, and for how long. */
    @ConfigurationProperties("newplos.login")
    record Settings(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration lockout) {}

    private static final int MAX_TRACKED = 100_000;

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    boolean isLocked(String account, String address) {
        Deque<Instant> recent = failures.get(key(account, address));
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            prune(recent);
            return recent.size() >= settings.maxFailures();
        }
    }

    void failed(String account, String address) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(deque -> {
                synchronized (deque) {
                    prune(deque);
                    return deque.isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(account, address), k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            recent.addLast(clock.instant());
        }
    }

    void succeeded(String account, String address) {
        failures.remove(key(account, address));
    }

    Duration lockout() {
        return settings.lockout();
    }

    private void prune(Deque<Instant> recent) {
        Instant horizon = clock.instant().minus(settings.lockout());
        while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
            recent.removeFirst();
        }
    }

    private static String key(String account, String address) {
        return account.strip().toLowerCase(Locale.ROOT) + "|" + address;
    }
}
