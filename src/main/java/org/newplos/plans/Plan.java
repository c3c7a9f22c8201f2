package org.newplos.plans;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.newplos.spaces.SpaceType;

/** A membership plan as stored; {@code spaceType} is null for access-only plans. */
public record Plan(
        long id,
        String name,
        String description,
        BigDecimal price,
        BillingPeriod billingPeriod,
        @Nullable SpaceType spaceType,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {}
