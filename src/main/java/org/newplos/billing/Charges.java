package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an invoice run bills for one source: every day of {@code [start, end)} on or after the billing start
 * whose service period has begun by {@code asOf} (billed in advance), less the days already billed, cut where
 * the rate changes. Each piece is prorated by actual days over the actual days of its service period, with
 * cumulative rounding ({@link Money#prorated}), so a full period costs its rate and pieces add up to the whole.
 */
final class Charges {

    /** One line to bill: days of one service period at one rate. */
    record Charge(ServicePeriod period, DayRange days, BigDecimal rate, BigDecimal offset, BigDecimal amount) {}

    /** The lines to bill and the day up to which everything due is then billed. */
    record Due(List<Charge> charges, LocalDate billedThrough) {}

    private Charges() {}

    static Due due(Terms terms, @Nullable LocalDate billingStartsOn, LocalDate asOf, DaySet billed) {
        LocalDate from =
                billingStartsOn != null && billingStartsOn.isAfter(terms.start()) ? billingStartsOn : terms.start();
        LocalDate end = terms.endOrMax();
        List<Charge> out = new ArrayList<>();
        if (!from.isBefore(end) || from.isAfter(asOf)) {
            return new Due(out, from);
        }
        int months = terms.periodMonths();
        long k = ServicePeriod.indexOf(terms.start(), months, from);
        LocalDate through = from;
        for (ServicePeriod p = ServicePeriod.nth(terms.start(), months, k);
                !p.start().isAfter(asOf) && p.start().isBefore(end);
                p = ServicePeriod.nth(terms.start(), months, ++k)) {
            DayRange window = p.range().intersect(from, end);
            through = window.to();
            for (DayRange missing : billed.missingFrom(window)) {
                for (Terms.Segment s : terms.segments(missing)) {
                    BigDecimal offset = terms.dailySum(p.start(), s.days().from());
                    BigDecimal amount =
                            Money.prorated(offset, s.rate(), s.days().days(), p.days());
                    out.add(new Charge(p, s.days(), s.rate(), offset, amount));
                }
            }
        }
        return new Due(out, through);
    }
}
