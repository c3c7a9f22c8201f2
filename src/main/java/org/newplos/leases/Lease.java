package org.newplos.leases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A lease as stored, with the member's name and the space's code so that lists read well.
 * {@code end} is exclusive and null when open-ended.
 */
public record Lease(
        long id,
        long memberId,
        String memberName,
        long spaceId,
        String spaceCode,
        LocalDate start,
        @Nullable LocalDate end,
        BigDecimal monthlyRate,
        BigDecimal deposit,
        LeaseStatus status,
        String notes,
        Instant createdAt,
        Instant updatedAt) {

    public Period period() {
        return new Period(start, end);
    }
}
