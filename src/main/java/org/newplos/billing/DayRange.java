package org.newplos.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Half-open days {@code [from, to)}, never empty. */
record DayRange(LocalDate from, LocalDate to) {

    DayRange {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty day range [" + from + ", " + to + ")");
        }
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to);
    }

    boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    /** The common days, or null if none. */
    DayRange intersect(LocalDate start, LocalDate end) {
        LocalDate a = from.isAfter(start) ? from : start;
        LocalDate b = to.isBefore(end) ? to : end;
        return b.isAfter(a) ? new DayRange(a, b) : null;
    }

    /** As PostgreSQL writes a daterange. */
    String sql() {
        return "[" + from + "," + to + ")";
    }

    @Override
    public String toString() {
        return sql();
    }
}
