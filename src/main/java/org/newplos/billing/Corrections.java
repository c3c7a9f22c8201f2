package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a change to a lease or plan membership takes back from what was billed. A billed line stays right
 * while its service period is still one of the source's, the days before it in the period still add up to its
 * offset, and each of its days is still let at its rate. From the first day that is no longer right, every
 * billed day of that service period is credited (the next run bills them again as they now are), so that the
 * billed pieces of a period always add up, to the cent, to what its days are worth.
 */
final class Corrections {

    /** A billed line as far as correcting it goes: what is still billed of it ({@code active}) and how. */
    record BilledLine(
            long id, ServicePeriod period, DayRange billed, DaySet active, BigDecimal rate, BigDecimal offset) {}

    /** Days of a billed line to take back, and the (negative) amount that takes them back. */
    record Credit(long lineId, DayRange days, BigDecimal amount) {}

    private Corrections() {}

    /**
     * The credits that bring billed lines in line with the source's terms now; {@code terms} null when the
     * source no longer counts at all (a cancelled lease).
     */
    static List<Credit> credits(@Nullable Terms terms, List<BilledLine> lines) {
        Map<ServicePeriod, LocalDate> firstWrong = new LinkedHashMap<>();
        for (BilledLine line : lines) {
            if (line.active().isEmpty()) {
                continue;
            }
            LocalDate wrong = firstWrongDay(terms, line);
            if (wrong != null) {
                firstWrong.merge(line.period(), wrong, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Credit> out = new ArrayList<>();
        for (BilledLine line : lines) {
            LocalDate from = firstWrong.get(line.period());
            if (from == null) {
                continue;
            }
            for (DayRange r : line.active().from(from).ranges()) {
                out.add(new Credit(line.id(), r, valueOf(line, r).negate()));
            }
        }
        return out;
    }

    /** What days {@code r} (within the line's billed days) were billed at: the same rounding as when billed. */
    static BigDecimal valueOf(BilledLine line, DayRange r) {
        long before = r.from().toEpochDay() - line.billed().from().toEpochDay();
        BigDecimal offset = line.offset().add(line.rate().multiply(BigDecimal.valueOf(before)));
        return Money.prorated(offset, line.rate(), r.days(), line.period().days());
    }

    private static @Nullable LocalDate firstWrongDay(@Nullable Terms terms, BilledLine line) {
        LocalDate first = line.active().first();
        if (terms == null
                || !ServicePeriod.isPeriodOf(terms.start(), terms.periodMonths(), line.period())
                || terms.dailySum(line.period().start(), line.billed().from()).compareTo(line.offset()) != 0) {
            return first;
        }
        for (DayRange r : line.active().ranges()) {
            for (LocalDate d = r.from(); d.isBefore(r.to()); d = d.plusDays(1)) {
                if (!terms.covers(d) || terms.rateOn(d).compareTo(line.rate()) != 0) {
                    return d;
                }
            }
        }
        return null;
    }
}
