package org.newplos.locations;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A site with its own books: every space belongs to one; invoices are numbered and dated per location. Its
 * emails come from its sender (null: the application's default), and its reminders go out the given days
 * before a lease's last day and after an invoice's due day (largest first).
 */
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
        @Nullable String senderName,
        @Nullable String senderEmail,
        List<Integer> leaseReminderDays,
        List<Integer> overdueReminderDays,
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
