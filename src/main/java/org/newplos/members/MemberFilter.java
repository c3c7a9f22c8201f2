package org.newplos.members;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * How a member list is narrowed: fuzzy text, status, plan, and whether they hold a lease on a day.
 * Every part is optional.
 */
public record MemberFilter(
        @Nullable String q,
        @Nullable MemberStatus status,
        @Nullable Long planId,
        @Nullable LocalDate withActiveLeaseOn) {

    public static MemberFilter none() {
        return new MemberFilter(null, null, null, null);
    }

    public boolean hasSearch() {
        return q != null && !q.isBlank();
    }
}
