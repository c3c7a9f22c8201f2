package org.newplos.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.newplos.spaces.SpaceType;

/** How full the place is on a day: leased active spaces out of all active spaces, overall and by type. */
public record Occupancy(LocalDate on, int spaces, int leased, BigDecimal rate, List<ByType> byType) {

    public static Occupancy of(LocalDate on, List<ByType> byType) {
        int spaces = byType.stream().mapToInt(ByType::spaces).sum();
        int leased = byType.stream().mapToInt(ByType::leased).sum();
        return new Occupancy(on, spaces, leased, ratio(leased, spaces), byType);
    }

    /** Occupancy of one space type. */
    public record ByType(SpaceType type, int spaces, int leased, BigDecimal rate) {
        public ByType(SpaceType type, int spaces, int leased) {
            this(type, spaces, leased, ratio(leased, spaces));
        }
    }

    static BigDecimal ratio(int leased, int spaces) {
        return spaces == 0
                ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(leased).divide(BigDecimal.valueOf(spaces), 4, RoundingMode.HALF_UP);
    }
}
