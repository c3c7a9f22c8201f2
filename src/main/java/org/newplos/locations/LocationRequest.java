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
import java.util.Currency;
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
        @Nullable LocalDate lockDate) {

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
                l.lockDate());
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
                day);
    }

    /** Checks what Bean Validation cannot: the time zone and currency exist. */
    void validate() {
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

    String legalLinesOrEmpty() {
        return legalLines == null ? "" : legalLines;
    }
}
