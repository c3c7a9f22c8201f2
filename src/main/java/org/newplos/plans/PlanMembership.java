package org.newplos.plans;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A member on a plan for the days {@code [start, end)}, billed {@code price} every {@code periodMonths} from
 * {@code start}. The price is the plan's when the membership began; a plan change is a new membership.
 */
public record PlanMembership(
        long id,
        long memberId,
        long planId,
        String planName,
        long locationId,
        LocalDate start,
        @Nullable LocalDate end,
        BigDecimal price,
        int periodMonths) {}
