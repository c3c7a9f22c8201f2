package org.newplos.members;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;

/**
 * The orders a member list can be shown in, each with its keyset condition: rows after the last one shown,
 * compared on (sort key, id), so deep pages are as fast as the first.
 */
enum MemberSort {
    NEWEST("m.id DESC", "m.id < :afterId"),
    OLDEST("m.id", "m.id > :afterId"),
    NAME("lower(m.full_name), m.id", "(lower(m.full_name), m.id) > (lower(CAST(:afterKey AS text)), :afterId)"),
    JOINED("m.joined_on DESC, m.id DESC", "(m.joined_on, m.id) < (CAST(:afterKey AS date), :afterId)");

    private final String orderBy;
    private final String after;

    MemberSort(String orderBy, String after) {
        this.orderBy = orderBy;
        this.after = after;
    }

    String orderBy() {
        return orderBy;
    }

    String after(boolean hasCursor) {
        return hasCursor ? after : "true";
    }

    /**
     * The cursor of a row: its id and sort key. For NAME the key is the name as stored, and the database
     * lower-cases both sides with the same {@code lower()} it orders by (Java's lower-casing differs from it
     * for some letters, which skipped or repeated rows between pages).
     */
    String cursorOf(Member member) {
        return switch (this) {
            case NEWEST, OLDEST -> String.valueOf(member.id());
            case NAME -> member.id() + ":" + member.fullName();
            case JOINED -> member.id() + ":" + member.joinedOn();
        };
    }

    @Nullable
    Cursor parse(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            int colon = cursor.indexOf(':');
            long id = Long.parseLong(colon < 0 ? cursor : cursor.substring(0, colon));
            String key = colon < 0 ? null : cursor.substring(colon + 1);
            if ((this == NAME || this == JOINED) && key == null) {
                throw new InvalidInputException("after", "is not a page cursor of this list");
            }
            if (this == JOINED) {
                LocalDate.parse(key);
            }
            return new Cursor(key, id);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidInputException("after", "is not a page cursor of this list");
        }
    }

    public static MemberSort of(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return NEWEST;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("sort", "must be one of newest, oldest, name, joined");
        }
    }

    record Cursor(@Nullable String key, long id) {}
}
