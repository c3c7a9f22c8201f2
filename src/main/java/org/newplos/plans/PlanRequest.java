package org.newplos.plans;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.newplos.spaces.SpaceType;

/** What a caller sends to create or replace a plan. */
@Schema(
        example =
                "{\"name\": \"Flex desk\", \"description\": \"Any free desk, weekdays\", \"price\": 199.00, \"billingPeriod\": \"MONTHLY\", \"spaceType\": \"DESK\", \"active\": true, \"roomCreditHours\": 4}")
public record PlanRequest(
        @NotBlank @Size(max = 120) String name,
        @Nullable @Size(max = 2000) String description,

        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
        BigDecimal price,

        @NotNull BillingPeriod billingPeriod,
        @Nullable SpaceType spaceType,
        @Nullable Boolean active,

        @Nullable
        @DecimalMin("0")
        @DecimalMax("1000")
        @Digits(integer = 4, fraction = 2)
        @Schema(
                description = "hours of room time included per billing period (used first by room bookings)",
                example = "4")
        BigDecimal roomCreditHours) {

    /** The room credit in whole minutes (hours × 60, rounded down); none when not given. */
    public int roomCreditMinutes() {
        return roomCreditHours == null
                ? 0
                : roomCreditHours.multiply(BigDecimal.valueOf(60)).intValue();
    }

    public String descriptionOrEmpty() {
        return description == null ? "" : description.strip();
    }

    public boolean activeOrDefault() {
        return active == null || active;
    }
}
