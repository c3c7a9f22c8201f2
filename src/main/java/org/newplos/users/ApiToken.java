package org.newplos.users;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A personal API token as listed: never its value, which only its owner saw once. */
public record ApiToken(
        long id,
        String name,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {}
