package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One line: rent or plan days of a service period ({@code billedFrom}–{@code billedTo}, half-open), a deposit,
 * its refund, a one-off charge or discount, or a credit of another line's days.
 */
record InvoiceLine(
        long id,
        long invoiceId,
        LineKind kind,
        @Nullable Long leaseId,
        @Nullable Long planMembershipId,
        String description,
        @Nullable LocalDate periodStart,
        @Nullable LocalDate periodEnd,
        @Nullable LocalDate billedFrom,
        @Nullable LocalDate billedTo,
        @Nullable BigDecimal monthlyRate,
        BigDecimal amount,
        BigDecimal vatRate,
        @Nullable Long creditsLineId) {}
