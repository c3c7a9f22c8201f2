package org.newplos.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a message's payload for its email and writes amounts and days the way a member reads them
 * ({@code €1,234.50}, {@code Monday 14 December 2026}). A field the email needs that the payload lacks is a
 * {@link MailTemplates.RenderException}: the message is dead with that reason, never sent half-empty.
 * Templates call it as {@code ${fmt.money(p.total, p.currency)}}.
 */
public final class MailFormat {

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private final Map<String, @Nullable Object> payload;

    MailFormat(Map<String, @Nullable Object> payload) {
        this.payload = payload;
    }

    /** A field the email cannot do without, as text. */
    String required(String field) {
        Object value = payload.get(field);
        if (value == null || value.toString().isBlank()) {
            throw new MailTemplates.RenderException("the payload has no '" + field + "'");
        }
        return value.toString();
    }

    /** An amount with its currency: {@code €60.50}, {@code CHF 1,200.00}. */
    public String money(@Nullable Object amount, @Nullable Object currency) {
        if (amount == null || currency == null) {
            throw new MailTemplates.RenderException("an amount or its currency is missing from the payload");
        }
        NumberFormat prototype = CURRENCY_FORMATS.computeIfAbsent(currency.toString(), MailFormat::currencyFormat);
        if (prototype == null) {
            throw new MailTemplates.RenderException("unknown currency '" + currency + "'");
        }
        // a clone per use (NumberFormat is not thread-safe): building one from the locale data costs ~20×
        return ((NumberFormat) prototype.clone()).format(new BigDecimal(amount.toString()));
    }

    /** One prototype per currency code (a handful), null for an unknown code. */
    private static final java.util.concurrent.ConcurrentMap<String, @Nullable NumberFormat> CURRENCY_FORMATS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static @Nullable NumberFormat currencyFormat(String code) {
        try {
            NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
            format.setCurrency(Currency.getInstance(code));
            return format;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A day in full: {@code Monday 14 December 2026}. */
    public String date(@Nullable Object day) {
        return LONG.format(day(day));
    }

    /** A day for a subject line: {@code 14 December}. */
    public String shortDate(@Nullable Object day) {
        return SHORT.format(day(day));
    }

    /** "1 day", "7 days". */
    public String days(@Nullable Object count) {
        if (count == null) {
            throw new MailTemplates.RenderException("a number of days is missing from the payload");
        }
        return count + (count.toString().equals("1") ? " day" : " days");
    }

    private static LocalDate day(@Nullable Object value) {
        if (value == null) {
            throw new MailTemplates.RenderException("a day is missing from the payload");
        }
        try {
            return LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new MailTemplates.RenderException("'" + value + "' is not a day (yyyy-mm-dd)");
        }
    }
}
