package org.newplos.leases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Leases", description = "Who rents which space, when, at what rate")
@RestController
@RequestMapping("/api/v1/leases")
class LeaseApiController {

    private final Leases leases;
    private final Leasing leasing;
    private final Clock clock;

    LeaseApiController(Leases leases, Leasing leasing, Clock clock) {
        this.leases = leases;
        this.leasing = leasing;
        this.clock = clock;
    }

    @Operation(
            summary = "List leases",
            description = "activeOn=YYYY-MM-DD keeps the non-cancelled leases running that day")
    @GetMapping
    Page<Lease> list(
            @RequestParam(required = false) @Nullable Long memberId,
            @RequestParam(required = false) @Nullable Long spaceId,
            @RequestParam(required = false) @Nullable LeaseStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate activeOn,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        return leases.list(new LeaseFilter(memberId, spaceId, status, activeOn), PageRequest.of(after, limit));
    }

    @Operation(
            summary = "Leases whose last day is within the next N days, soonest first",
            description = "withinDays (default 30) and limit (default 200); open-ended leases never expire")
    @GetMapping("/expiring")
    List<Lease> expiring(
            @RequestParam(defaultValue = "30") @Min(0) @Max(3660) int withinDays,
            @RequestParam(defaultValue = "200") @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return leases.expiring(LocalDate.now(clock), withinDays, limit);
    }

    @Operation(summary = "Get a lease", description = "One lease by id")
    @GetMapping("/{id}")
    Lease get(@PathVariable long id) {
        return leasing.get(id);
    }

    @Operation(summary = "Book a lease", description = "409 names the lease it would overlap")
    @PostMapping
    ResponseEntity<Lease> create(@Valid @RequestBody LeaseRequest request) {
        Lease lease = leasing.book(request);
        return ResponseEntity.created(URI.create("/api/v1/leases/" + lease.id()))
                .body(lease);
    }

    @Operation(
            summary = "Change a lease (STAFF)",
            description =
                    "Replaces member, space, dates, rate, deposit and notes; 409 names the lease it would overlap")
    @PutMapping("/{id}")
    Lease update(@PathVariable long id, @Valid @RequestBody LeaseRequest request) {
        return leasing.change(id, request);
    }

    @Operation(summary = "End a lease", description = "'on' is the first day the space is free again")
    @PostMapping("/{id}/end")
    Lease end(@PathVariable long id, @Valid @RequestBody EndLeaseRequest request) {
        return leasing.end(id, request.on());
    }

    @Operation(
            summary = "Cancel a lease (STAFF)",
            description = "The space is free for the whole period again; days already billed are credited")
    @PostMapping("/{id}/cancel")
    Lease cancel(@PathVariable long id) {
        return leasing.cancel(id);
    }

    @Operation(
            summary = "A lease's rate changes",
            description = "Days not covered by a change use the lease's own rate")
    @GetMapping("/{id}/rates")
    List<LeaseRate> rates(@PathVariable long id) {
        leasing.get(id);
        return leases.rates(id);
    }

    @Operation(
            summary = "Change a lease's rate from a day onward (or for [from, to))",
            description = "409 when it overlaps another rate change; days already billed at the old rate are"
                    + " credited and billed again at the new rate by the next invoice run")
    @PostMapping("/{id}/rates")
    ResponseEntity<LeaseRate> changeRate(@PathVariable long id, @Valid @RequestBody RateChangeRequest request) {
        LeaseRate rate = leasing.changeRate(id, request);
        return ResponseEntity.created(URI.create("/api/v1/leases/" + id + "/rates"))
                .body(rate);
    }

    @Operation(
            summary = "Delete a cancelled lease",
            description = "409 unless the lease is cancelled, or once it has been invoiced (it stays, cancelled)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        leasing.delete(id);
        return ResponseEntity.noContent().build();
    }
}
