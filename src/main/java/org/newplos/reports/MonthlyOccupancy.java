package org.newplos.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Occupancy of one month, measured on {@code day} (the month's last day, or today for this month). */
record MonthlyOccupancy(LocalDate month, LocalDate day, int spaces, int leased) {

    public BigDecimal rate() {
        return Occupancy.ratio(leased, spaces);
    }

    public int percent() {
        return rate().movePointRight(2).intValue();
    }
}
