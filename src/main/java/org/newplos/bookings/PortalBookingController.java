package org.newplos.bookings;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.UiController;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A member's own bookings (the signed-in MEMBER principal's {@code memberId}, read by expression so that this
 * feature does not depend on the security package): list with credits left, book a room (free slots by htmx), one booking, cancel before
 * the cut-off. Every query is scoped by the signed-in member: another member's booking is "not found" (404).
 */
@UiController
class PortalBookingController {

    private final Booker booker;
    private final Bookings bookings;
    private final BookingSettings settings;
    private final Clock clock;

    PortalBookingController(Booker booker, Bookings bookings, BookingSettings settings, Clock clock) {
        this.booker = booker;
        this.bookings = bookings;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/portal/bookings")
    String list(@AuthenticationPrincipal(expression = "memberId") long me, Model model) {
        Instant now = clock.instant();
        model.addAttribute("upcoming", bookings.ofMember(me, now, true, 100));
        model.addAttribute("past", bookings.ofMember(me, now, false, 50));
        model.addAttribute("credits", booker.credits(me, LocalDate.now(clock)).orElse(null));
        return "portal/bookings/list";
    }

    @GetMapping("/portal/bookings/new")
    String pick(
            @AuthenticationPrincipal(expression = "memberId") long me,
            @RequestParam(required = false) @Nullable Long space,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            Model model) {
        model.addAttribute("rooms", bookings.bookableRooms());
        model.addAttribute("space", space);
        model.addAttribute("date", date == null ? LocalDate.now(clock) : date);
        Booker.RoomDay day =
                space == null ? null : booker.day(space, date == null ? LocalDate.now(clock) : date, clock.instant());
        model.addAttribute("day", day);
        model.addAttribute("starts", day == null ? List.of() : starts(day));
        return "portal/bookings/new";
    }

    /** The free slots of a room on a day, as start times to book from (htmx partial of the page above). */
    @GetMapping("/portal/bookings/slots")
    String slots(
            @AuthenticationPrincipal(expression = "memberId") long me,
            @RequestParam long space,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        if (!htmx) {
            return "redirect:/portal/bookings/new?space=" + space + "&date=" + date;
        }
        Booker.RoomDay day = booker.day(space, date, clock.instant());
        model.addAttribute("day", day);
        model.addAttribute("starts", starts(day));
        return "portal/bookings/new :: slots";
    }

    @PostMapping("/portal/bookings")
    String book(
            @AuthenticationPrincipal(expression = "memberId") long me,
            @AuthenticationPrincipal(expression = "email") String email,
            @RequestParam long spaceId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime start,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime end,
            Model model,
            HttpServletResponse response) {
        try {
            Booking booking = booker.book(new BookingRequest(me, spaceId, date, start, end), email, clock.instant());
            return "redirect:/portal/bookings/" + booking.id() + "?booked";
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            model.addAttribute("problem", e.getMessage());
            return pick(me, spaceId, date, model);
        }
    }

    @GetMapping("/portal/bookings/{id}")
    String show(@AuthenticationPrincipal(expression = "memberId") long me, @PathVariable long id, Model model) {
        Booking booking = mine(me, id);
        model.addAttribute("booking", booking);
        model.addAttribute("cancellable", cancellable(booking));
        return "portal/bookings/show";
    }

    @PostMapping("/portal/bookings/{id}/cancel")
    String cancel(
            @AuthenticationPrincipal(expression = "memberId") long me,
            @AuthenticationPrincipal(expression = "email") String email,
            @PathVariable long id) {
        mine(me, id);
        booker.cancel(id, me, false, email, clock.instant());
        return "redirect:/portal/bookings/" + id + "?cancelled";
    }

    private Booking mine(long me, long id) {
        return bookings.findOfMember(id, me).orElseThrow(() -> new NotFoundException("booking", id));
    }

    private boolean cancellable(Booking booking) {
        if (booking.status() != BookingStatus.BOOKED) {
            return false;
        }
        int cutoff = settings.settings(booking.locationId())
                .map(Room.Settings::cancelCutoffMinutes)
                .orElse(0);
        return clock.instant().isBefore(booking.start().minusSeconds(cutoff * 60L));
    }

    /** Start times on the grid within free stretches, for the portal's slot buttons. */
    private static List<LocalTime> starts(Booker.RoomDay day) {
        List<LocalTime> out = new ArrayList<>();
        int step = day.room().settings().slotMinutes();
        int min = day.room().settings().minMinutes();
        ZoneId zone = day.room().zone();
        for (FreeSlot f : day.free()) {
            for (Instant t = f.startsAt();
                    !t.plusSeconds(min * 60L).isAfter(f.endsAt());
                    t = t.plusSeconds(step * 60L)) {
                out.add(t.atZone(zone).toLocalTime());
            }
        }
        return out;
    }
}
