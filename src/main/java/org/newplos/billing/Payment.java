package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** Money received from a member at a location, optionally for a named invoice. Never changed once recorded. */
record Payment(
        long id,
        long memberId,
        long locationId,
        @Nullable Long invoiceId,
        PaymentMethod method,
        LocalDate receivedOn,
        BigDecimal amount,
        String reference) {}
