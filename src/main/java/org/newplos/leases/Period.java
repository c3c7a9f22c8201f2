package org.newplos.leases;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;

/**
 * A half-open period of days {@code [start, end)}: the space is let from {@code start} up to but not
 * including {@code end}; a null end means open-ended. Stored as a PostgreSQL {@code daterange}.
 */
record Period(LocalDate start, @Nullable LocalDate end) {

    public Period {
        if (end != null && !end.isAfter(start)) {
            throw new InvalidInputException("end", "must be after start (" + start + "); the end day is not included");
        }
    }

    /** Builds a period from input fields, naming the offending field when it is missing or backwards. */
    public static Period of(@Nullable LocalDate start, @Nullable LocalDate end, String startField, String endField) {
        if (start == null) {
            throw new InvalidInputException(startField, "is required");
        }
        if (end != null && !end.isAfter(start)) {
            throw new InvalidInputException(
                    endField, "must be after " + startField + " (" + start + "); the end day is not included");
        }
        return new Period(start, end);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && (end == null || day.isBefore(end));
    }

    @Override
    public String toString() {
        return "[" + start + ", " + (end == null ? "open" : end) + ")";
    }
}
