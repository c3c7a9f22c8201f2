package org.newplos.security;

import org.newplos.common.UiController;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every admin page's layout needs: who is signed in and what their role lets them do. */
@ControllerAdvice(annotations = UiController.class)
class LayoutModel {

    @ModelAttribute
    void layout(Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        model.addAttribute("currentUser", signedIn ? auth.getName() : "");
        model.addAttribute("canWrite", signedIn && has(auth, "ROLE_STAFF"));
        model.addAttribute("isAdmin", signedIn && has(auth, "ROLE_ADMIN"));
    }

    /** True if the user holds the role directly or through the hierarchy ADMIN > STAFF > VIEWER. */
    private static boolean has(Authentication auth, String role) {
        return SecurityConfiguration.roleHierarchy().getReachableGrantedAuthorities(auth.getAuthorities()).stream()
                .anyMatch(a -> role.equals(a.getAuthority()));
    }
}
