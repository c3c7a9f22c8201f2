package org.newplos.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import org.newplos.common.NotFoundException;
import org.newplos.common.UiController;
import org.newplos.security.MemberPrincipal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * My details: name, phone, company, billing address (saved at once, audited with the member as actor); a new
 * email address (changed only once the link sent to it is used); the download of everything Newplos holds.
 */
@UiController
@RequestMapping("/portal/details")
class DetailsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MemberAccounts accounts;
    private final MemberSignIn signIn;
    private final Privacy privacy;
    private final PortalSettings settings;
    private final Clock clock;

    DetailsController(
            MemberAccounts accounts, MemberSignIn signIn, Privacy privacy, PortalSettings settings, Clock clock) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.privacy = privacy;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    String show(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        Account account = account(me);
        model.addAttribute("account", account);
        model.addAttribute("form", DetailsForm.of(account));
        return "portal/details";
    }

    @PostMapping
    String save(
            @AuthenticationPrincipal MemberPrincipal me,
            @Valid @ModelAttribute("form") DetailsForm form,
            BindingResult errors,
            Model model) {
        Account account = account(me);
        if (errors.hasErrors()) {
            model.addAttribute("account", account);
            return "portal/details";
        }
        accounts.update(me.memberId(), form);
        return "redirect:/portal/details?saved";
    }

    @PostMapping("/email")
    String changeEmail(
            @AuthenticationPrincipal MemberPrincipal me,
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            Model model) {
        String address = email.strip();
        if (!address.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") || address.length() > 254) {
            Account account = account(me);
            model.addAttribute("account", account);
            model.addAttribute("form", DetailsForm.of(account));
            model.addAttribute("emailError", "Enter an email address such as you@example.com.");
            model.addAttribute("newEmail", address);
            return "portal/details";
        }
        signIn.requestEmailChange(me.memberId(), address, SignInController.client(request), baseUrl(), clock.instant());
        return "redirect:/portal/details?confirm-email";
    }

    /** Sets a password (twice the same, 12 characters to 72 bytes), or removes it ({@code remove}). */
    @PostMapping("/password")
    String password(
            @AuthenticationPrincipal MemberPrincipal me,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirm,
            @RequestParam(defaultValue = "false") boolean remove,
            Model model,
            HttpServletResponse response) {
        if (remove) {
            signIn.setPassword(me.memberId(), null);
            return "redirect:/portal/details?password-removed";
        }
        String problem = password.length() < MemberSignIn.MIN_PASSWORD_LENGTH
                ? "Use at least " + MemberSignIn.MIN_PASSWORD_LENGTH + " characters."
                : password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MemberSignIn.MAX_PASSWORD_BYTES
                        ? "Use at most " + MemberSignIn.MAX_PASSWORD_BYTES + " bytes (fewer characters)."
                        : !password.equals(confirm) ? "The two passwords differ." : null;
        if (problem != null) {
            Account account = account(me);
            model.addAttribute("account", account);
            model.addAttribute("form", DetailsForm.of(account));
            model.addAttribute("passwordError", problem);
            response.setStatus(422);
            return "portal/details";
        }
        signIn.setPassword(me.memberId(), password);
        return "redirect:/portal/details?password-set";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal MemberPrincipal me) {
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(privacy.export(me.memberId()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("newplos-my-data.json")
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(json);
    }

    private Account account(MemberPrincipal me) {
        return accounts.find(me.memberId()).orElseThrow(() -> new NotFoundException("member", me.memberId()));
    }

    private String baseUrl() {
        String configured = settings.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
