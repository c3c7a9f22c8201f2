package org.newplos.leases;

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

/** Leases in the admin UI: the list, a lease's page with end and cancel, and booking a new one. */
@UiController
@RequestMapping("/leases")
class LeaseAdminController {

    static final int PAGE_SIZE = 50;
    static final List<String> CSV_HEADER = List.of(
            "id", "member_id", "member", "space_id", "space", "start", "end", "monthly_rate", "deposit", "status");

    private final Leases leases;
    private final Leasing leasing;
    private final AuditLog audit;
    private final Validator validator;
    private final Clock clock;
    private final Availability availability;

    LeaseAdminController(
            Leases leases,
            Leasing leasing,
            Availability availability,
            AuditLog audit,
            Validator validator,
            Clock clock) {
        this.availability = availability;
        this.leases = leases;
        this.leasing = leasing;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
    }

    /** The list's filter and position, kept in links and the export. */
    record ListQuery(
            @Nullable LeaseStatus status,
            @Nullable Long memberId,
            @Nullable Long spaceId,

            @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate activeOn,

            @Nullable Long after) {

        LeaseFilter filter() {
            return new LeaseFilter(memberId, spaceId, status, activeOn);
        }

        public String link(String path, @Nullable Long cursor) {
            return QueryString.of(path)
                    .with("status", status)
                    .with("memberId", memberId)
                    .with("spaceId", spaceId)
                    .with("activeOn", activeOn)
                    .with("after", cursor)
                    .toString();
        }
    }

    @GetMapping
    String list(
            @ModelAttribute("query") ListQuery query,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        model.addAttribute("page", leases.list(query.filter(), PageRequest.of(query.after(), PAGE_SIZE)));
        model.addAttribute("statuses", LeaseStatus.values());
        return htmx ? "leases/list :: results" : "leases/list";
    }

    @GetMapping("/export.csv")
    void export(@ModelAttribute("query") ListQuery query, HttpServletResponse response) throws IOException {
        CsvExport.send(
                response,
                "leases.csv",
                CSV_HEADER,
                row -> CsvExport.eachItem(
                        (@Nullable Lease last) -> leases.list(
                                query.filter(), new PageRequest(last == null ? 0 : last.id(), PageRequest.MAX_LIMIT)),
                        l -> row.accept(List.of(
                                l.id(),
                                l.memberId(),
                                l.memberName(),
                                l.spaceId(),
                                l.spaceCode(),
                                l.start(),
                                l.end() == null ? "" : l.end(),
                                l.monthlyRate(),
                                l.deposit(),
                                l.status()))));
    }

    @GetMapping("/new")
    String createForm(
            @RequestParam(required = false) @Nullable Long memberId,
            @RequestParam(required = false) @Nullable Long spaceId,
            Model model) {
        LocalDate today = LocalDate.now(clock);
        return form(model, new LeaseRequest(memberId, spaceId, today, null, null, null, null), Map.of(), null);
    }

    /** The spaces free for the period on the form, as options; htmx refreshes them as the dates change. */
    @GetMapping("/free-spaces")
    String freeSpaces(
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate end,
            @RequestParam(required = false) @Nullable Long spaceId,
            Model model) {
        addFreeSpaces(model, start, end, spaceId);
        return "leases/form :: space-options";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") LeaseRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, form, FormErrors.of(binding, validator, form), null);
        }
        try {
            return "redirect:/leases/" + leasing.book(form).id() + "?created";
        } catch (LeaseConflictException e) {
            response.setStatus(409);
            return form(model, form, Map.of(), e);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return form(model, form, FormErrors.of(e), null);
        }
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        return show(id, htmx, model, null);
    }

    @PostMapping("/{id}/end")
    String end(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            Model model,
            HttpServletResponse response) {
        try {
            if (on == null) {
                throw new InvalidInputException("on", "Choose the first day the space is free again.");
            }
            leasing.end(id, on);
            return "redirect:/leases/" + id + "?ended";
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 422);
            return show(id, false, model, e.getMessage());
        }
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id) {
        leasing.cancel(id);
        return "redirect:/leases/" + id + "?cancelled";
    }

    private String show(long id, boolean htmx, Model model, @Nullable String error) {
        Lease lease = leasing.get(id);
        model.addAttribute("lease", lease);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("error", error);
        model.addAttribute("history", audit.forRecord("lease", id, 50));
        return htmx ? "leases/show :: content" : "leases/show";
    }

    private String form(
            Model model, LeaseRequest form, Map<String, String> errors, @Nullable LeaseConflictException conflict) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict == null ? null : conflict.conflicting());
        model.addAttribute("conflictMessage", conflict == null ? null : conflict.getMessage());
        model.addAttribute(
                "memberLabel",
                form.memberId() == null
                        ? null
                        : leases.memberLabel(form.memberId()).orElse(null));
        addFreeSpaces(model, form.start(), form.end(), form.spaceId());
        return "leases/form";
    }

    private void addFreeSpaces(
            Model model, @Nullable LocalDate start, @Nullable LocalDate end, @Nullable Long selected) {
        model.addAttribute("selectedSpace", selected);
        try {
            Period period = Period.of(start, end, "start", "end");
            model.addAttribute(
                    "freeSpaces",
                    availability
                            .freeSpaces(period, null, new PageRequest(0, 200))
                            .items());
            model.addAttribute("periodProblem", null);
        } catch (InvalidInputException e) {
            model.addAttribute("freeSpaces", List.of());
            model.addAttribute(
                    "periodProblem",
                    start == null ? "Choose a start day first." : "Choose an end day after the start day.");
        }
    }
}
