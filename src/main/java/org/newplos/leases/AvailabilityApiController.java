package org.newplos.leases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Spaces")
@RestController
class AvailabilityApiController {

    private final Availability availability;

    AvailabilityApiController(Availability availability) {
        this.availability = availability;
    }

    @Operation(
            summary = "Spaces free for a period",
            description = "Active spaces with no non-cancelled lease overlapping [from, to); leave 'to' out for"
                    + " an open-ended period")
    @GetMapping("/api/v1/spaces/available")
    Page<Space> available(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable SpaceType type,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        Period period = Period.of(from, to, "from", "to");
        return availability.freeSpaces(period, type, PageRequest.of(after, limit));
    }
}
