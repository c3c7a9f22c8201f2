package org.newplos.bookings;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.PageRequest;
import org.newplos.common.UiController;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Staff pages of room bookings: the list, a room's day (htmx between days), booking for a member, cancelling. */
@UiController
class BookingAdminController {

    private final Booker booker;
    private final Bookings bookings;
    private final BookingSettings settings;
    private final Clock clock;

    BookingAdminController(Booker booker, Bookings bookings, BookingSettings settings, Clock clock) {
        this.booker = booker;
        this.bookings = bookings;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/bookings")
    String list(
            @RequestParam(required = false) @Nullable Long spaceId,
            @RequestParam(required = false) @Nullable Long memberId,
            @RequestParam(required = false) @Nullable Long after,
            Model model) {
        model.addAttribute("page", bookings.list(spaceId, memberId, null, null, PageRequest.of(after, null)));
        model.addAttribute("rooms", bookings.bookableRooms());
        model.addAttribute("spaceId", spaceId);
        model.addAttribute("memberId", memberId);
        model.addAttribute("today", LocalDate.now(clock));
        return "bookings/list";
    }

    /** A room's day: opening hours, bookings, free stretches; the day's panel alone for htmx. */
    @GetMapping("/bookings/day")
    String day(
            @RequestParam long space,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        Booker.RoomDay day = booker.day(space, date == null ? LocalDate.now(clock) : date, clock.instant());
        model.addAttribute("day", day);
        model.addAttribute("rooms", bookings.bookableRooms());
        return htmx ? "bookings/day :: panel" : "bookings/day";
    }

    @PostMapping("/bookings")
    String book(
            @RequestParam long memberId,
            @RequestParam long spaceId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime start,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime end,
            Principal principal,
            Model model,
            HttpServletResponse response) {
        try {
            Booking booking = booker.book(
                    new BookingRequest(memberId, spaceId, date, start, end), principal.getName(), clock.instant());
            return "redirect:/bookings/day?space=" + spaceId + "&date=" + date + "&booked=" + booking.id();
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("day", booker.day(spaceId, date, clock.instant()));
            model.addAttribute("rooms", bookings.bookableRooms());
            return "bookings/day";
        }
    }

    @PostMapping("/bookings/{id}/cancel")
    String cancel(@PathVariable long id, Principal principal) {
        Booking cancelled = booker.cancel(id, null, true, principal.getName(), clock.instant());
        return "redirect:/bookings/day?space=" + cancelled.spaceId() + "&date=" + cancelled.day();
    }

    /** Booking settings: per location (rules, opening hours), rooms' hourly rates, plans' room credit. */
    @GetMapping("/bookings/settings")
    String settings(Model model) {
        List<BookingSettings.LocationOption> locations = settings.locations();
        model.addAttribute(
                "locations",
                locations.stream()
                        .map(l -> new LocationSettings(
                                l,
                                settings.settings(l.id()).orElseThrow(),
                                OpeningWeek.of(settings.openingHours(l.id()))))
                        .toList());
        model.addAttribute("spaces", settings.spaceRates());
        model.addAttribute("plans", settings.planCredits());
        return "bookings/settings";
    }

    /** One location's row of the settings page. */
    record LocationSettings(
            BookingSettings.LocationOption location, Room.Settings settings, List<OpeningWeek.Day> week) {}
}
