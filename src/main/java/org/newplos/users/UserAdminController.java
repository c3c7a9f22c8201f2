package org.newplos.users;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

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

    private String form(Model model, NewUser form, Map<String, String> errors) {
        model.addAttribute("form", new NewUser(form.email(), form.displayName(), form.role(), ""));
        model.addAttribute("errors", errors);
        model.addAttribute("roles", Role.values());
        return "users/form";
    }
}
