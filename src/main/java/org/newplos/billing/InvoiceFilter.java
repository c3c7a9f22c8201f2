package org.newplos.billing;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Narrows the invoice list: location, status, kind, member, run, overdue on a day, and issued within
 * {@code [issuedFrom, issuedTo)}. Every field is optional.
 */
record InvoiceFilter(
        @Nullable Long locationId,
        @Nullable InvoiceStatus status,
        @Nullable InvoiceKind kind,
        @Nullable Long memberId,
        @Nullable Long runId,
        @Nullable LocalDate overdueOn,
        @Nullable LocalDate issuedFrom,
        @Nullable LocalDate issuedTo) {

    public static InvoiceFilter ofRun(long runId) {
        return new InvoiceFilter(null, null, null, null, runId, null, null, null);
    }
}
