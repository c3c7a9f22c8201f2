package org.newplos.billing;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The record-a-payment form of an invoice's page; the invoice comes from the address. */
record PaymentForm(
        @NotNull(message = "is required") @Nullable PaymentMethod method,

        @NotNull(message = "is required") @Nullable LocalDate receivedOn,

        @NotNull(message = "is required")
        @DecimalMin(value = "0.01", message = "must be at least 0.01")
        @Digits(integer = 10, fraction = 2, message = "must be an amount with at most 2 decimals")
        @Nullable
        BigDecimal amount,

        @Nullable @Size(max = 200) String reference) {

    PaymentRequest toRequest(long invoiceId) {
        return new PaymentRequest(invoiceId, null, null, method, receivedOn, amount, reference);
    }
}
