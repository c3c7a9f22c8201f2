package org.newplos.leases;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** How a lease list is narrowed; every part is optional. */
record LeaseFilter(
        @Nullable Long memberId,
        @Nullable Long spaceId,
        @Nullable LeaseStatus status,
        @Nullable LocalDate activeOn) {

    public static LeaseFilter none() {
        return new LeaseFilter(null, null, null, null);
    }
}
