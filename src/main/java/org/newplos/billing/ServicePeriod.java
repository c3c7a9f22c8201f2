package org.newplos.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Service period {@code k} of a source that started on {@code anchor} and is billed every {@code months}:
 * {@code [anchor + k·months, anchor + (k+1)·months)}. Each bound is computed from the anchor, never from the
 * previous period, so month ends clamp and recover: 31 Jan → 28/29 Feb → 31 Mar; 29 Feb → 28 Feb in other years.
 */
record ServicePeriod(LocalDate start, LocalDate end) {

    static ServicePeriod nth(LocalDate anchor, int months, long k) {
        return new ServicePeriod(anchor.plusMonths(k * months), anchor.plusMonths((k + 1) * months));
    }

    /** The index of the period that contains {@code day} (which is on or after the anchor). */
    static long indexOf(LocalDate anchor, int months, LocalDate day) {
        long k = ChronoUnit.MONTHS.between(anchor, day) / months;
        while (k > 0 && nth(anchor, months, k).start().isAfter(day)) {
            k--;
        }
        while (!nth(anchor, months, k).end().isAfter(day)) {
            k++;
        }
        return k;
    }

    /** Whether this is one of the service periods of {@code anchor} every {@code months}. */
    static boolean isPeriodOf(LocalDate anchor, int months, ServicePeriod period) {
        if (period.start().isBefore(anchor)) {
            return false;
        }
        return nth(anchor, months, indexOf(anchor, months, period.start())).equals(period);
    }

    int days() {
        return (int) ChronoUnit.DAYS.between(start, end);
    }

    DayRange range() {
        return new DayRange(start, end);
    }
}
