package org.newplos.leases;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.common.ConflictException;

/** A lease would overlap another non-cancelled lease of the same space; names that lease when known. */
public class LeaseConflictException extends ConflictException {

    private final @Nullable Lease conflicting;

    LeaseConflictException(long spaceId, Period period, @Nullable Lease conflicting) {
        super(message(spaceId, period, conflicting), properties(conflicting));
        this.conflicting = conflicting;
    }

    public @Nullable Lease conflicting() {
        return conflicting;
    }

    private static String message(long spaceId, Period period, @Nullable Lease other) {
        if (other == null) {
            return "Space " + spaceId + " is already leased for part of " + period + ".";
        }
        return "Space " + other.spaceCode() + " is already leased to " + other.memberName() + " by lease " + other.id()
                + " for " + other.period() + ", which overlaps " + period + ".";
    }

    private static Map<String, Object> properties(@Nullable Lease other) {
        var properties = new LinkedHashMap<String, Object>();
        if (other != null) {
            properties.put("conflictingLeaseId", other.id());
            properties.put("conflictingLease", other);
        }
        return properties;
    }
}
