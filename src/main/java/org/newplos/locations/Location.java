package org.newplos.locations;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/** A site with its own books: every space belongs to one; invoices are numbered and dated per location. */
public record Location(
        long id,
        String code,
        String name,
        String timeZone,
        String currency,
        String invoicePrefix,
        BigDecimal defaultVatRate,
        int paymentTermsDays,
        String legalLines,
        @Nullable LocalDate billingStartsOn,
        @Nullable LocalDate lockDate,
        Instant createdAt,
        Instant updatedAt) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Today at this location, for the given instant. */
    public LocalDate today(Instant now) {
        return now.atZone(zone()).toLocalDate();
    }
}
