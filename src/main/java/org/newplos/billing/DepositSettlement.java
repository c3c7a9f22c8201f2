package org.newplos.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** How much of a lease's deposit is kept when it is refunded, and why. */
@Schema(example = "{\"kept\": 150.00, \"reason\": \"Broken chair\"}")
record DepositSettlement(
        @NotNull @DecimalMin("0") @Digits(integer = 10, fraction = 2) @Schema(example = "150.00")
        BigDecimal kept,

        @NotBlank @Size(max = 500) @Schema(example = "Broken chair")
        String reason) {}
