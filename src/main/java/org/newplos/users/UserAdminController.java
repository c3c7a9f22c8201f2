package org.newplos.users;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.security.Principal;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestParam;

/** Staff accounts (ADMIN only): who may sign in, and with which role. */
@UiController
@RequestMapping("/users")
class UserAdminController {

    private final Users users;
    private final AuditLog audit;
    private final Validator validator;

    UserAdminController(Users users, AuditLog audit, Validator validator) {
        this.users = users;
        this.audit = audit;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("history", audit.recent("user", null, 20).items());
        return htmx ? "users/list :: content" : "users/list";
    }

    @GetMapping("/new")
    String createForm(Model model) {
        return form(model, new NewUser("", "", Role.STAFF, ""), Map.of());
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") NewUser form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(422);
            return form(model, form, FormErrors.of(binding, validator, form));
        }
        try {
            users.create(
                    form.email(), form.displayName() == null ? "" : form.displayName(), form.role(), form.password());
            return "redirect:/users?created";
        } catch (ConflictException e) {
            response.setStatus(422);
            return form(model, form, Map.of("email", e.getMessage()));
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return form(model, form, FormErrors.of(e));
        }
    }

    /** A new role: the user's sessions end, their API tokens act with the new role. */
    @PostMapping("/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam Role role, Principal principal) {
        refuseOwnAccount(id, principal);
        users.changeRole(id, role);
        return "redirect:/users?changed";
    }

    /** Disabling ends the user's sessions and revokes their API tokens; enabling lets them sign in again. */
    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, Principal principal) {
        refuseOwnAccount(id, principal);
        users.setEnabled(id, enabled);
        return "redirect:/users?" + (enabled ? "enabled" : "disabled");
    }

    /** An admin demoting or disabling themselves could leave nobody to undo it. */
    private void refuseOwnAccount(long id, Principal principal) {
        users.findByEmail(principal.getName()).filter(me -> me.id() == id).ifPresent(me -> {
            throw new ConflictException("You cannot change your own role or disable yourself; ask another admin.");
        });
    }

    private String form(Model model, NewUser form, Map<String, String> errors) {
        model.addAttribute("form", new NewUser(form.email(), form.displayName(), form.role(), ""));
        model.addAttribute("errors", errors);
        model.addAttribute("roles", Role.values());
        return "users/form";
    }
}
