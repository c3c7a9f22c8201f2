package org.newplos.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Tokens this instance verified in the last few seconds, by hash, so that a busy integration costs one
 * token lookup per token every {@code ttl} instead of one per request. Revoking a token or changing a
 * user here forgets at once; a change made by another instance is seen here within {@code ttl}.
 * A zero {@code ttl} turns the cache off. Bounded: past {@link #MAX_ENTRIES} it starts again empty.
 *
 * <p>A lookup that started before a revocation must not put its (by then stale) answer here after the
 * revocation forgot: every forget moves a generation on, and {@link #put} takes the generation the lookup
 * started in and drops the entry if it has moved since.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(long tokenId, TokenOwner owner, Instant until) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
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

    /** Where forgetting has got to: read it before looking a token up, pass it to {@link #put}. */
    long generation() {
        return generation.get();
    }

    void put(String hash, long tokenId, TokenOwner owner) {
        put(hash, tokenId, owner, generation());
    }

    synchronized void put(String hash, long tokenId, TokenOwner owner, long lookedUpIn) {
        if (ttl.isZero() || ttl.isNegative() || lookedUpIn != generation.get()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(hash, new Entry(tokenId, owner, clock.instant().plus(ttl)));
    }

    synchronized void forgetToken(long tokenId) {
        generation.incrementAndGet();
        entries.values().removeIf(entry -> entry.tokenId() == tokenId);
    }

    synchronized void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
