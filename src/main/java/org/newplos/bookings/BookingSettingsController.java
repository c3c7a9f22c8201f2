package org.newplos.bookings;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.SqlErrors;
import org.newplos.common.UiController;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Writes of the booking settings page: a location's rules and opening hours (ADMIN, as every location
 * write), a space's hourly rate (STAFF), a plan's room credit (ADMIN, as every plan write).
 */
@UiController
class BookingSettingsController {

    private final BookingSettings settings;
    private final TransactionTemplate transactions;

    BookingSettingsController(BookingSettings settings, TransactionTemplate transactions) {
        this.settings = settings;
        this.transactions = transactions;
    }

    @PostMapping("/locations/{id}/booking-settings")
    String location(
            @PathVariable long id,
            @RequestParam int slotMinutes,
            @RequestParam int minMinutes,
            @RequestParam int maxMinutes,
            @RequestParam int cancelCutoffMinutes,
            @RequestParam int horizonDays,
            @RequestParam Map<String, String> form) {
        settings.settings(id).orElseThrow(() -> new NotFoundException("location", id));
        List<BookingSettings.Opening> hours = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            LocalTime opens = time(form.get("opens" + d), "opens" + d);
            LocalTime closes = time(form.get("closes" + d), "closes" + d);
            if (opens == null && closes == null) {
                continue;
            }
            if (opens == null || closes == null || !opens.isBefore(closes)) {
                throw new InvalidInputException(
                        "opens" + d, "give both times, opening before closing, or neither (closed that day)");
            }
            hours.add(new BookingSettings.Opening(d, opens, closes));
        }
        try {
            transactions.executeWithoutResult(status -> settings.saveSettings(
                    id,
                    new Room.Settings(slotMinutes, minMinutes, maxMinutes, cancelCutoffMinutes, horizonDays),
                    hours));
        } catch (DataIntegrityViolationException e) {
            if (SqlErrors.is(e, SqlErrors.CHECK_VIOLATION)) {
                throw new InvalidInputException(
                        "slotMinutes",
                        "slot of 5, 10, 15, 20, 30 or 60 minutes; minimum and maximum multiples of it, minimum ≤"
                                + " maximum ≤ 1440; cut-off 0–10080 minutes; horizon 1–730 days");
            }
            throw e;
        }
        return "redirect:/bookings/settings";
    }

    @PostMapping("/spaces/{id}/hourly-rate")
    String hourlyRate(@PathVariable long id, @RequestParam(required = false) @Nullable BigDecimal hourlyRate) {
        if (hourlyRate != null
                && (hourlyRate.signum() < 0
                        || hourlyRate.scale() > 2
                        || hourlyRate.precision() - hourlyRate.scale() > 10)) {
            throw new InvalidInputException("hourlyRate", "a non-negative amount with at most 2 decimals");
        }
        if (!settings.setHourlyRate(id, hourlyRate)) {
            throw new NotFoundException("space", id);
        }
        return "redirect:/bookings/settings";
    }

    @PostMapping("/plans/{id}/room-credit")
    String roomCredit(@PathVariable long id, @RequestParam BigDecimal hours) {
        if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw new InvalidInputException("hours", "between 0 and 1000 hours");
        }
        int minutes = hours.multiply(BigDecimal.valueOf(60)).intValue();
        if (!settings.setCreditMinutes(id, minutes)) {
            throw new NotFoundException("plan", id);
        }
        return "redirect:/bookings/settings";
    }

    private static @Nullable LocalTime time(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, "a time such as 08:00");
        }
    }
}
