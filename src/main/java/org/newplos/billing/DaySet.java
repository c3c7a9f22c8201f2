package org.newplos.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A set of days as sorted, disjoint, non-adjacent ranges: Java's view of a PostgreSQL datemultirange. */
record DaySet(List<DayRange> ranges) {

    static final DaySet EMPTY = new DaySet(List.of());
    private static final Pattern RANGE = Pattern.compile("\\[(\\d{4}-\\d{2}-\\d{2}),(\\d{4}-\\d{2}-\\d{2})\\)");

    DaySet {
        ranges = normalise(ranges);
    }

    static DaySet of(DayRange... ranges) {
        return new DaySet(List.of(ranges));
    }

    /** Reads PostgreSQL's text form, e.g. {@code {[2027-01-01,2027-02-01),[2027-03-01,2027-03-05)}}. */
    static DaySet parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<DayRange> out = new ArrayList<>();
        Matcher m = RANGE.matcher(text);
        while (m.find()) {
            out.add(new DayRange(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2))));
        }
        return new DaySet(out);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    DaySet union(DaySet other) {
        List<DayRange> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new DaySet(all);
    }

    /** The days of {@code [from, to)} that are not in this set. */
    List<DayRange> missingFrom(DayRange range) {
        List<DayRange> out = new ArrayList<>();
        LocalDate cursor = range.from();
        for (DayRange r : ranges) {
            if (!r.to().isAfter(cursor)) {
                continue;
            }
            if (!r.from().isBefore(range.to())) {
                break;
            }
            if (r.from().isAfter(cursor)) {
                out.add(new DayRange(cursor, r.from()));
            }
            cursor = r.to();
            if (!cursor.isBefore(range.to())) {
                return out;
            }
        }
        if (cursor.isBefore(range.to())) {
            out.add(new DayRange(cursor, range.to()));
        }
        return out;
    }

    /** The days of this set on or after {@code day}. */
    DaySet from(LocalDate day) {
        List<DayRange> out = new ArrayList<>();
        for (DayRange r : ranges) {
            DayRange cut = r.intersect(day, LocalDate.MAX);
            if (cut != null) {
                out.add(cut);
            }
        }
        return new DaySet(out);
    }

    LocalDate first() {
        return ranges.get(0).from();
    }

    long days() {
        return ranges.stream().mapToLong(DayRange::days).sum();
    }

    /** As PostgreSQL writes a datemultirange. */
    String sql() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < ranges.size(); i++) {
            s.append(i == 0 ? "" : ",").append(ranges.get(i).sql());
        }
        return s.append('}').toString();
    }

    private static List<DayRange> normalise(List<DayRange> input) {
        List<DayRange> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparing(DayRange::from));
        List<DayRange> out = new ArrayList<>();
        for (DayRange r : sorted) {
            if (!out.isEmpty() && !out.get(out.size() - 1).to().isBefore(r.from())) {
                DayRange last = out.remove(out.size() - 1);
                out.add(new DayRange(last.from(), last.to().isAfter(r.to()) ? last.to() : r.to()));
            } else {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }
}
