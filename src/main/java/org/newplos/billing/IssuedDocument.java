package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An invoice or credit note as it was issued: what a member or another system is told about it. */
public record IssuedDocument(
        long id,
        InvoiceKind kind,
        String number,
        long memberId,
        long locationId,
        String billingName,
        String billingEmail,
        String currency,
        BigDecimal total,
        LocalDate issuedOn,
        LocalDate dueOn) {}
