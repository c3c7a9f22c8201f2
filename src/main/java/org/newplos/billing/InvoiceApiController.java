package org.newplos.billing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Invoices",
        description = "Invoices and credit notes: list, read, one-off drafts with charges and discounts, issue, void."
                + " Issued documents never change; corrections are credit notes.")
@RestController
class InvoiceApiController {

    private final Invoices invoices;
    private final Billing billing;
    private final Locations locations;
    private final Clock clock;

    InvoiceApiController(Invoices invoices, Billing billing, Locations locations, Clock clock) {
        this.invoices = invoices;
        this.billing = billing;
        this.locations = locations;
        this.clock = clock;
    }

    @Operation(
            summary = "List invoices and credit notes, newest first",
            description = "Every filter is optional. overdue=true keeps issued invoices past their due day today"
                    + " (in the location's time zone when locationId is given) with something outstanding;"
                    + " issuedFrom is inclusive, issuedTo exclusive. Keyset paging: pass the page's nextAfter as"
                    + " after. Credit notes alone: kind=CREDIT_NOTE (or GET /api/v1/credit-notes).")
    @GetMapping("/api/v1/invoices")
    Page<Invoice> list(
            @RequestParam(required = false) @Nullable Long locationId,
            @RequestParam(required = false) @Nullable InvoiceStatus status,
            @RequestParam(required = false) @Nullable InvoiceKind kind,
            @RequestParam(required = false) @Nullable Long memberId,
            @RequestParam(required = false) @Nullable Long runId,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate issuedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate issuedTo,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        LocalDate overdueOn = overdue ? today(locationId) : null;
        return invoices.list(
                new InvoiceFilter(locationId, status, kind, memberId, runId, overdueOn, issuedFrom, issuedTo),
                PageRequest.of(after, limit));
    }

    @Operation(
            summary = "List credit notes, newest first",
            description = "The invoice list with kind=CREDIT_NOTE: same filters and paging")
    @GetMapping("/api/v1/credit-notes")
    Page<Invoice> creditNotes(
            @RequestParam(required = false) @Nullable Long locationId,
            @RequestParam(required = false) @Nullable InvoiceStatus status,
            @RequestParam(required = false) @Nullable Long memberId,
            @RequestParam(required = false) @Nullable Long runId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate issuedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate issuedTo,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        return invoices.list(
                new InvoiceFilter(
                        locationId, status, InvoiceKind.CREDIT_NOTE, memberId, runId, null, issuedFrom, issuedTo),
                PageRequest.of(after, limit));
    }

    @Operation(
            summary = "An invoice or credit note with its lines, payments and credit notes",
            description = "outstanding is what is still owed of an issued invoice: payments and credit notes"
                    + " settle a member's oldest invoice first")
    @GetMapping("/api/v1/invoices/{id}")
    InvoiceDetail get(@PathVariable long id) {
        Invoice invoice = invoices.get(id);
        return new InvoiceDetail(invoice, invoices.lines(id), billing.payments(null, id), invoices.creditNotesFor(id));
    }

    @Operation(
            summary = "Start an empty draft invoice for a member at a location",
            description = "For one-off charges and discounts; add lines, then issue")
    @PostMapping("/api/v1/invoices")
    ResponseEntity<Invoice> create(@Valid @RequestBody DraftRequest request) {
        Location location = locations
                .find(request.locationId())
                .orElseThrow(
                        () -> new InvalidInputException("locationId", "no location with id " + request.locationId()));
        Invoice draft = billing.createDraft(request.memberId(), location.id());
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + draft.id()))
                .body(draft);
    }

    @Operation(
            summary = "Add a one-off charge (positive) or discount (negative) to a draft invoice",
            description = "409 when the invoice is issued or void (correct an issued invoice with a credit note)")
    @PostMapping("/api/v1/invoices/{id}/lines")
    ResponseEntity<InvoiceLine> addLine(@PathVariable long id, @Valid @RequestBody LineRequest request) {
        InvoiceLine line = billing.addLine(id, request);
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + id)).body(line);
    }

    @Operation(
            summary = "Issue a draft",
            description = "Gives it the next number of its location's series and dates it issuedOn (default today"
                    + " in the location's time zone). 409 when it is not a draft or issuedOn is on or before the"
                    + " lock date.")
    @PostMapping("/api/v1/invoices/{id}/issue")
    Invoice issue(@PathVariable long id, @RequestBody(required = false) @Nullable IssueRequest request) {
        Invoice draft = invoices.get(id);
        LocalDate on = request != null && request.issuedOn() != null
                ? request.issuedOn()
                : locations.get(draft.locationId()).today(clock.instant());
        return billing.issue(id, on);
    }

    @Operation(
            summary = "Void a draft",
            description = "It stays, VOID and without lines; the days it billed are billed again by the next run."
                    + " 409 for issued documents.")
    @PostMapping("/api/v1/invoices/{id}/void")
    Invoice voidDraft(@PathVariable long id) {
        return billing.voidDraft(id);
    }

    private LocalDate today(@Nullable Long locationId) {
        if (locationId == null) {
            return LocalDate.now(clock);
        }
        return locations.find(locationId).map(l -> l.today(clock.instant())).orElseGet(() -> LocalDate.now(clock));
    }
}
