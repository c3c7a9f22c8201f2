package org.newplos.billing;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.FormErrors;
import org.newplos.common.InvalidInputException;
import org.newplos.common.PageRequest;
import org.newplos.common.QueryString;
import org.newplos.common.UiController;
import org.newplos.csv.CsvExport;
import org.newplos.locations.Locations;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Invoices in the admin UI: the filtered list with its CSV export, an invoice's page (lines, payments,
 * credit notes, history) with what staff do to it (issue, void, add a charge or discount, record a payment),
 * and its PDF.
 */
@UiController
@RequestMapping("/invoices")
class InvoiceAdminController {

    static final int PAGE_SIZE = 50;
    static final List<String> CSV_HEADER = List.of(
            "id",
            "number",
            "kind",
            "status",
            "location",
            "member_id",
            "billed_to",
            "issued_on",
            "due_on",
            "currency",
            "net",
            "vat",
            "total",
            "outstanding");

    private final Invoices invoices;
    private final Billing billing;
    private final InvoiceDocuments documents;
    private final InvoicePdf pdf;
    private final Locations locations;
    private final AuditLog audit;
    private final Validator validator;
    private final Clock clock;

    InvoiceAdminController(
            Invoices invoices,
            Billing billing,
            InvoiceDocuments documents,
            InvoicePdf pdf,
            Locations locations,
            AuditLog audit,
            Validator validator,
            Clock clock) {
        this.invoices = invoices;
        this.billing = billing;
        this.documents = documents;
        this.pdf = pdf;
        this.locations = locations;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
    }

    /** The list's filter and position, kept in links and the export. {@code issuedTo} is inclusive. */
    record ListQuery(
            @Nullable Long locationId,
            @Nullable InvoiceStatus status,
            @Nullable InvoiceKind kind,
            @Nullable Long memberId,
            @Nullable Long runId,
            @Nullable Boolean overdue,

            @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate issuedFrom,

            @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate issuedTo,

            @Nullable Long after) {

        InvoiceFilter filter(LocalDate today) {
            return new InvoiceFilter(
                    locationId,
                    status,
                    kind,
                    memberId,
                    runId,
                    Boolean.TRUE.equals(overdue) ? today : null,
                    issuedFrom,
                    issuedTo == null ? null : issuedTo.plusDays(1));
        }

        public String link(String path, @Nullable Long cursor) {
            return QueryString.of(path)
                    .with("locationId", locationId)
                    .with("status", status)
                    .with("kind", kind)
                    .with("memberId", memberId)
                    .with("runId", runId)
                    .with("overdue", Boolean.TRUE.equals(overdue) ? true : null)
                    .with("issuedFrom", issuedFrom)
                    .with("issuedTo", issuedTo)
                    .with("after", cursor)
                    .toString();
        }
    }

    @GetMapping
    String list(
            @ModelAttribute("query") ListQuery query,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        model.addAttribute(
                "page", invoices.list(query.filter(LocalDate.now(clock)), PageRequest.of(query.after(), PAGE_SIZE)));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("locations", locations.all());
        model.addAttribute("statuses", InvoiceStatus.values());
        model.addAttribute("kinds", InvoiceKind.values());
        return htmx ? "billing/list :: results" : "billing/list";
    }

    @GetMapping("/export.csv")
    void export(@ModelAttribute("query") ListQuery query, HttpServletResponse response) throws IOException {
        InvoiceFilter filter = query.filter(LocalDate.now(clock));
        CsvExport.send(
                response,
                "invoices.csv",
                CSV_HEADER,
                row -> CsvExport.eachItem(
                        (@Nullable Invoice last) -> invoices.list(
                                filter, new PageRequest(last == null ? 0 : last.id(), PageRequest.MAX_LIMIT)),
                        i -> row.accept(List.of(
                                i.id(),
                                i.number() == null ? "" : i.number(),
                                i.kind(),
                                i.status(),
                                i.locationCode(),
                                i.memberId(),
                                i.billingName(),
                                i.issuedOn() == null ? "" : i.issuedOn(),
                                i.dueOn() == null ? "" : i.dueOn(),
                                i.currency(),
                                i.netTotal(),
                                i.vatTotal(),
                                i.total(),
                                i.outstanding() == null ? "" : i.outstanding()))));
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        show(id, model, Forms.blank());
        return htmx ? "billing/show :: content" : "billing/show";
    }

