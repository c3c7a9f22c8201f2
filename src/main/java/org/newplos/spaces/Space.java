package org.newplos.spaces;

import java.math.BigDecimal;
import java.time.Instant;

/** A space as stored. */
public record Space(
        long id,
        String code,
        String name,
        SpaceType type,
        int capacity,
        BigDecimal monthlyRate,
        String location,
        boolean active,
        long locationId,
        Instant createdAt,
        Instant updatedAt) {}
