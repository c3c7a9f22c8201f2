package org.newplos.spaces;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A space as stored; {@code hourlyRate} null: not booked by the hour (see the bookings feature). */
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
        Instant updatedAt,
        @Nullable BigDecimal hourlyRate) {}
