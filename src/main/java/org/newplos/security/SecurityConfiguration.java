package org.newplos.security;

import java.time.Duration;
import java.util.Map;
import org.newplos.common.Problems;
import org.newplos.users.ApiTokens;
import org.newplos.warmup.WarmUpCredential;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what. The JSON API under /api: HTTP Basic or an API token (stateless, no CSRF since no
 * cookies, cross-site writes refused), GET for every role, writes for STAFF, plans for ADMIN; failures
 * answer in problem+json. Actuator: health public, the rest ADMIN (Basic or token). Everything else
 * (probes and API docs aside) needs a signed-in user. Every password check is throttled
 * ({@link ThrottledSignIn}); docs/security.md lists each threat with its control and test.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String[] PUBLIC = {
        "/livez", "/readyz", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"
    };

    private final WarmUpCredential warmUp;

    SecurityConfiguration(WarmUpCredential warmUp) {
        this.warmUp = warmUp;
    }

    /**
     * No observations of Spring Security's own filters, authentications and authorizations: a span and
     * timers per filter per request cost about a fifth of an API request's CPU and add nothing an
     * operator needs beyond the request's server span and its SQL spans.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The one way a password is checked, for every chain: {@link ThrottledSignIn} around the users table's
     * bcrypt check, so the form, HTTP Basic on the API and HTTP Basic on actuator share one throttle.
     */
    @Bean
    AuthenticationManager signIn(UserDetailsService users, PasswordEncoder passwords, LoginThrottle throttle) {
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(users);
        checkPassword.setPasswordEncoder(passwords);
        return new ProviderManager(new ThrottledSignIn(checkPassword, throttle));
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, AuthenticationManager signIn)
            throws Exception {
        http.securityMatcher("/api/**")
                .authenticationManager(signIn)
                .authorizeHttpRequests(authorize -> authorize
                        // a token may not mint tokens: a leaked one would outlive its revocation
                        .requestMatchers(HttpMethod.POST, "/api/v1/me/tokens")
                        .access(ApiTokenAuthentication.PASSWORD_SIGN_IN)
                        .requestMatchers("/api/v1/me/tokens", "/api/v1/me/tokens/*")
                        .hasRole("VIEWER")
                        // webhook URLs, payloads and delivery logs are sensitive: ADMIN only, reading too
                        .requestMatchers(
                                "/api/v1/webhook-endpoints",
                                "/api/v1/webhook-endpoints/**",
                                "/api/v1/webhook-deliveries/**",
                                "/api/v1/webhook-event-types")
                        .hasRole("ADMIN")
                        // a member's whole data export is personal data in bulk: STAFF, not every reader
                        .requestMatchers(HttpMethod.GET, "/api/v1/members/*/export")
                        .hasRole("STAFF")
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasRole("VIEWER")
                        .requestMatchers(
                                "/api/v1/plans", "/api/v1/plans/**", "/api/v1/locations", "/api/v1/locations/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .hasRole("STAFF"))
                .addFilterBefore(new CrossSiteWriteFilter(), BasicAuthenticationFilter.class);
        return statelessBasicOrToken(http, tokens).build();
    }

    /**
     * Actuator: health is public (probes), the rest (metrics, info) is for ADMIN, by HTTP Basic or an ADMIN's
     * API token, so that Prometheus scrapes with a token and never needs a password. Stateless like the API.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, ApiTokens tokens, AuthenticationManager signIn)
            throws Exception {
        http.securityMatcher("/actuator", "/actuator/**")
                .authenticationManager(signIn)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole("ADMIN"));
        return statelessBasicOrToken(http, tokens).build();
    }

    /**
     * What the API and actuator chains share: HTTP Basic or an API token (Bearer) on every request, no session,
     * no CSRF (no cookies to ride on), no sign-out URL, no request saved for after a sign-in, 401/403 as
     * problem+json.
     */
    private HttpSecurity statelessBasicOrToken(HttpSecurity http, ApiTokens tokens) throws Exception {
        return http.httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
                .addFilterBefore(new BearerTokenFilter(tokens, warmUp, unauthorized()), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> securityHeaders(headers, API_CSP))
                .exceptionHandling(errors ->
                        errors.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()));
    }

    /**
     * The member portal: its own chain, so that a MEMBER session reaches /portal/** only and no staff role
     * reaches it. Members sign in by a one-time link sent by email (portal/); the session lives in
     * PostgreSQL as for staff, with CSRF on every form and a new session id at sign-in.
     */
    @Bean
    @Order(3)
    SecurityFilterChain portalSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/portal", "/portal/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/portal/sign-in", "/portal/sign-in/**")
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(MemberPrincipal.ROLE))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.logoutUrl("/portal/sign-out").logoutSuccessUrl("/portal/sign-in?signed-out"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                        new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint(
                                "/portal/sign-in")))
                .headers(headers -> securityHeaders(headers, UI_CSP));
        return http.build();
    }

    /** What the admin UI's sign-in page needs before anyone is signed in. */
    static final String[] UI_PUBLIC = {"/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico"};

    /**
     * The admin UI: form login with a session kept in PostgreSQL (Spring Session JDBC), CSRF on every
     * form, a new session id at sign-in, login throttling. VIEWER reads, STAFF also writes members,
     * spaces and leases, ADMIN also plans, users and the history log.
     */
    @Bean
    @Order(4)
    SecurityFilterChain webSecurity(
            HttpSecurity http,
            AuthenticationManager signIn,
            @Value("${spring.session.timeout:8h}") Duration signedInTimeout)
            throws Exception {
        http.authenticationManager(signIn)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers(UI_PUBLIC)
                        .permitAll()
                        .requestMatchers("/users", "/users/**", "/history", "/history/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/webhooks", "/webhooks/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/plans/new", "/plans/*/edit")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/plans", "/plans/**", "/locations", "/locations/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/locations/new", "/locations/*/edit")
                        .hasRole("ADMIN")
                        .requestMatchers("/*/new", "/*/*/edit", "/*/import", "/members/*/export")
                        .hasRole("STAFF")
                        .requestMatchers(HttpMethod.POST, "/**")
                        .hasRole("STAFF")
                        .anyRequest()
                        .hasRole("VIEWER"))
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(LoginHandlers.success(signedInTimeout))
                        .failureHandler(LoginHandlers.failure())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        LoginHandlers.htmxRedirectToLogin(), request -> request.getHeader("HX-Request") != null))
                .headers(headers -> securityHeaders(headers, UI_CSP));
        return http.build();
    }

    /** The API serves JSON only: nothing may be loaded, framed or run from its responses. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * The admin UI loads everything from itself and runs only its own script files: no inline script, no
     * handler attributes, no eval (htmx's allowEval is off), so injected markup cannot run. Inline style
     * attributes stay allowed (the lease timeline places its bars with them); styles cannot run code.
     */
    static final String UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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
            if (e instanceof ThrottledSignIn.LockedOut locked) {
                long seconds = Math.max(1, locked.retryAfter().toSeconds());
                Problems.write(
                        response,
                        Problems.of(
                                HttpStatus.TOO_MANY_REQUESTS,
                                "Too many failed sign-ins",
                                "Sign-in for this account from your address is locked for " + seconds
                                        + " seconds after repeated wrong passwords."),
                        Map.of("Retry-After", String.valueOf(seconds)));
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
                // no challenge to a browser: it would ask for a password and then send it along with every
                // request to this site, including requests another site's page makes
                fromBrowser(request) ? Map.of() : Map.of("WWW-Authenticate", "Basic realm=\"newplos\""));
    }

    /** A browser says so (Sec-Fetch-* on every request of current browsers) or asks for a page. */
    static boolean fromBrowser(jakarta.servlet.http.HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("Sec-Fetch-Mode") != null || (accept != null && accept.contains("text/html"));
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(
                response,
                ApiTokenAuthentication.isMinting(request)
                        ? Problems.of(
                                HttpStatus.FORBIDDEN,
                                "Password sign-in needed",
                                "Creating an API token needs a password sign-in (HTTP Basic or the admin UI), not"
                                        + " a token, so that a leaked token cannot outlive its revocation.")
                        : Problems.of(
                                HttpStatus.FORBIDDEN,
                                "Not allowed",
                                "Your role may not do this: VIEWER reads only, STAFF manages members, spaces and leases,"
                                        + " ADMIN also manages plans and users."),
                Map.of());
    }
}
