package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.newplos.WebSession;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every route the application maps (read from its own RequestMappingHandlerMapping) is called as
 * anonymous, two members (signed in through the real sign-in link), VIEWER, STAFF and ADMIN through the real
 * server, and the outcome must match the expectation table below. A route no rule covers fails the test: add a
 * rule when you add a route. Members reach the portal only (the API answers them 401: it takes no session);
 * staff roles never reach the portal.
 */
@Tag("reliability")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorisationMatrixTests {

    /** Who may use a route: everyone, or a role and those above it. */
    enum Access {
        PUBLIC,
        /** A signed-in member (the portal), and nobody else. */
        MEMBER,
        VIEWER,
        STAFF,
        ADMIN
    }

    enum Caller {
        ANONYMOUS,
        MEMBER_A,
        MEMBER_B,
        VIEWER,
        STAFF,
        ADMIN
    }

    /** A rule: HTTP method ("*" for any) and a path pattern, first match wins. */
    record Rule(String method, PathPattern pattern, Access access) {
        boolean matches(String m, String path) {
            return (method.equals("*") || method.equals(m)) && pattern.matches(PathContainer.parsePath(path));
        }
    }

    // ---- the expectation table: keep it in step with SecurityConfiguration and the product brief ----
    static final List<Rule> RULES = new ArrayList<>();

    static {
        // public: probes, API docs, sign-in page, error page
        rule("GET", "/login", Access.PUBLIC);
        rule("*", "/error", Access.PUBLIC);
        rule("GET", "/v3/api-docs/**", Access.PUBLIC);
        rule("GET", "/v3/api-docs", Access.PUBLIC);
        rule("GET", "/swagger-ui.html", Access.PUBLIC);
        // member portal: asking for and using a sign-in link is public, everything else is for members only
        rule("GET", "/portal/sign-in", Access.PUBLIC);
        rule("POST", "/portal/sign-in", Access.PUBLIC);
        rule("*", "/portal/sign-in/{token}", Access.PUBLIC);
        rule("*", "/portal", Access.MEMBER);
        rule("*", "/portal/**", Access.MEMBER);
        // a member's whole data export: STAFF (in the UI and the API), not every reader
        rule("GET", "/members/{id}/export", Access.STAFF);
        rule("GET", "/api/v1/members/{id}/export", Access.STAFF);
        // JSON API: every role reads, plans and locations are written by ADMIN, everything else by STAFF
        // webhooks: ADMIN only, reading too (URLs, payloads and delivery logs are sensitive)
        rule("*", "/api/v1/webhook-endpoints", Access.ADMIN);
        rule("*", "/api/v1/webhook-endpoints/**", Access.ADMIN);
        rule("*", "/api/v1/webhook-deliveries/**", Access.ADMIN);
        rule("*", "/api/v1/webhook-event-types", Access.ADMIN);
        rule("GET", "/api/**", Access.VIEWER);
        rule("*", "/api/v1/me/**", Access.VIEWER); // every signed-in user manages their own API tokens
        rule("*", "/api/v1/plans/**", Access.ADMIN);
        rule("*", "/api/v1/plans", Access.ADMIN);
        rule("*", "/api/v1/locations/**", Access.ADMIN);
        rule("*", "/api/v1/locations", Access.ADMIN);
        rule("*", "/api/**", Access.STAFF);
        // room bookings (issue 18): the portal's booking pages are covered by /portal/** above; the staff pages
        // and settings writes follow their section below: /bookings/** read by VIEWER, booked and cancelled by
        // STAFF; /spaces/{id}/hourly-rate STAFF; /locations/{id}/booking-settings and /plans/{id}/room-credit
        // ADMIN; /api/v1/bookings/** as the API.
        // admin UI: users and history for ADMIN, plan forms for ADMIN, other forms for STAFF, reading for all
        rule("*", "/webhooks/**", Access.ADMIN);
        rule("*", "/webhooks", Access.ADMIN);
        rule("*", "/users/**", Access.ADMIN);
        rule("*", "/users", Access.ADMIN);
        rule("*", "/history/**", Access.ADMIN);
        rule("*", "/history", Access.ADMIN);
        rule("GET", "/plans/new", Access.ADMIN);
        rule("GET", "/plans/{id}/edit", Access.ADMIN);
        rule("POST", "/plans/**", Access.ADMIN);
        rule("POST", "/plans", Access.ADMIN);
        rule("GET", "/locations/new", Access.ADMIN);
        rule("GET", "/locations/{id}/edit", Access.ADMIN);
        rule("POST", "/locations/**", Access.ADMIN);
        rule("POST", "/locations", Access.ADMIN);
        rule("GET", "/{section}/new", Access.STAFF);
        rule("GET", "/{section}/{id}/edit", Access.STAFF);
        rule("*", "/{section}/import", Access.STAFF);
        rule("*", "/{section}/{id}/new-lease", Access.STAFF);
        rule("POST", "/**", Access.STAFF);
        rule("GET", "/**", Access.VIEWER);
    }

    private static void rule(String method, String pattern, Access access) {
        RULES.add(new Rule(method, PathPatternParser.defaultInstance.parse(pattern), access));
    }

    private final LiveServer server = LiveServer.get();

    record Route(String method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            return (pattern + " " + method).compareTo(o.pattern + " " + o.method);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Test
    @Order(1)
    void everyRouteAnswersEachRoleAsTheTableSays() throws Exception {
        Set<Route> routes = routes();
        List<String> unruled = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<Caller, WebSession> sessions = new EnumMap<>(Caller.class);
        int requests = 0;
        for (Route route : routes) {
            Access access = RULES.stream()
                    .filter(r -> r.matches(route.method(), route.pattern()))
                    .map(Rule::access)
                    .findFirst()
                    .orElse(null);
            if (access == null) {
                unruled.add(route.toString());
                continue;
            }
            for (Caller caller : Caller.values()) {
                HttpResponse<String> response = call(route, caller, sessions);
                requests++;
                boolean allowed = allowed(response);
                boolean expected = expected(access, caller);
                String denial = denialShape(route, caller, response);
                if (allowed != expected || (!allowed && denial != null)) {
                    wrong.add("%s as %s: expected %s, got %d %s %s"
                            .formatted(
                                    route,
                                    caller,
                                    expected ? "allowed" : "denied",
                                    response.statusCode(),
                                    response.headers().firstValue("Location").orElse(""),
                                    denial == null ? "" : denial));
                }
            }
        }
        Figures.record(
                "authorisation matrix",
                "routes",
                routes.size(),
                "requests",
                requests,
                "unruledRoutes",
                unruled.size(),
                "wrongOutcomes",
                wrong.size());
        assertThat(unruled)
                .as("routes without a rule in AuthorisationMatrixTests.RULES")
                .isEmpty();
        assertThat(wrong).as("outcomes that differ from the table").isEmpty();
        assertThat(routes.size()).isGreaterThan(40);
    }

    static boolean member(Caller caller) {
        return caller == Caller.MEMBER_A || caller == Caller.MEMBER_B;
    }

    /** PUBLIC: everyone; MEMBER: members only; a staff role: that role and those above it, never a member. */
    static boolean expected(Access access, Caller caller) {
        return switch (access) {
            case PUBLIC -> true;
            case MEMBER -> member(caller);
            default ->
                caller != Caller.ANONYMOUS
                        && !member(caller)
                        && caller.ordinal() - Caller.VIEWER.ordinal() >= access.ordinal() - Access.VIEWER.ordinal();
        };
    }

    /** The application's own routes: method and path pattern of every @RequestMapping. */
    Set<Route> routes() {
        RequestMappingHandlerMapping mapping =
                server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<Route> routes = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> patterns = info.getPatternValues();
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET");
                methods.add("POST");
            }
            for (String pattern : patterns) {
                for (String method : methods) {
                    routes.add(new Route(method, pattern));
                }
            }
        }
        return routes;
    }

    private HttpResponse<String> call(Route route, Caller caller, Map<Caller, WebSession> sessions) throws Exception {
        String path = route.pattern().replaceAll("\\{[^}]+}", "999999999").replace("/**", "/x");
        boolean api = path.startsWith("/api/");
        HttpRequest.Builder request = server.request(path);
        if (api) {
            request.header("Accept", "application/json");
            if (member(caller)) {
                // a member's session cookie goes along, as a browser would send it: the API takes no session
                WebSession session = sessions.computeIfAbsent(caller, this::session);
                request = HttpRequest.newBuilder(java.net.URI.create(session.url(path)))
                        .timeout(java.time.Duration.ofSeconds(30))
                        .header("Accept", "application/json");
                if (route.method().equals("GET") || route.method().equals("DELETE")) {
                    request.method(route.method(), HttpRequest.BodyPublishers.noBody());
                } else {
                    request.header("Content-Type", "application/json")
                            .method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
                }
                return session.send(request);
            }
            if (caller != Caller.ANONYMOUS) {
                request.header("Authorization", LiveServer.basic(user(caller)));
            }
            if (route.method().equals("GET") || route.method().equals("DELETE")) {
                request.method(route.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
            }
            return server.send(request.build());
        }
        WebSession session = sessions.computeIfAbsent(caller, this::session);
        request = HttpRequest.newBuilder(java.net.URI.create(session.url(path)))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Accept", "text/html");
        if (route.method().equals("GET")) {
            request.GET();
        } else {
            String token = WebSession.csrf(session.get("/login").body());
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString("_csrf=" + token));
        }
        return session.send(request);
    }

    private WebSession session(Caller caller) {
        WebSession session = new WebSession(java.net.URI.create(server.base).getPort());
        if (member(caller)) {
            signInAsMember(
                    session, caller == Caller.MEMBER_A ? "rel-member-a@example.com" : "rel-member-b@example.com");
        } else if (caller != Caller.ANONYMOUS) {
            try {
                HttpResponse<String> login = session.login(user(caller), LiveServer.PASSWORD);
                assertThat(login.headers().firstValue("Location").orElse(""))
                        .as("login as %s", caller)
                        .doesNotContain("error", "locked");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return session;
    }

    /**
     * Signs a member in the way a member does: asks for a link on the sign-in page, reads it from the outbox
     * (no SMTP server here: the email is kept), opens it and presses "Sign in".
     */
    private void signInAsMember(WebSession session, String email) {
        try {
            if (server.count("SELECT count(*) FROM members WHERE email = '" + email + "'") == 0) {
                server.sql("INSERT INTO members (full_name, email) VALUES ('Member " + email + "', '" + email + "')");
            }
            String form = session.get("/portal/sign-in").body();
            HttpResponse<String> asked =
                    session.postForm("/portal/sign-in", Map.of("email", email, "_csrf", WebSession.csrf(form)));
            assertThat(asked.headers().firstValue("Location").orElse("")).endsWith("/portal/sign-in?sent");
            String link = null;
            for (int i = 0; i < 100 && link == null; i++) {
                try (java.sql.Connection c = server.connect();
                        java.sql.Statement s = c.createStatement();
                        java.sql.ResultSet rs = s.executeQuery("SELECT payload ->> 'link' FROM outbox o"
                                + " JOIN members m ON m.id = o.member_id WHERE m.email = '" + email + "'"
                                + " AND o.event_type = 'portal.sign_in_link' ORDER BY o.id DESC LIMIT 1")) {
                    link = rs.next() ? rs.getString(1) : null;
                }
                if (link == null) {
                    Thread.sleep(50);
                }
            }
            assertThat(link).as("sign-in link for " + email).isNotNull();
            String path = java.net.URI.create(link).getPath();
            String page = session.get(path).body();
            HttpResponse<String> used = session.postForm(path, Map.of("_csrf", WebSession.csrf(page)));
            assertThat(used.headers().firstValue("Location").orElse(""))
                    .as("signed in as " + email)
                    .endsWith("/portal");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String user(Caller caller) {
        return switch (caller) {
            case VIEWER -> LiveServer.VIEWER;
            case STAFF -> LiveServer.STAFF;
            case ADMIN -> LiveServer.ADMIN;
            case ANONYMOUS, MEMBER_A, MEMBER_B -> throw new IllegalArgumentException(caller + " has no staff user");
        };
    }

    /** Got past security: neither 401/403 nor sent to the sign-in page. */
    static boolean allowed(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return false;
        }
        String location = response.headers().firstValue("Location").orElse("");
        return !(status == 302 && (location.contains("/login") || location.endsWith("/portal/sign-in")));
    }

    /** Null if a denial has the right shape: API 401/403 problem+json, UI 302 to /login or 403. */
    static String denialShape(Route route, Caller caller, HttpResponse<String> response) {
        if (allowed(response)) {
            return null;
        }
        int status = response.statusCode();
        if (route.pattern().startsWith("/api/")) {
            int expected = caller == Caller.ANONYMOUS || member(caller) ? 401 : 403;
            boolean problem =
                    response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            return status == expected && problem ? null : "(API denial should be " + expected + " problem+json)";
        }
        if (caller == Caller.ANONYMOUS && route.pattern().startsWith("/portal")) {
            return status == 302
                            && response.headers()
                                    .firstValue("Location")
                                    .orElse("")
                                    .endsWith("/portal/sign-in")
                    ? null
                    : "(anonymous should be sent to /portal/sign-in)";
        }
        if (caller == Caller.ANONYMOUS) {
            return status == 302 ? null : "(anonymous should be sent to /login)";
        }
        return status == 403 ? null : "(signed-in user should get 403)";
    }
}
