package org.newplos.system;

import java.util.Map;
import org.newplos.users.ApiTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what. The JSON API under /api: HTTP Basic (stateless, no CSRF since no cookies), GET for
 * every role, writes for STAFF, plans for ADMIN; failures answer in problem+json. Everything else
 * (probes and API docs aside) needs a signed-in user.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String[] PUBLIC = {
        "/livez",
        "/readyz",
        "/actuator/health",
        "/actuator/health/**",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error"
    };

    /**
     * No observations of Spring Security's own filters, authentications and authorizations: a span and
     * timers per filter per request cost about a fifth of an API request's CPU and add nothing an
     * operator needs beyond the request's server span and its SQL spans.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/api/v1/me/tokens", "/api/v1/me/tokens/*")
                        .hasRole("VIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasRole("VIEWER")
                        .requestMatchers(
                                "/api/v1/plans", "/api/v1/plans/**", "/api/v1/locations", "/api/v1/locations/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .hasRole("STAFF"))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
                .addFilterBefore(new BearerTokenFilter(tokens, unauthorized()), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // Stateless: no sign-out URL, no request saved for after a sign-in.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> securityHeaders(headers, API_CSP))
                .exceptionHandling(errors ->
                        errors.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()));
        return http.build();
    }

    /** What the admin UI's sign-in page needs before anyone is signed in. */
    static final String[] UI_PUBLIC = {"/login", "/css/**", "/webjars/**", "/favicon.ico"};

    /**
     * The admin UI: form login with a session kept in PostgreSQL (Spring Session JDBC), CSRF on every
     * form, a new session id at sign-in, login throttling. VIEWER reads, STAFF also writes members,
     * spaces and leases, ADMIN also plans, users and the history log.
     */
    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers(UI_PUBLIC)
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/users", "/users/**", "/history", "/history/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/plans/new", "/plans/*/edit")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/plans", "/plans/**", "/locations", "/locations/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/locations/new", "/locations/*/edit")
                        .hasRole("ADMIN")
                        .requestMatchers("/*/new", "/*/*/edit", "/*/import")
                        .hasRole("STAFF")
                        .requestMatchers(HttpMethod.POST, "/**")
                        .hasRole("STAFF")
                        .anyRequest()
                        .hasRole("VIEWER"))
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(LoginHandlers.success(throttle))
                        .failureHandler(LoginHandlers.failure(throttle))
                        .permitAll())
                .addFilterBefore(
                        LoginHandlers.lockoutFilter(throttle),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        LoginHandlers.htmxRedirectToLogin(), request -> request.getHeader("HX-Request") != null))
                .headers(headers -> securityHeaders(headers, UI_CSP))
                .httpBasic(basic -> {});
        return http.build();
    }

    /** The API serves JSON only: nothing may be loaded, framed or run from its responses. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * The admin UI loads everything from itself. Inline styles and handlers ('unsafe-inline') and htmx's
     * hx-on ('unsafe-eval') are still used by the templates; frames, plugins and foreign forms are not.
     */
    static final String UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    /** Both chains: CSP (with frame-ancestors), X-Frame-Options DENY, nosniff, a strict referrer policy. */
    private static void securityHeaders(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers,
            String csp) {
        headers.contentSecurityPolicy(policy -> policy.policyDirectives(csp))
                .frameOptions(frame -> frame.deny())
                .contentTypeOptions(options -> {})
                .referrerPolicy(referrer -> referrer.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy
                                .STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
    }

    /** ADMIN can do all STAFF can, STAFF all VIEWER can. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role("ADMIN")
                .implies("STAFF")
                .role("STAFF")
                .implies("VIEWER")
                .build();
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            if (e instanceof org.springframework.security.authentication.InternalAuthenticationServiceException) {
                // The credentials could not be checked (the user store, i.e. the database, is away): not the
                // caller's fault, so 503 with Retry-After rather than a misleading 401.
                Problems.write(
                        response,
                        Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "Database unavailable",
                                "Credentials cannot be checked right now; try again in a few seconds."),
                        Map.of("Retry-After", "5"));
                return;
            }
            unauthorizedProblem(request, response, e);
        };
    }

    private static void unauthorizedProblem(
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e)
            throws java.io.IOException {
        Problems.write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "Authentication required",
                        "Send credentials: HTTP Basic (curl -u email:password) or an API token."),
                Map.of("WWW-Authenticate", "Basic realm=\"newplos\""));
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(
                response,
                Problems.of(
                        HttpStatus.FORBIDDEN,
                        "Not allowed",
                        "Your role may not do this: VIEWER reads only, STAFF manages members, spaces and leases,"
                                + " ADMIN also manages plans and users."),
                Map.of());
    }
}
