package org.newplos.spaces;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What a caller sends to create or replace a space. {@code location} is free text (floor, wing);
 * {@code locationId} is the billing location (the first location when creating without one, unchanged when
 * replacing without one). {@code hourlyRate} makes a space bookable by the hour (meeting rooms); replacing
 * without one makes it not bookable.
 */
@Schema(
        example =
                "{\"code\": \"D-12\", \"name\": \"Desk 12, window\", \"type\": \"DESK\", \"capacity\": 1, \"monthlyRate\": 250.00, \"location\": \"First floor\", \"active\": true, \"locationId\": 1}")
public record SpaceRequest(
        @NotBlank
        @Size(max = 32)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "use letters, digits, '.', '_' or '-', as in D-12")
        String code,

        @NotBlank @Size(max = 200) String name,
        @NotNull SpaceType type,
        @Nullable @Min(0) @Max(10_000) Integer capacity,

        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
        BigDecimal monthlyRate,

        @Nullable @Size(max = 200) String location,
        @Nullable Boolean active,
        @Nullable Long locationId,

        @Nullable
        @DecimalMin("0.00")
        @Digits(integer = 10, fraction = 2)
        @Schema(description = "price of an hour when booked by the hour; omit or null: not bookable", example = "25.00")
        BigDecimal hourlyRate) {

    public int capacityOrDefault() {
        return capacity == null ? 1 : capacity;
    }

    public String locationOrEmpty() {
        return location == null ? "" : location.strip();
    }

    public boolean activeOrDefault() {
        return active == null || active;
    }
}
