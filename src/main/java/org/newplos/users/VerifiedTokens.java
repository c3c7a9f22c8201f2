package org.newplos.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Tokens this instance verified in the last few seconds, by hash, so that a busy integration costs one
 * token lookup per token every {@code ttl} instead of one per request. Revoking a token or changing a
 * user here forgets at once; a change made by another instance is seen here within {@code ttl}.
 * A zero {@code ttl} turns the cache off. Bounded: past {@link #MAX_ENTRIES} it starts again empty.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(long tokenId, TokenOwner owner, Instant until) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    VerifiedTokens(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @Nullable
    TokenOwner get(String hash) {
        Entry entry = entries.get(hash);
        if (entry == null) {
            return null;
        }
        if (clock.instant().isAfter(entry.until())) {
            entries.remove(hash, entry);
            return null;
        }
        return entry.owner();
    }

    void put(String hash, long tokenId, TokenOwner owner) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(hash, new Entry(tokenId, owner, clock.instant().plus(ttl)));
    }

    void forgetToken(long tokenId) {
        entries.values().removeIf(entry -> entry.tokenId() == tokenId);
    }

    void forgetAll() {
        entries.clear();
    }
}
