package org.newplos.notifications;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.FormErrors;
import org.newplos.common.InvalidInputException;
import org.newplos.common.PageRequest;
import org.newplos.common.UiController;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhooks in the admin UI (ADMIN only): endpoints with their secret shown once after creation, a test ping
 * whose answer shows at once, and the delivery log with each delivery's payload, attempts and "send again".
 */
@UiController
@RequestMapping("/webhooks")
class WebhookAdminController {

    /** The delivery log's page length. */
    static final int LOG_PAGE = 25;

    private final Webhooks webhooks;
    private final AuditLog audit;
    private final Validator validator;

    WebhookAdminController(Webhooks webhooks, AuditLog audit, Validator validator) {
        this.webhooks = webhooks;
        this.audit = audit;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("endpoints", webhooks.all());
        return htmx ? "webhooks/list :: results" : "webhooks/list";
    }

    @GetMapping("/new")
    String createForm(Model model) {
        return form(model, new WebhookRequest("https://", "", List.of(), true), null, Map.of());
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") WebhookRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        WebhookRequest request = form.withEnabled(Boolean.TRUE.equals(form.enabled()));
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, request, null, FormErrors.of(binding, validator, form));
        }
        try {
            NewWebhookEndpoint created = webhooks.create(request);
            redirect.addFlashAttribute("secret", created.secret());
            return "redirect:/webhooks/" + created.id() + "?created";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return form(model, request, null, FormErrors.of(e));
        }
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id,
            @RequestParam(required = false) Message.@Nullable Status status,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        model.addAttribute("endpoint", webhooks.get(id));
        model.addAttribute("history", audit.forRecord("webhook_endpoint", id, 20));
        if (model.getAttribute("pingId") instanceof Long ping) {
            model.addAttribute("ping", webhooks.delivery(ping).delivery());
        }
        log(model, id, status, null);
        return htmx ? "webhooks/show :: content" : "webhooks/show";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        return form(model, WebhookRequest.of(webhooks.get(id)), id, Map.of());
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("form") WebhookRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        webhooks.get(id);
        WebhookRequest request = form.withEnabled(Boolean.TRUE.equals(form.enabled()));
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, request, id, FormErrors.of(binding, validator, form));
        }
        try {
            webhooks.update(id, request);
            return "redirect:/webhooks/" + id + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return form(model, request, id, FormErrors.of(e));
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id) {
        webhooks.delete(id);
        return "redirect:/webhooks?deleted";
    }

    @PostMapping("/{id}/secret")
    String rotateSecret(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("secret", webhooks.rotateSecret(id).secret());
        return "redirect:/webhooks/" + id + "?rotated";
    }

    /** Sends a test ping now; htmx gets the result in place (and the log refreshes), a plain form a redirect. */
    @PostMapping("/{id}/ping")
    String ping(
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        WebhookDelivery.Detail ping = webhooks.ping(id);
        if (htmx) {
            response.setHeader("HX-Trigger", "deliveries-changed");
            model.addAttribute("ping", ping.delivery());
            return "webhooks/show :: ping-result";
        }
        redirect.addFlashAttribute("pingId", ping.delivery().id());
        return "redirect:/webhooks/" + id;
    }

    /** An endpoint's delivery log, narrowed by status, paged by id; as its own page or the partial. */
    @GetMapping("/{id}/deliveries")
    String deliveries(
            @PathVariable long id,
            @RequestParam(required = false) Message.@Nullable Status status,
            @RequestParam(required = false) @Nullable Long before,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        model.addAttribute("endpoint", webhooks.get(id));
        log(model, id, status, before);
        return htmx ? "webhooks/deliveries :: log" : "webhooks/deliveries";
    }

    @GetMapping("/deliveries/{id}")
    String delivery(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("detail", webhooks.delivery(id));
        return htmx ? "webhooks/delivery :: detail" : "webhooks/delivery";
    }

    /** "Send again": due now and tried at once; htmx gets the delivery in place, a plain form a redirect. */
    @PostMapping("/deliveries/{id}/retry")
    String sendAgain(
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model,
            HttpServletResponse response) {
        try {
            model.addAttribute("detail", webhooks.sendAgain(id));
            model.addAttribute("sentAgain", true);
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("detail", webhooks.delivery(id));
            model.addAttribute("problem", e.getMessage());
        }
        if (htmx) {
            return "webhooks/delivery :: detail";
        }
        return response.getStatus() == 409 ? "webhooks/delivery" : "redirect:/webhooks/deliveries/" + id + "?sent";
    }

    private void log(Model model, long id, Message.@Nullable Status status, @Nullable Long before) {
        PageRequest page = PageRequest.of(before, LOG_PAGE);
        model.addAttribute("deliveries", webhooks.deliveries(id, status, page.after(), page.limit()));
        model.addAttribute("status", status);
        model.addAttribute("before", before);
        model.addAttribute("statuses", Message.Status.values());
    }

    private String form(Model model, WebhookRequest form, @Nullable Long id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("endpointId", id);
        model.addAttribute("pageTitle", id == null ? "New webhook endpoint" : "Edit webhook endpoint");
        model.addAttribute("errors", errors);
        model.addAttribute("eventTypes", Webhooks.eventTypes());
        return "webhooks/form";
    }
}
