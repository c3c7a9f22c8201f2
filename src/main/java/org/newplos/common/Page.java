package org.newplos.common;

import java.util.List;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list in id order. {@code nextAfter} is the cursor for the next page, absent on the last.
 * Keyset paging keeps every page as fast as the first, whatever the table size.
 */
public record Page<T>(List<T> items, @Nullable Long nextAfter) {

    /** Builds a page from a query that fetched {@code limit + 1} rows to learn whether more exist. */
    public static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, id.applyAsLong(items.get(limit - 1)));
    }
}
