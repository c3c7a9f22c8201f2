package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What billing needs to know of a lease or plan membership: its days {@code [start, end)}, how many months a
 * service period lasts, the rate of a full period, and the rate changes that replace it on some days.
 */
record Terms(
        LocalDate start, @Nullable LocalDate end, int periodMonths, BigDecimal baseRate, List<RateChange> changes) {

    /** A rate for the days {@code [from, to)} (open-ended when {@code to} is null). */
    record RateChange(LocalDate from, @Nullable LocalDate to, BigDecimal rate) {}

    /** Days of a piece that share one rate. */
    record Segment(DayRange days, BigDecimal rate) {}

    Terms {
        changes =
                changes.stream().sorted(Comparator.comparing(RateChange::from)).toList();
    }

    LocalDate endOrMax() {
        return end == null ? LocalDate.MAX : end;
    }

    boolean covers(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(endOrMax());
    }

    BigDecimal rateOn(LocalDate day) {
        for (RateChange c : changes) {
            if (!day.isBefore(c.from()) && (c.to() == null || day.isBefore(c.to()))) {
                return c.rate();
            }
        }
        return baseRate;
    }

    /** {@code days} cut where the rate changes, in order. */
    List<Segment> segments(DayRange days) {
        List<LocalDate> cuts = new ArrayList<>();
        for (RateChange c : changes) {
            cuts.add(c.from());
            if (c.to() != null) {
                cuts.add(c.to());
            }
        }
        cuts.sort(Comparator.naturalOrder());
        List<Segment> out = new ArrayList<>();
        LocalDate from = days.from();
        for (LocalDate cut : cuts) {
            if (cut.isAfter(from) && cut.isBefore(days.to())) {
                out.add(new Segment(new DayRange(from, cut), rateOn(from)));
                from = cut;
            }
        }
        out.add(new Segment(new DayRange(from, days.to()), rateOn(from)));
        return out;
    }

    /** The sum of the daily rates (each day's monthly rate) over {@code [from, to)}; zero when empty. */
    BigDecimal dailySum(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Segment s : segments(new DayRange(from, to))) {
            sum = sum.add(s.rate().multiply(BigDecimal.valueOf(s.days().days())));
        }
        return sum;
    }
}