    @GetMapping("/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        InvoiceDocument document = documents.get(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(InvoicePdf.fileName(document.invoice()))
                                .build()
                                .toString())
                .body(pdf.render(document));
    }

    @PostMapping("/{id}/issue")
    String issue(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            Model model,
            HttpServletResponse response) {
        try {
            if (on == null) {
                throw new InvalidInputException("on", "Choose the day the invoice is issued on.");
            }
            billing.issue(id, on);
            return "redirect:/invoices/" + id + "?issued";
        } catch (InvalidInputException | ConflictException e) {
            return refused(id, model, response, e);
        }
    }

    @PostMapping("/{id}/void")
    String voidDraft(@PathVariable long id, Model model, HttpServletResponse response) {
        try {
            billing.voidDraft(id);
            return "redirect:/invoices/" + id + "?voided";
        } catch (ConflictException e) {
            return refused(id, model, response, e);
        }
    }

    /** A one-off charge (positive amount) or discount (negative amount) on a draft. */
    @PostMapping("/{id}/lines")
    String addLine(
            @PathVariable long id,
            @Valid @ModelAttribute("lineForm") LineRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        Forms forms = Forms.blank().withLine(form, Map.of());
        if (binding.hasErrors()) {
            response.setStatus(422);
            show(id, model, forms.withLine(form, FormErrors.of(binding, validator, form)));
            return "billing/show";
        }
        try {
            billing.addLine(id, form);
            return "redirect:/invoices/" + id + "?line-added";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            show(id, model, forms.withLine(form, FormErrors.of(e)));
            return "billing/show";
        } catch (ConflictException e) {
            response.setStatus(409);
            show(id, model, forms.withError(e.getMessage()));
            return "billing/show";
        }
    }

    @PostMapping("/{id}/payments")
    String recordPayment(
            @PathVariable long id,
            @Valid @ModelAttribute("paymentForm") PaymentForm form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        Forms forms = Forms.blank().withPayment(form, Map.of());
        if (binding.hasErrors()) {
            response.setStatus(422);
            show(id, model, forms.withPayment(form, FormErrors.of(binding, validator, form)));
            return "billing/show";
        }
        try {
            billing.recordPayment(form.toRequest(id));
            return "redirect:/invoices/" + id + "?paid";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            show(id, model, forms.withPayment(form, FormErrors.of(e)));
            return "billing/show";
        } catch (ConflictException e) {
            response.setStatus(409);
            show(id, model, forms.withError(e.getMessage()));
            return "billing/show";
        }
    }

    /** The invoice's page again, with the refusal on top: 409 for a rule, 422 for input. */
    private String refused(long id, Model model, HttpServletResponse response, RuntimeException e) {
        response.setStatus(e instanceof ConflictException ? 409 : 422);
        show(id, model, Forms.blank().withError(e.getMessage()));
        return "billing/show";
    }

    /** The forms of the page as the user left them, with their errors, and a refusal to show on top. */
    record Forms(
            @Nullable LineRequest line,
            Map<String, String> lineErrors,
            @Nullable PaymentForm payment,
            Map<String, String> paymentErrors,
            @Nullable String error) {

        static Forms blank() {
            return new Forms(null, Map.of(), null, Map.of(), null);
        }

        Forms withLine(LineRequest form, Map<String, String> errors) {
            return new Forms(form, errors, payment, paymentErrors, error);
        }

        Forms withPayment(PaymentForm form, Map<String, String> errors) {
            return new Forms(line, lineErrors, form, errors, error);
        }

        Forms withError(String message) {
            return new Forms(line, lineErrors, payment, paymentErrors, message);
        }
    }

    private void show(long id, Model model, Forms forms) {
        InvoiceDocument document = documents.get(id);
        LocalDate today = document.location().today(clock.instant());
        Invoice invoice = document.invoice();
        model.addAttribute("doc", document);
        model.addAttribute("invoice", invoice);
        model.addAttribute("today", today);
        model.addAttribute("history", audit.forRecord("invoice", id, 50));
        model.addAttribute("error", forms.error());
        model.addAttribute("lineForm", forms.line() != null ? forms.line() : new LineRequest("", null, null));
        model.addAttribute("lineErrors", forms.lineErrors());
        model.addAttribute(
                "paymentForm",
                forms.payment() != null
                        ? forms.payment()
                        : new PaymentForm(PaymentMethod.BANK_TRANSFER, today, invoice.outstanding(), ""));
        model.addAttribute("paymentErrors", forms.paymentErrors());
        model.addAttribute("methods", PaymentMethod.values());
    }
}
