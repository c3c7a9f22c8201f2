package org.newplos.bookings;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A space as bookings see it, with its location's booking settings and the opening hours of one weekday
 * (null when closed that day).
 */
record Room(
        long id,
        String code,
        String name,
        boolean active,
        @Nullable BigDecimal hourlyRate,
        long locationId,
        String locationCode,
        String timeZone,
        String currency,
        Settings settings,
        @Nullable LocalTime opens,
        @Nullable LocalTime closes) {

    /** A location's booking rules (minutes and days). */
    record Settings(int slotMinutes, int minMinutes, int maxMinutes, int cancelCutoffMinutes, int horizonDays) {}

    public boolean bookable() {
        return active && hourlyRate != null;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean open() {
        return opens != null && closes != null;
    }
}
