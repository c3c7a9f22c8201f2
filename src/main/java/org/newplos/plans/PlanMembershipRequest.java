package org.newplos.plans;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** Puts a member on a plan from a day; an open membership of theirs ends that day (a plan change). */
@Schema(example = "{\"memberId\": 1, \"planId\": 2, \"start\": \"2027-02-01\"}")
public record PlanMembershipRequest(
        @NotNull Long memberId,
        @NotNull Long planId,
        @NotNull @Schema(example = "2027-02-01") LocalDate start,

        @Nullable @Schema(description = "first day off the plan; omit for open-ended")
        LocalDate end,

        @Nullable @Schema(description = "billing location; the first location when omitted")
        Long locationId) {}
