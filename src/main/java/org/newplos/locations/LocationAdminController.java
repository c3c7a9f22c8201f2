package org.newplos.locations;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.FormErrors;
import org.newplos.common.InvalidInputException;
import org.newplos.common.UiController;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/** Locations in the admin UI: everyone sees them, admins add and change them (VAT, terms, lock date). */
@UiController
@RequestMapping("/locations")
class LocationAdminController {

    /** IANA zone names for the form's suggestions, sorted. */
    static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private final Locations locations;
    private final AuditLog audit;
    private final Validator validator;

    LocationAdminController(Locations locations, AuditLog audit, Validator validator) {
        this.locations = locations;
        this.audit = audit;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("locations", locations.all());
        return htmx ? "locations/list :: results" : "locations/list";
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("location", locations.get(id));
        model.addAttribute("history", audit.forRecord("location", id, 50));
        return htmx ? "locations/show :: content" : "locations/show";
    }

    @GetMapping("/new")
    String createForm(Model model) {
        LocationRequest blank = new LocationRequest(
                "",
                "",
                "Europe/Amsterdam",
                "EUR",
                "",
                new BigDecimal("21.00"),
                14,
                "",
                null,
                null,
                null,
                null,
                LocationRequest.DEFAULT_LEASE_REMINDER_DAYS,
                List.of(3, 10, 30));
        return form(model, blank, null, Map.of(), null);
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") LocationRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(422);
            model.addAttribute("typed", typed(binding));
            return form(model, form, null, FormErrors.of(binding, validator, form), null);
        }
        try {
            return "redirect:/locations/" + locations.create(form).id() + "?created";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return form(model, form, null, FormErrors.of(e), null);
        } catch (ConflictException e) {
            response.setStatus(409);
            return form(model, form, null, Map.of("code", e.getMessage()), null);
        }
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        Location l = locations.get(id);
        LocationRequest current = LocationRequest.of(l);
        return form(model, current, id, Map.of(), null);
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("form") LocationRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        locations.get(id);
        if (binding.hasErrors()) {
            response.setStatus(422);
            model.addAttribute("typed", typed(binding));
            return form(model, form, id, FormErrors.of(binding, validator, form), null);
        }
        try {
            locations.update(id, form);
            return "redirect:/locations/" + id + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return form(model, form, id, FormErrors.of(e), null);
        } catch (ConflictException e) {
            response.setStatus(409);
            return form(model, form, id, Map.of(), e.getMessage());
        }
    }

    /** What was typed into the reminder-day fields that did not convert ("30, soon"), shown again as typed. */
    private static Map<String, String> typed(BindingResult binding) {
        Map<String, String> typed = new java.util.HashMap<>();
        for (String field : List.of("leaseReminderDays", "overdueReminderDays")) {
            var error = binding.getFieldError(field);
            if (error != null && error.getRejectedValue() != null) {
                Object value = error.getRejectedValue();
                typed.put(field, value instanceof String[] parts ? String.join(", ", parts) : value.toString());
            }
        }
        return typed;
    }

    /** One message per field: a problem with one reminder day ({@code leaseReminderDays[1]}) is its list's. */
    private static Map<String, String> byField(Map<String, String> errors) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        errors.forEach((field, message) -> fields.putIfAbsent(field.replaceAll("\\[.*$", ""), message));
        return fields;
    }

    private String form(
            Model model,
            LocationRequest form,
            @Nullable Long id,
            Map<String, String> errors,
            @Nullable String problem) {
        model.addAttribute("form", form);
        model.addAttribute("locationId", id);
        model.addAttribute("pageTitle", id == null ? "New location" : "Edit " + form.name());
        model.addAttribute("errors", byField(errors));
        model.addAttribute("problem", problem);
        model.addAttribute("zones", ZONES);
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        return "locations/form";
    }
}
