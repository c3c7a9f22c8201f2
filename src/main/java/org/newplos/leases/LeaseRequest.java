package org.newplos.leases;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What a caller sends to book or change a lease. {@code end} is exclusive and may be left out for an
 * open-ended lease; {@code monthlyRate} defaults to the space's rate.
 */
@Schema(
        example =
                "{\"memberId\": 1, \"spaceId\": 12, \"start\": \"2027-02-01\", \"end\": \"2028-02-01\", \"monthlyRate\": 450.00, \"deposit\": 900.00, \"notes\": \"Window desk\"}")
public record LeaseRequest(
        @NotNull @Positive Long memberId,
        @NotNull @Positive Long spaceId,
        @NotNull LocalDate start,
        @Nullable LocalDate end,

        @Nullable @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
        BigDecimal monthlyRate,

        @Nullable @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
        BigDecimal deposit,

        @Nullable @Size(max = 5000) String notes) {

    public Period period() {
        return Period.of(start, end, "start", "end");
    }
}
