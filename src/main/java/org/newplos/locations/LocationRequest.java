package org.newplos.locations;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;

/** A location as staff enter it. Time zone (IANA) and currency (ISO 4217) are checked against Java's lists. */
@Schema(
        example =
                "{\"code\": \"AMS\", \"name\": \"Amsterdam Noord\", \"timeZone\": \"Europe/Amsterdam\", \"currency\": \"EUR\", \"invoicePrefix\": \"AMS\", \"defaultVatRate\": 21.00, \"paymentTermsDays\": 14, \"legalLines\": \"Newplos B.V., Amsterdam\", \"billingStartsOn\": \"2027-01-01\", \"lockDate\": \"2026-12-31\"}")
public record LocationRequest(
        @NotBlank
        @Pattern(regexp = "[A-Z0-9]{2,10}", message = "2 to 10 capital letters or digits")
        @Schema(example = "AMS")
        String code,

        @NotBlank @Size(max = 200) @Schema(example = "Amsterdam Noord")
        String name,

        @NotBlank @Schema(example = "Europe/Amsterdam") String timeZone,

        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR") @Schema(example = "EUR")
        String currency,

        @NotBlank
        @Pattern(regexp = "[A-Z0-9]{1,10}", message = "1 to 10 capital letters or digits")
        @Schema(example = "AMS")
        String invoicePrefix,

        @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) @Schema(example = "21.00")
        BigDecimal defaultVatRate,

        @Min(0) @Max(365) int paymentTermsDays,
        @Nullable @Size(max = 2000) String legalLines,
        @Nullable LocalDate billingStartsOn,
        @Nullable LocalDate lockDate,

        @Nullable
        @Size(max = 200)
        @Schema(example = "Newplos Amsterdam", description = "Name on its emails; empty: the application's")
        String senderName,

        @Nullable
        @Size(max = 320)
        @Pattern(regexp = "|[^@\\s]+@[^@\\s]+", message = "an email address such as billing@example.com")
        @Schema(example = "ams@example.com", description = "Address its emails come from; empty: the application's")
        String senderEmail,

        @Nullable
        @Size(min = 1, max = 10, message = "1 to 10 numbers of days")
        @Schema(
                example = "[30, 7, 1]",
                description = "Days before a lease's last day that the member is reminded (default 30, 7, 1)")
        List<
                        @NotNull(message = "a number of days from 1 to 365") @Min(value = 1, message = "at least 1 day")
                        @Max(value = 365, message = "at most 365 days") Integer>
                leaseReminderDays,

        @Nullable
        @Size(min = 1, max = 10, message = "1 to 10 numbers of days")
        @Schema(
                example = "[3, 10, 30]",
                description = "Days after an invoice's due day that an overdue reminder goes out (default 3, 10, 30)")
        List<
                        @NotNull(message = "a number of days from 1 to 365") @Min(value = 1, message = "at least 1 day")
                        @Max(value = 365, message = "at most 365 days") Integer>
                overdueReminderDays) {

    static final List<Integer> DEFAULT_LEASE_REMINDER_DAYS = List.of(30, 7, 1);
    static final List<Integer> DEFAULT_OVERDUE_REMINDER_DAYS = List.of(30, 10, 3);

    /** The settings of a location with the defaults for email and reminders. */
    public LocationRequest(
            String code,
            String name,
            String timeZone,
            String currency,
            String invoicePrefix,
            BigDecimal defaultVatRate,
            int paymentTermsDays,
            @Nullable String legalLines,
            @Nullable LocalDate billingStartsOn,
            @Nullable LocalDate lockDate) {
        this(
                code,
                name,
                timeZone,
                currency,
                invoicePrefix,
                defaultVatRate,
                paymentTermsDays,
                legalLines,
                billingStartsOn,
                lockDate,
                null,
                null,
                null,
                null);
    }

    /** A location's current settings, as a form or a change starts from them. */
    public static LocationRequest of(Location l) {
        return new LocationRequest(
                l.code(),
                l.name(),
                l.timeZone(),
                l.currency(),
                l.invoicePrefix(),
                l.defaultVatRate(),
                l.paymentTermsDays(),
                l.legalLines(),
                l.billingStartsOn(),
                l.lockDate(),
                l.senderName(),
                l.senderEmail(),
                l.leaseReminderDays(),
                l.overdueReminderDays());
    }

    /** The same settings with another lock date. */
    public LocationRequest withLockDate(@Nullable LocalDate day) {
        return new LocationRequest(
                code,
                name,
                timeZone,
                currency,
                invoicePrefix,
                defaultVatRate,
                paymentTermsDays,
                legalLines,
                billingStartsOn,
                day,
                senderName,
                senderEmail,
                leaseReminderDays,
                overdueReminderDays);
    }

    /** Checks what Bean Validation cannot: the time zone and currency exist, no reminder day twice. */
    void validate() {
        noDuplicates("leaseReminderDays", leaseReminderDays);
        noDuplicates("overdueReminderDays", overdueReminderDays);
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new InvalidInputException(
                        "timeZone", "unknown time zone '" + timeZone + "' (use an IANA name such as Europe/Amsterdam)");
            }
        }
        if (currency != null && currency.matches("[A-Z]{3}")) {
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("currency", "unknown currency '" + currency + "'");
            }
        }
    }

    private static void noDuplicates(String field, @Nullable List<Integer> days) {
        if (days != null && new HashSet<>(days).size() < days.size()) {
            throw new InvalidInputException(field, "each number of days only once");
        }
    }

    /** The sender name, null when blank. */
    @Nullable
    String senderNameOrNull() {
        return senderName == null || senderName.isBlank() ? null : senderName.strip();
    }

    /** The sender address, null when blank. */
    @Nullable
    String senderEmailOrNull() {
        return senderEmail == null || senderEmail.isBlank() ? null : senderEmail.strip();
    }

    /** The lease reminder days, largest first (the defaults when none were given). */
    Integer[] leaseReminderDaysSorted() {
        return sorted(leaseReminderDays, DEFAULT_LEASE_REMINDER_DAYS);
    }

    /** The overdue reminder days, largest first (the defaults when none were given). */
    Integer[] overdueReminderDaysSorted() {
        return sorted(overdueReminderDays, DEFAULT_OVERDUE_REMINDER_DAYS);
    }

    private static Integer[] sorted(@Nullable List<Integer> days, List<Integer> defaults) {
        List<Integer> list = new ArrayList<>(days == null ? defaults : days);
        list.sort(Comparator.reverseOrder());
        return list.toArray(Integer[]::new);
    }

    String legalLinesOrEmpty() {
        return legalLines == null ? "" : legalLines;
    }
}
