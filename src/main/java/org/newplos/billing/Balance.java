package org.newplos.billing;

import java.math.BigDecimal;

/**
 * A member's account at one location: issued invoices, payments and credit notes, and what follows from
 * them. {@code balance} is invoiced − paid − credited: positive when the member owes, negative when they have
 * credit (which settles their next invoice). Never stored: computed from the documents each time.
 */
public record Balance(
        long memberId,
        long locationId,
        String locationCode,
        String currency,
        BigDecimal invoiced,
        BigDecimal paid,
        BigDecimal credited,
        BigDecimal balance,
        BigDecimal overdue) {}
