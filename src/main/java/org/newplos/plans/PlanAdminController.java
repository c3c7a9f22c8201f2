package org.newplos.plans;

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
import org.newplos.common.PageRequest;
import org.newplos.common.UiController;
import org.newplos.csv.CsvExport;
import org.newplos.spaces.SpaceType;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Plans in the admin UI: everyone sees them, admins change them. */
@UiController
@RequestMapping("/plans")
class PlanAdminController {

    private final Plans plans;
    private final AuditLog audit;
    private final Validator validator;

    PlanAdminController(Plans plans, AuditLog audit, Validator validator) {
        this.plans = plans;
        this.audit = audit;
        this.validator = validator;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) @Nullable Boolean active,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        model.addAttribute("active", active);
        model.addAttribute("plans", all(active));
        return htmx ? "plans/list :: results" : "plans/list";
    }

    @GetMapping("/export.csv")
    void export(@RequestParam(required = false) @Nullable Boolean active, HttpServletResponse response)
            throws IOException {
        CsvExport.send(
                response,
                "plans.csv",
                List.of("id", "name", "description", "price", "billing_period", "space_type", "active"),
                row -> all(active)
                        .forEach(p -> row.accept(List.of(
                                p.id(),
                                p.name(),
                                p.description(),
                                p.price(),
                                p.billingPeriod(),
                                p.spaceType() == null ? "" : p.spaceType(),
                                p.active()))));
    }

    @GetMapping("/new")
    String createForm(Model model) {
        return form(model, new PlanRequest("", "", null, BillingPeriod.MONTHLY, null, true, null), null, Map.of());
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") PlanRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, form, null, FormErrors.of(binding, validator, form));
        }
        try {
            return "redirect:/plans/" + plans.create(form).id() + "?created";
        } catch (ConflictException e) {
            response.setStatus(422);
            return form(model, form, null, Map.of("name", e.getMessage()));
        }
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("plan", plans.get(id));
        model.addAttribute("history", audit.forRecord("plan", id, 50));
        return htmx ? "plans/show :: content" : "plans/show";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        Plan p = plans.get(id);
        return form(
                model,
                new PlanRequest(
                        p.name(),
                        p.description(),
                        p.price(),
                        p.billingPeriod(),
                        p.spaceType(),
                        p.active(),
                        p.roomCreditHours()),
                id,
                Map.of());
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("form") PlanRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        plans.get(id);
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, form, id, FormErrors.of(binding, validator, form));
        }
        try {
            plans.update(id, form);
            return "redirect:/plans/" + id + "?saved";
        } catch (ConflictException e) {
            response.setStatus(422);
            return form(model, form, id, Map.of("name", e.getMessage()));
        }
    }

    private List<Plan> all(@Nullable Boolean active) {
        return plans.list(active, new PageRequest(0, PageRequest.MAX_LIMIT)).items();
    }

    private String form(Model model, PlanRequest form, @Nullable Long id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("planId", id);
        model.addAttribute("pageTitle", id == null ? "New plan" : "Edit " + form.name());
        model.addAttribute("errors", errors);
        model.addAttribute("periods", BillingPeriod.values());
        model.addAttribute("types", SpaceType.values());
        return "plans/form";
    }
}
