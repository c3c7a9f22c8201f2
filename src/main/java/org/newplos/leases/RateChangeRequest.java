package org.newplos.leases;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A new monthly rate from a day onward, or for the days {@code [from, to)}. */
@Schema(example = "{\"from\": \"2027-03-15\", \"monthlyRate\": 450.00}")
public record RateChangeRequest(
        @NotNull @Schema(example = "2027-03-15") LocalDate from,

        @Nullable @Schema(description = "first day back on the lease's own rate; omit for 'from then on'")
        LocalDate to,

        @NotNull @DecimalMin("0") @Digits(integer = 10, fraction = 2) @Schema(example = "450.00")
        BigDecimal monthlyRate) {

    Period period() {
        return Period.of(from, to, "from", "to");
    }
}
