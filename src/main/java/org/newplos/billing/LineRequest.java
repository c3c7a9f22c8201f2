package org.newplos.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** A one-off charge (positive amount) or discount (negative amount) added to a draft by staff. */
@Schema(example = "{\"description\": \"Printing, February\", \"amount\": 12.50, \"vatRate\": 21.00}")
public record LineRequest(
        @NotBlank @Size(max = 300) @Schema(example = "Printing, February")
        String description,

        @NotNull @Digits(integer = 10, fraction = 2) @Schema(example = "12.50")
        BigDecimal amount,

        @Nullable
        @DecimalMin("0")
        @DecimalMax("100")
        @Digits(integer = 3, fraction = 2)
        @Schema(description = "percent; the location's default when omitted")
        BigDecimal vatRate) {}
