package org.newplos.audit;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One change to one record: who, when, what, and each changed field before and after. */
record AuditEntry(
        long id,
        Instant changedAt,
        String actor,
        String entity,
        long entityId,
        String action,
        Map<String, Change> changes) {

    /** A field's value before and after the change (null when it did not exist on that side). */
    public record Change(@Nullable String before, @Nullable String after) {}
}
