package org.newplos.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * An invoice or credit note. Totals are set when it is issued (drafts show the sum of their lines);
 * {@code outstanding} is what is still to be paid of an issued invoice (null for drafts and credit notes).
 */
public record Invoice(
        long id,
        InvoiceKind kind,
        InvoiceStatus status,
        long locationId,
        String locationCode,
        long memberId,
        @Nullable Long runId,
        @Nullable String number,
        @Nullable LocalDate issuedOn,
        @Nullable LocalDate dueOn,
        String currency,
        String billingName,
        String billingEmail,
        String billingCompany,
        String billingAddress,
        String reason,
        BigDecimal netTotal,
        BigDecimal vatTotal,
        BigDecimal total,
        @Nullable BigDecimal outstanding,
        Instant createdAt) {

    /** The billing address it was issued with, line by line (none when the member had not given one). */
    public java.util.List<String> billingAddressLines() {
        return billingAddress
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** Issued, not fully paid, and past its due day on {@code today}. */
    public boolean overdueOn(LocalDate today) {
        return status == InvoiceStatus.ISSUED
                && outstanding != null
                && outstanding.signum() > 0
                && dueOn != null
                && dueOn.isBefore(today);
    }
}
