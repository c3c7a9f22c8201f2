package org.newplos.bookings;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one money rule of bookings: the charge of a booking is {@code hourlyRate × chargedMinutes / 60},
 * rounded once HALF_UP to cents (as billing rounds) and fixed at booking; invoices copy it unchanged.
 */
final class Pricing {

    private Pricing() {}

    static BigDecimal amount(BigDecimal hourlyRate, long chargedMinutes) {
        return hourlyRate
                .multiply(BigDecimal.valueOf(chargedMinutes))
                .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }
}
