package org.newplos.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.newplos.common.UiController;
import org.newplos.security.MemberPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Member sign-in pages. Asking for a link always answers the same page. Opening a link shows a button
 * (mail scanners that fetch links must not use them up); pressing it uses the link and starts the MEMBER
 * session under a new session id. A link that cannot be used — unknown, used, expired — answers one page.
 */
@UiController
@RequestMapping("/portal/sign-in")
class SignInController {

    private final MemberSignIn signIn;
    private final PortalSettings settings;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SignInController(MemberSignIn signIn, PortalSettings settings, Clock clock) {
        this.signIn = signIn;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    String form() {
        return "portal/sign-in";
    }

    @PostMapping
    String request(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
        signIn.requestLink(email, client(request), baseUrl(), clock.instant());
        return "redirect:/portal/sign-in?sent";
    }

    /** Email and the password a member set on My details; any failure: back to the form, one message. */
    @PostMapping("/password")
    String password(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<MemberPrincipal> member = signIn.signInWithPassword(email, password, client(request), clock.instant());
        if (member.isEmpty()) {
            return "redirect:/portal/sign-in?error";
        }
        start(member.get(), request, response);
        return "redirect:/portal";
    }

    @GetMapping("/{token}")
    String confirm(@PathVariable String token) {
        return "portal/use-link";
    }

    @PostMapping("/{token}")
    String use(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<MemberPrincipal> member = signIn.use(token, client(request), clock.instant());
        if (member.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "portal/link-unusable";
        }
        start(member.get(), request, response);
        return "redirect:/portal";
    }

    /** A MEMBER session: a new session id (no fixation), the context saved where the next request finds it. */
    private void start(MemberPrincipal member, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                member, null, List.of(new SimpleGrantedAuthority(MemberPrincipal.ROLE))));
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Where links point: the configured public URL, else this request's (fine on a laptop, not in production). */
    private String baseUrl() {
        String configured = settings.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    static String client(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "" : address.length() > 100 ? address.substring(0, 100) : address;
    }
}
