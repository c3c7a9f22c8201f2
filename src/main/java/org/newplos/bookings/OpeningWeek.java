package org.newplos.bookings;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A location's opening hours as seven days, Monday first, for forms (closed days have no times). */
final class OpeningWeek {

    /** One weekday of the form. */
    record Day(
            int weekday,
            String name,
            @Nullable LocalTime opens,
            @Nullable LocalTime closes) {}

    private OpeningWeek() {}

    static List<Day> of(List<BookingSettings.Opening> hours) {
        List<Day> week = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            int weekday = d;
            BookingSettings.Opening o = hours.stream()
                    .filter(h -> h.weekday() == weekday)
                    .findFirst()
                    .orElse(null);
            week.add(new Day(
                    d,
                    DayOfWeek.of(d).getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                    o == null ? null : o.opens(),
                    o == null ? null : o.closes()));
        }
        return week;
    }
}
