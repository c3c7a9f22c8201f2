package org.newplos.spaces;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.FormErrors;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.newplos.common.QueryString;
import org.newplos.common.UiController;
import org.newplos.csv.CsvExport;
import org.newplos.locations.Locations;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/** Spaces in the admin UI: the filtered list, a space's page with its lease timeline, and the forms. */
@UiController
@RequestMapping("/spaces")
class SpaceAdminController {

    static final int PAGE_SIZE = 50;
    static final List<String> CSV_HEADER =
            List.of("id", "code", "name", "type", "capacity", "monthly_rate", "location", "active");

    private final Spaces spaces;
    private final Locations locations;
    private final AuditLog audit;
    private final Validator validator;

    SpaceAdminController(Spaces spaces, AuditLog audit, Validator validator, Locations locations) {
        this.spaces = spaces;
        this.locations = locations;
        this.audit = audit;
        this.validator = validator;
    }

    /** The list's filter and position, kept in links and the export. */
    record ListQuery(
            @Nullable String q,
            @Nullable SpaceType type,
            @Nullable Boolean active,
            @Nullable Long after,
            @Nullable String afterCode) {

        public String link(String path, @Nullable Space last) {
            return QueryString.of(path)
                    .with("q", q)
                    .with("type", type)
                    .with("active", active)
                    .with("after", last == null ? null : last.id())
                    .with("afterCode", last == null ? null : last.code())
                    .toString();
        }

        Page<Space> page(Spaces spaces, int size) {
            return spaces.browse(
                    type,
                    active,
                    q,
                    new PageRequest(after == null ? 0 : after, size),
                    afterCode == null ? "" : afterCode);
        }
    }

    @GetMapping
    String list(
            @ModelAttribute("query") ListQuery query,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        Page<Space> page = query.page(spaces, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute(
                "last",
                page.nextAfter() == null ? null : page.items().get(page.items().size() - 1));
        model.addAttribute("types", SpaceType.values());
        return htmx ? "spaces/list :: results" : "spaces/list";
    }

    @GetMapping("/export.csv")
    void export(@ModelAttribute("query") ListQuery query, HttpServletResponse response) throws IOException {
        CsvExport.send(
                response,
                "spaces.csv",
                CSV_HEADER,
                row -> CsvExport.eachItem(
                        (@Nullable Space last) -> new ListQuery(
                                        query.q(),
                                        query.type(),
                                        query.active(),
                                        last == null ? null : last.id(),
                                        last == null ? null : last.code())
                                .page(spaces, PageRequest.MAX_LIMIT),
                        s -> row.accept(List.of(
                                s.id(),
                                s.code(),
                                s.name(),
                                s.type(),
                                s.capacity(),
                                s.monthlyRate(),
                                s.location(),
                                s.active()))));
    }

    @GetMapping("/new")
    String createForm(Model model) {
        return form(model, new SpaceRequest("", "", SpaceType.DESK, 1, null, "", true, null, null), null, Map.of());
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") SpaceRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, form, null, FormErrors.of(binding, validator, form));
        }
        try {
            return "redirect:/spaces/" + spaces.create(form).id() + "?created";
        } catch (ConflictException e) {
            response.setStatus(422);
            return form(model, form, null, Map.of("code", e.getMessage()));
        }
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("space", spaces.get(id));
        model.addAttribute("history", audit.forRecord("space", id, 50));
        return htmx ? "spaces/show :: content" : "spaces/show";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        Space s = spaces.get(id);
        return form(
                model,
                new SpaceRequest(
                        s.code(),
                        s.name(),
                        s.type(),
                        s.capacity(),
                        s.monthlyRate(),
                        s.location(),
                        s.active(),
                        s.locationId(),
                        s.hourlyRate()),
                id,
                Map.of());
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("form") SpaceRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        spaces.get(id);
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, form, id, FormErrors.of(binding, validator, form));
        }
        try {
            spaces.update(id, form);
            return "redirect:/spaces/" + id + "?saved";
        } catch (ConflictException e) {
            response.setStatus(422);
            return form(model, form, id, Map.of("code", e.getMessage()));
        }
    }

    private String form(Model model, SpaceRequest form, @Nullable Long id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("spaceId", id);
        model.addAttribute("pageTitle", id == null ? "New space" : "Edit " + form.code());
        model.addAttribute("errors", errors);
        model.addAttribute("types", SpaceType.values());
        model.addAttribute("billingLocations", locations.all());
        return "spaces/form";
    }
}
