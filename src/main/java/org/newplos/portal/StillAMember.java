package org.newplos.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.newplos.security.MemberPrincipal;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A member who left (or was erased) while signed in is signed out at their next portal request: every portal
 * page (bookings included) checks, with one indexed lookup, that the session's member may still sign in.
 */
@Configuration(proxyBeanMethods = false)
class StillAMember implements WebMvcConfigurer {

    private final SignInLinks links;

    StillAMember(SignInLinks links) {
        this.links = links;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                            throws Exception {
                        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                        if (auth == null || !(auth.getPrincipal() instanceof MemberPrincipal member)) {
                            return true;
                        }
                        boolean may = links.candidate(member.memberId())
                                .map(SignInLinks.Candidate::mayMakeSignIn)
                                .orElse(false);
                        if (may) {
                            return true;
                        }
                        SecurityContextHolder.clearContext();
                        HttpSession session = request.getSession(false);
                        if (session != null) {
                            session.invalidate();
                        }
                        response.sendRedirect(request.getContextPath() + "/portal/sign-in");
                        return false;
                    }
                })
                .addPathPatterns("/portal", "/portal/**")
                .excludePathPatterns("/portal/sign-in", "/portal/sign-in/**");
    }
}
