package org.newplos.plans;

import io.swagger.v3.oas.annotations.media.Schema;
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
                "{\"name\": \"Flex desk\", \"description\": \"Any free desk, weekdays\", \"price\": 199.00, \"billingPeriod\": \"MONTHLY\", \"spaceType\": \"DESK\", \"active\": true}")
public record PlanRequest(
        @NotBlank @Size(max = 120) String name,
        @Nullable @Size(max = 2000) String description,

        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
        BigDecimal price,

        @NotNull BillingPeriod billingPeriod,
        @Nullable SpaceType spaceType,
        @Nullable Boolean active) {

    public String descriptionOrEmpty() {
        return description == null ? "" : description.strip();
    }

    public boolean activeOrDefault() {
        return active == null || active;
    }
}
