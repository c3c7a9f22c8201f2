package org.newplos.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of billing: HALF_UP to cents, applied to an exact quotient. Prorated amounts are
 * rounded cumulatively (see {@link #prorated}), VAT once per rate group per invoice ({@link #vat}; the same rule in the SQL that issues).
 */
final class Money {

    static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private Money() {}

    /** {@code sumOfDailyRates / days}, rounded to cents: the value of days whose monthly rates add up to the sum. */
    static BigDecimal share(BigDecimal sumOfDailyRates, int days) {
        return sumOfDailyRates.divide(BigDecimal.valueOf(days), 2, ROUNDING);
    }

    /**
     * The amount of the days from {@code offset} to {@code offset + rate × days} of a service period of
     * {@code periodDays}: round(end / N) − round(start / N). Pieces of one period computed this way add up to
     * the rounded value of the whole, to the cent, whatever the cuts.
     */
    static BigDecimal prorated(BigDecimal offset, BigDecimal rate, long days, int periodDays) {
        BigDecimal end = offset.add(rate.multiply(BigDecimal.valueOf(days)));
        return share(end, periodDays).subtract(share(offset, periodDays));
    }

    /** VAT of a net amount at a percentage, rounded once. */
    static BigDecimal vat(BigDecimal net, BigDecimal ratePercent) {
        return net.multiply(ratePercent).divide(BigDecimal.valueOf(100), 2, ROUNDING);
    }
}
