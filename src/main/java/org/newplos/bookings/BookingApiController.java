package org.newplos.bookings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Bookings", description = "Rooms booked by the hour, paid with plan credits first")
@RestController
class BookingApiController {

    private final Booker booker;
    private final Bookings bookings;
    private final Clock clock;

    BookingApiController(Booker booker, Bookings bookings, Clock clock) {
        this.booker = booker;
        this.bookings = bookings;
        this.clock = clock;
    }

    @Operation(
            summary = "List room bookings",
            description = "In id order (keyset: after, limit); spaceId, memberId, and from/to (instants, ISO-8601)"
                    + " keep the bookings overlapping that window. localStart/localEnd are the location's times.")
    @GetMapping("/api/v1/bookings")
    Page<Booking> list(
            @RequestParam(required = false) @Nullable Long spaceId,
            @RequestParam(required = false) @Nullable Long memberId,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        return bookings.list(spaceId, memberId, from, to, PageRequest.of(after, limit));
    }

    @Operation(summary = "Get a room booking", description = "One booking by id")
    @GetMapping("/api/v1/bookings/{id}")
    Booking get(@PathVariable long id) {
        return booker.get(id);
    }

    @Operation(
            summary = "Book a room for a member (STAFF)",
            description = "date, start and end are the location's local day and times. 400 when outside the"
                    + " opening hours, off the slot grid, too short or long, in the past, beyond the horizon, or the"
                    + " space is not bookable; 409 when the slot is taken. Credits are used first.")
    @PostMapping("/api/v1/bookings")
    ResponseEntity<Booking> create(@Valid @RequestBody BookingRequest request, Principal principal) {
        Booking booking = booker.book(request, principal.getName(), clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/bookings/" + booking.id()))
                .body(booking);
    }

    @Operation(
            summary = "Cancel a room booking (STAFF)",
            description = "Before the location's cut-off: CANCELLED, credits given back, nothing charged. After it:"
                    + " LATE_CANCELLED, the room is free again and the booking is charged as booked. 409 when"
                    + " already cancelled.")
    @PostMapping("/api/v1/bookings/{id}/cancel")
    Booking cancel(@PathVariable long id, Principal principal) {
        return booker.cancel(id, null, true, principal.getName(), clock.instant());
    }

    @Operation(
            summary = "Free slots of a room on a day",
            description = "The stretches of the room's opening hours on that local day that are not booked (from"
                    + " now on), with local times and instants; empty when closed or not bookable")
    @GetMapping("/api/v1/spaces/{id}/free-slots")
    List<FreeSlot> freeSlots(
            @PathVariable long id, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return booker.day(id, date, clock.instant()).free();
    }
}
