package org.newplos.plans;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.newplos.spaces.SpaceType;

/**
 * A membership plan as stored; {@code spaceType} is null for access-only plans. {@code roomCreditMinutes}: room
 * time included per billing period (used first by room bookings; expires with the period).
 */
public record Plan(
        long id,
        String name,
        String description,
        BigDecimal price,
        BillingPeriod billingPeriod,
        @Nullable SpaceType spaceType,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        int roomCreditMinutes) {

    /** The room credit in hours, as forms and the API show it. */
    public BigDecimal roomCreditHours() {
        return BigDecimal.valueOf(roomCreditMinutes).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP);
    }
}
