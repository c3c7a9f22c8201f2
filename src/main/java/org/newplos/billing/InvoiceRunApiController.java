package org.newplos.billing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Invoice runs",
        description = "Bill everything due up to a day as DRAFT invoices, review the preview, then issue")
@RestController
@RequestMapping("/api/v1/invoice-runs")
class InvoiceRunApiController {

    private final InvoiceRuns runs;
    private final Invoices invoices;
    private final Billing billing;
    private final Locations locations;
    private final Clock clock;

    InvoiceRunApiController(InvoiceRuns runs, Invoices invoices, Billing billing, Locations locations, Clock clock) {
        this.runs = runs;
        this.invoices = invoices;
        this.billing = billing;
        this.locations = locations;
        this.clock = clock;
    }

    @Operation(
            summary = "Run billing for a location up to a day",
            description = "Creates DRAFT invoices (one per member) and draft credit notes (deposit refunds) for"
                    + " every day due up to asOf and not yet billed; re-running adds nothing. Answers 201 with the"
                    + " preview (counts, totals per VAT rate, per member); with dryRun, 200 and nothing is stored."
                    + " 409 when asOf is on or before the location's lock date, or another run of the location"
                    + " is in progress; 400 for an unknown location or an asOf more than a year ahead.")
    @PostMapping
    ResponseEntity<RunPreview> run(@Valid @RequestBody RunRequest request, Principal principal) {
        Location location = location(request);
        InvoiceRuns.checkAsOf(location, request.asOf(), clock.instant());
        RunPreview preview = runs.run(location.id(), request.asOf(), principal.getName(), request.preview());
        if (request.preview()) {
            return ResponseEntity.ok(preview);
        }
        return ResponseEntity.created(URI.create("/api/v1/invoice-runs/" + preview.runId()))
                .body(preview);
    }

    @Operation(summary = "A run's preview", description = "Counts and totals of the run's invoices (not void)")
    @GetMapping("/{id}")
    RunPreview get(@PathVariable long id) {
        return invoices.preview(id, false);
    }

    @Operation(
            summary = "Issue a run's drafts",
            description = "Numbers every DRAFT invoice and credit note of the run (gapless per location, kind and"
                    + " year) and dates them issuedOn, by default today in the location's time zone. 409 when"
                    + " issuedOn is on or before the lock date. Issuing again issues nothing more.")
    @PostMapping("/{id}/issue")
    IssuedRun issue(@PathVariable long id, @RequestBody(required = false) @Nullable IssueRequest request) {
        RunPreview before = invoices.preview(id, false);
        LocalDate on = request != null && request.issuedOn() != null
                ? request.issuedOn()
                : locations.byCode(before.locationCode()).today(clock.instant());
        int issued = billing.issueRun(id, on);
        return new IssuedRun(id, on, issued, invoices.preview(id, false));
    }

    private Location location(RunRequest request) {
        if (request.locationId() != null) {
            Location byId = locations
                    .find(request.locationId())
                    .orElseThrow(() ->
                            new InvalidInputException("locationId", "no location with id " + request.locationId()));
            if (request.location() != null && !request.location().equalsIgnoreCase(byId.code())) {
                throw new InvalidInputException(
                        "location", "is " + request.location() + " but locationId names " + byId.code());
            }
            return byId;
        }
        if (request.location() == null || request.location().isBlank()) {
            throw new InvalidInputException("location", "give a location code (or a locationId)");
        }
        return locations.byCode(request.location().strip());
    }
}
