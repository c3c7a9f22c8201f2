package org.newplos.billing;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.FormErrors;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.PageRequest;
import org.newplos.common.QueryString;
import org.newplos.common.UiController;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.springframework.format.annotation.DateTimeFormat;
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
 * Billing runs in the admin UI: choose a location and a day, preview (a dry run, nothing kept), create the
 * drafts, review them on the run's page, issue them all, then find them in the invoice list.
 */
@UiController
@RequestMapping("/invoice-runs")
class InvoiceRunController {

    private final InvoiceRuns runs;
    private final Invoices invoices;
    private final Billing billing;
    private final Receivables receivables;
    private final Locations locations;
    private final Validator validator;
    private final AuditLog audit;
    private final Clock clock;

    InvoiceRunController(
            InvoiceRuns runs,
            Invoices invoices,
            Billing billing,
            Receivables receivables,
            Locations locations,
            Validator validator,
            AuditLog audit,
            Clock clock) {
        this.audit = audit;
        this.runs = runs;
        this.invoices = invoices;
        this.billing = billing;
        this.receivables = receivables;
        this.locations = locations;
        this.validator = validator;
        this.clock = clock;
    }

    @GetMapping
    String list(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("runs", receivables.recentRuns(50));
        return htmx ? "billing/runs :: results" : "billing/runs";
    }

    @GetMapping("/new")
    String form(@RequestParam(required = false) @Nullable Long locationId, Model model) {
        List<Location> all = locations.all();
        Location location = all.stream()
                .filter(l -> locationId == null || l.id() == locationId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("location", Objects.requireNonNullElse(locationId, 0L)));
        return form(model, new RunForm(location.id(), location.today(clock.instant())), Map.of(), null, null);
    }

    /** A dry run: what a run would bill, rolled back. As an htmx request, only the preview is sent. */
    @PostMapping("/preview")
    String preview(
            @Valid @ModelAttribute("form") RunForm form,
            BindingResult binding,
            Principal user,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model,
            HttpServletResponse response) {
        Map<String, String> errors = check(form, binding);
        RunPreview preview = null;
        String problem = null;
        if (errors.isEmpty()) {
            try {
                preview = runs.run(form.locationId(), form.asOf(), user.getName(), true);
            } catch (ConflictException e) {
                response.setStatus(409);
                problem = e.getMessage();
            }
        } else {
            response.setStatus(422);
        }
        form(model, form, errors, preview, problem);
        return htmx ? "billing/run-form :: run" : "billing/run-form";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") RunForm form,
            BindingResult binding,
            Principal user,
            Model model,
            HttpServletResponse response) {
        Map<String, String> errors = check(form, binding);
        if (!errors.isEmpty()) {
            response.setStatus(422);
            return form(model, form, errors, null, null);
        }
        try {
            RunPreview made = runs.run(form.locationId(), form.asOf(), user.getName(), false);
            return "redirect:/invoice-runs/" + made.runId() + "?created";
        } catch (ConflictException e) {
            response.setStatus(409);
            return form(model, form, Map.of(), null, e.getMessage());
        }
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        show(id, model, null, null);
        return htmx ? "billing/run :: content" : "billing/run";
    }

    /** Issues every draft of the run on one day, then shows them in the invoice list. */
    @PostMapping("/{id}/issue")
    String issue(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            Model model,
            HttpServletResponse response) {
        try {
            if (on == null) {
                throw new InvalidInputException("on", "Choose the day the invoices are issued on.");
            }
            int issued = billing.issueRun(id, on);
            return "redirect:" + QueryString.of("/invoices").with("runId", id).with("issued", issued);
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 422);
            show(id, model, on, e.getMessage());
            return "billing/run";
        }
    }

    private void show(long id, Model model, @Nullable LocalDate on, @Nullable String error) {
        Location location = locations.get(
                receivables.locationOfRun(id).orElseThrow(() -> new NotFoundException("invoice run", id)));
        RunPreview preview = invoices.preview(id, false);
        model.addAttribute("preview", preview);
        model.addAttribute("location", location);
        InvoiceFilter drafts = new InvoiceFilter(null, InvoiceStatus.DRAFT, null, null, id, null, null, null);
        model.addAttribute(
                "drafts", !invoices.list(drafts, new PageRequest(0, 1)).items().isEmpty());
        model.addAttribute("issueOn", on != null ? on : location.today(clock.instant()));
        model.addAttribute("error", error);
        model.addAttribute("history", audit.forRecord("invoice_run", id, 50));
    }

    /** Form errors, including a location that does not exist (a 422 on the form, not a 404 page). */
    private Map<String, String> check(RunForm form, BindingResult binding) {
        if (binding.hasErrors()) {
            return FormErrors.of(binding, validator, form);
        }
        var location = locations.find(Objects.requireNonNull(form.locationId()));
        if (location.isEmpty()) {
            return Map.of("locationId", "A location with id " + form.locationId() + " does not exist.");
        }
        try {
            InvoiceRuns.checkAsOf(location.get(), Objects.requireNonNull(form.asOf()), clock.instant());
        } catch (InvalidInputException e) {
            return Map.of("asOf", "The day " + e.errors().get(0).message() + ".");
        }
        return Map.of();
    }

    private String form(
            Model model,
            RunForm form,
            Map<String, String> errors,
            @Nullable RunPreview preview,
            @Nullable String problem) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("locations", locations.all());
        model.addAttribute("preview", preview);
        model.addAttribute("problem", problem);
        return "billing/run-form";
    }
}
