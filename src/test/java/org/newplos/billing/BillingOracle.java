package org.newplos.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What a source should have cost in total, written as plainly as possible: a loop over days. Each service
 * period is found by counting months from the start; each day of it adds its monthly rate to a running sum,
 * and is worth round(sum after / N) − round(sum before / N), N the period's days.
 */
final class BillingOracle {

    private BillingOracle() {}

    /** The value of every day of the source from {@code from} (inclusive) to {@code to} (exclusive). */
    static BigDecimal value(Terms terms, LocalDate from, LocalDate to) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        LocalDate periodStart = terms.start();
        int k = 0;
        while (periodStart.isBefore(to) && periodStart.isBefore(terms.endOrMax())) {
            LocalDate periodEnd = terms.start().plusMonths((long) (k + 1) * terms.periodMonths());
            long n = periodEnd.toEpochDay() - periodStart.toEpochDay();
            BigDecimal sum = BigDecimal.ZERO;
            for (LocalDate day = periodStart; day.isBefore(periodEnd); day = day.plusDays(1)) {
                BigDecimal before = round(sum, n);
                sum = sum.add(rateOn(terms, day));
                if (!day.isBefore(from) && day.isBefore(to) && day.isBefore(terms.endOrMax())) {
                    total = total.add(round(sum, n).subtract(before));
                }
            }
            k++;
            periodStart = periodEnd;
        }
        return total;
    }

    private static BigDecimal rateOn(Terms terms, LocalDate day) {
        @Nullable BigDecimal rate = null;
        for (Terms.RateChange c : terms.changes()) {
            if (!day.isBefore(c.from()) && (c.to() == null || day.isBefore(c.to()))) {
                rate = c.rate();
            }
        }
        return rate == null ? terms.baseRate() : rate;
    }

    private static BigDecimal round(BigDecimal sum, long days) {
        return sum.divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    }
}
