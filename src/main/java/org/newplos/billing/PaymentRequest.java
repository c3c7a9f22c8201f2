package org.newplos.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A payment as staff record it: for an invoice (member and location follow from it), or on a member's account
 * at a location. Payments settle the oldest open invoice first; an overpayment is credit for the next invoice.
 */
@Schema(
        example =
                "{\"invoiceId\": 42, \"method\": \"BANK_TRANSFER\", \"receivedOn\": \"2027-02-10\", \"amount\": 125.50, \"reference\": \"NL91ABNA0417164300 / AMS-2027-000042\"}")
public record PaymentRequest(
        @Nullable @Schema(example = "42") Long invoiceId,
        @Nullable Long memberId,
        @Nullable Long locationId,
        @NotNull PaymentMethod method,
        @NotNull @Schema(example = "2027-02-10") LocalDate receivedOn,

        @NotNull
        @DecimalMin(value = "0.01", message = "must be at least 0.01")
        @Digits(integer = 10, fraction = 2)
        @Schema(example = "125.50")
        BigDecimal amount,

        @Nullable @Size(max = 200) @Schema(example = "NL91ABNA0417164300 / AMS-2027-000042")
        String reference) {}
