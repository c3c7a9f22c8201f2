package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input, generated: every API write endpoint gets valid bodies with one field broken (wrong
 * type, control characters, odd Unicode, huge, negative or overflowing money, impossible dates, ids that
 * don't exist or overflow, SQL and HTML metacharacters), fields removed or added, truncated and garbage
 * JSON, wrong content types and oversized bodies; every query parameter gets the same treatment. The
 * server must answer each with a 2xx (if the input happens to be acceptable) or a 4xx problem+json
 * without a stack trace, never 5xx, and a rejected request must leave every table as it was.
 */
@Tag("reliability")
class BadInputPropertyTests {

    static final int TRIES = 700;

    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final AtomicInteger SERVER_ERRORS = new AtomicInteger();
    private static final AtomicInteger CHANGED_BY_REJECTED = new AtomicInteger();
    private static final Map<Integer, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

    static long memberId;
    static long spaceId;
    static long planId;
    static long leaseId;

    /** A request to send: method, path (with query), content type, body bytes, and what it is. */
    record Case(String method, String path, String contentType, byte[] body, String what) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " [" + contentType + "] " + what + " "
                    + (shown.length() > 300 ? shown.substring(0, 300) + "…(" + shown.length() + ")" : shown);
        }
    }

    /** An endpoint taking a JSON body, with a valid body as field -> raw JSON; "%u" becomes a unique number. */
    record Endpoint(String method, String path, Map<String, String> fields) {}

    @BeforeContainer
    static void fixtures() {
        LiveServer server = LiveServer.get();
        long n = UNIQUE.incrementAndGet();
        planId = server.create("/api/v1/plans", """
                {"name": "Bad input plan %d", "price": 10, "billingPeriod": "MONTHLY"}""".formatted(n));
        spaceId = server.create("/api/v1/spaces", """
                {"code": "BI-%d", "name": "Bad input desk", "type": "DESK", "monthlyRate": 100}""".formatted(n));
        memberId = server.create("/api/v1/members", """
                {"fullName": "Bad Input", "email": "bad-input-%d@example.com"}""".formatted(n));
        leaseId = server.create("/api/v1/leases", """
                {"memberId": %d, "spaceId": %d, "start": "2040-01-01", "end": "2040-06-01"}""".formatted(memberId, spaceId));
    }

    @AfterContainer
    static void figures() {
        Figures.record(
                "bad input (jqwik)",
                "requests",
                CASES.get(),
                "accepted(2xx)",
                ACCEPTED.get(),
                "rejected(4xx)",
                REJECTED.get(),
                "5xx",
                SERVER_ERRORS.get(),
                "rowsChangedByRejected",
                CHANGED_BY_REJECTED.get(),
                "statuses",
                STATUSES);
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.RANDOM_SEED, shrinking = ShrinkingMode.BOUNDED)
    void hostileRequestsGetA4xxProblemAndChangeNothing(@ForAll("cases") Case c) {
        LiveServer server = LiveServer.get();
        Map<String, String> before = server.checksums();
        HttpRequest.Builder request = server.request(c.path())
                .header("Authorization", LiveServer.basic(LiveServer.ADMIN))
                .header("Accept", "application/json");
        if (c.body() == null) {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", c.contentType())
                    .method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        }
        HttpResponse<String> response = server.send(request.build());
        int status = response.statusCode();
        CASES.incrementAndGet();
        STATUSES.merge(status, 1, Integer::sum);
        if (status >= 500) {
            SERVER_ERRORS.incrementAndGet();
        } else if (status >= 400) {
            REJECTED.incrementAndGet();
        } else {
            ACCEPTED.incrementAndGet();
        }
        assertThat(status).as("%s -> %s", c, response.body()).isBetween(200, 499);
        if (status >= 400) {
            Map<String, String> after = server.checksums();
            if (!after.equals(before)) {
                CHANGED_BY_REJECTED.incrementAndGet();
            }
            assertThat(after).as("tables after rejected %s", c).isEqualTo(before);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("%s -> %s %s", c, status, response.body())
                    .startsWith("application/problem+json");
            assertThat(response.body())
                    .as("%s", c)
                    .contains("\"status\":" + status)
                    .doesNotContain("Exception", "\tat ", "org.springframework", "org.postgresql");
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, brokenField()),
                net.jqwik.api.Tuple.of(1, missingField()),
                net.jqwik.api.Tuple.of(1, extraField()),
                net.jqwik.api.Tuple.of(1, truncated()),
                net.jqwik.api.Tuple.of(1, garbage()),
                net.jqwik.api.Tuple.of(1, endBeforeStart()),
                net.jqwik.api.Tuple.of(3, hostileQuery()),
                net.jqwik.api.Tuple.of(2, hostileId()));
    }

    // ---- endpoints ----------------------------------------------------------------------------------

    static List<Endpoint> endpoints() {
        Map<String, String> plan = fields(
                "name", "\"Plan %u\"",
                "description", "\"d\"",
                "price", "10.00",
                "billingPeriod", "\"MONTHLY\"",
                "spaceType", "\"DESK\"",
                "active", "true");
        Map<String, String> space = fields(
                "code", "\"Q-%u\"",
                "name", "\"Desk\"",
                "type", "\"DESK\"",
                "capacity", "1",
                "monthlyRate", "100",
                "location", "\"1st floor\"",
                "active", "true");
        Map<String, String> member = fields(
                "fullName", "\"Ann Example\"",
                "email", "\"ann-%u@example.com\"",
                "phone", "\"+1 555\"",
                "company", "\"ACME\"",
                "status", "\"ACTIVE\"",
                "planId", String.valueOf(planId),
                "joinedOn", "\"2025-01-01\"",
                "notes", "\"n\"");
        Map<String, String> lease = fields(
                "memberId", String.valueOf(memberId),
                "spaceId", String.valueOf(spaceId),
                "start", "\"2050-01-01\"",
                "end", "\"2050-02-01\"",
                "monthlyRate", "90",
                "deposit", "50",
                "notes", "\"n\"");
        return List.of(
                new Endpoint("POST", "/api/v1/plans", plan),
                new Endpoint("PUT", "/api/v1/plans/" + planId, plan),
                new Endpoint("POST", "/api/v1/spaces", space),
                new Endpoint("PUT", "/api/v1/spaces/" + spaceId, space),
                new Endpoint("POST", "/api/v1/members", member),
                new Endpoint("PUT", "/api/v1/members/" + memberId, member),
                new Endpoint("POST", "/api/v1/leases", lease),
                new Endpoint("PUT", "/api/v1/leases/" + leaseId, lease),
                new Endpoint("POST", "/api/v1/leases/" + leaseId + "/end", fields("on", "\"2040-03-01\"")));
    }

    private static Map<String, String> fields(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static final List<String> HOSTILE_JSON_VALUES = List.of(
            // wrong types
            "null",
            "true",
            "[]",
            "{}",
            "[1,2]",
            "{\"a\":1}",
            "\"123\"",
            "123",
            "\"\"",
            "\"   \"",
            // control characters and odd Unicode
            "\"\\u0000\"",
            "\"a\\u0000b\"",
            "\"\\u0007\\u001b[31mred\"",
            "\"\\u202Eevil\\u202C\"",
            "\"\\ud800\"",
            "\"\\udfff\\ud800\"",
            "\"\uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD\"",
            "\"e\u0301\u0301\u0301\"",
            "\"\uFEFF\u200B\"",
            "\"\\r\\n\\t\"",
            // SQL and HTML metacharacters
            "\"'; DROP TABLE members; --\"",
            "\"\\\" OR 1=1 --\"",
            "\"<script>alert(1)</script>\"",
            "\"%s%n%x\"",
            "\"${jndi:ldap://127.0.0.1/x}\"",
            "\"../../etc/passwd\"",
            // money and numbers: negative, overflowing, too precise, not numbers
            "-1",
            "-0.01",
            "0",
            "1e400",
            "-1e400",
            "1e-400",
            "12345678901234567890123",
            "1.005",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "NaN",
            "Infinity",
            "\"NaN\"",
            "0x10",
            "00012",
            "1.0e10",
            "99999999999.99",
            "-0",
            // dates: impossible, out of range, wrong shape
            "\"2026-02-30\"",
            "\"2026-13-01\"",
            "\"0000-01-01\"",
            "\"-0001-01-01\"",
            "\"+999999999-12-31\"",
            "\"-999999999-01-01\"",
            "\"9999-12-31\"",
            "\"2026-1-1\"",
            "\"01/02/2026\"",
            "\"2026-02-28T10:00:00Z\"",
            "\"yesterday\"",
            // enums
            "\"monthly\"",
            "\"WEEKLY\"",
            "\"ACTIVE \"");

    static Arbitrary<String> hostileJsonValue() {
        return Arbitraries.oneOf(
                Arbitraries.of(HOSTILE_JSON_VALUES),
                Arbitraries.strings().all().ofMaxLength(40).map(BadInputPropertyTests::jsonString),
                Arbitraries.of(201, 5001, 20_000, 300_000).map(n -> "\"" + "x".repeat(n) + "\""),
                Arbitraries.bigIntegers()
                        .between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(String::valueOf));
    }

    Arbitrary<Case> brokenField() {
        return Arbitraries.of(endpoints())
                .flatMap(endpoint -> Combinators.combine(
                                Arbitraries.of(List.copyOf(endpoint.fields().keySet())), hostileJsonValue())
                        .as((field, value) -> {
                            Map<String, String> body = new LinkedHashMap<>(endpoint.fields());
                            body.put(field, value);
                            return json(endpoint, body, field + "=" + abbreviate(value));
                        }));
    }

    Arbitrary<Case> missingField() {
        return Arbitraries.of(endpoints())
                .flatMap(endpoint -> Arbitraries.of(
                                List.copyOf(endpoint.fields().keySet()))
                        .set()
                        .ofMinSize(1)
                        .map(removed -> {
                            Map<String, String> body = new LinkedHashMap<>(endpoint.fields());
                            removed.forEach(body::remove);
                            return json(endpoint, body, "without " + removed);
                        }));
    }

    Arbitrary<Case> extraField() {
        return Arbitraries.of(endpoints())
                .flatMap(endpoint -> Combinators.combine(
                                Arbitraries.of("id", "createdAt", "status", "role", "__proto__", "passwordHash", "x"),
                                hostileJsonValue())
                        .as((field, value) -> {
                            Map<String, String> body = new LinkedHashMap<>(endpoint.fields());
                            body.putIfAbsent(field, value);
                            if (!endpoint.fields().containsKey(field)) {
                                return json(endpoint, body, "extra " + field);
                            }
                            // duplicate key: the known field twice
                            String text = render(endpoint.fields());
                            text = text.substring(0, text.length() - 1) + ", \"" + field + "\": " + value + "}";
                            return bytes(endpoint, text, "duplicate " + field);
                        }));
    }

    Arbitrary<Case> truncated() {
        return Arbitraries.of(endpoints()).flatMap(endpoint -> {
            String text = render(endpoint.fields());
            return Arbitraries.integers()
                    .between(0, text.length() - 1)
                    .map(cut -> bytes(endpoint, text.substring(0, cut), "truncated at " + cut));
        });
    }

    Arbitrary<Case> garbage() {
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                Arbitraries.of("", "null", "[]", "\"s\"", "{", "}", "{{}}", "123", "{\"a\":}", "{'a':1}", "<x/>")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.strings().all().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of(300 * 1024, 2 * 1024 * 1024).map(n -> {
                    byte[] huge = new byte[n];
                    java.util.Arrays.fill(huge, (byte) ' ');
                    huge[0] = '{';
                    huge[n - 1] = '}';
                    return huge;
                }));
        Arbitrary<String> type = Arbitraries.of(
                "application/json",
                "application/json",
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "application/json; charset=ISO-8859-1");
        return Combinators.combine(Arbitraries.of(endpoints()), body, type)
                .as((endpoint, bytes, contentType) -> new Case(
                        endpoint.method(), endpoint.path(), contentType, bytes, "garbage " + bytes.length + " bytes"));
    }

    Arbitrary<Case> endBeforeStart() {
        Arbitrary<java.time.LocalDate> start = Arbitraries.integers()
                .between(0, 20_000)
                .map(d -> java.time.LocalDate.of(2000, 1, 1).plusDays(d));
        return Combinators.combine(start, Arbitraries.integers().between(0, 400), Arbitraries.of(0, 7))
                .as((s, back, endpointIndex) -> {
                    Endpoint endpoint = endpoints().get(6 + (endpointIndex == 0 ? 0 : 1));
                    Map<String, String> body = new LinkedHashMap<>(endpoint.fields());
                    body.put("start", "\"" + s + "\"");
                    body.put("end", "\"" + s.minusDays(back) + "\"");
                    return json(endpoint, body, "end " + back + " days before start");
                });
    }

    static final List<String> HOSTILE_PARAMS = List.of(
            "",
            " ",
            "-1",
            "0",
            "abc",
            "99999999999999999999",
            "9223372036854775807",
            "-9223372036854775808",
            "1e5",
            "2026-02-30",
            "2026-13-01",
            "+999999999-12-31",
            "0000-01-01",
            "yes",
            "TRUE",
            "desk",
            "\u0000",
            "a\u0000b",
            "'; DROP TABLE members; --",
            "<script>alert(1)</script>",
            "%",
            "_",
            "\\",
            "\u202Eevil",
            "\uD83D\uDE00",
            "\ud800",
            "x".repeat(2000),
            "2147483648",
            "-2147483649");

    Arbitrary<Case> hostileQuery() {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/v1/plans", List.of("active", "after", "limit"));
        endpoints.put("/api/v1/spaces", List.of("type", "active", "after", "limit"));
        endpoints.put("/api/v1/members", List.of("q", "status", "planId", "withActiveLeaseOn", "after", "limit"));
        endpoints.put("/api/v1/leases", List.of("memberId", "spaceId", "status", "activeOn", "after", "limit"));
        endpoints.put("/api/v1/leases/expiring", List.of("withinDays", "limit"));
        endpoints.put("/api/v1/spaces/available", List.of("from", "to", "type", "after", "limit"));
        endpoints.put("/api/v1/reports/occupancy", List.of("on"));
        endpoints.put("/api/v1/reports/mrr", List.of("on"));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of(HOSTILE_PARAMS), Arbitraries.strings().all().ofMaxLength(30));
        return Arbitraries.of(List.copyOf(endpoints.keySet()))
                .flatMap(path -> Arbitraries.of(endpoints.get(path))
                        .flatMap(name -> value.list().ofMinSize(1).ofMaxSize(2).map(values -> {
                            StringBuilder query = new StringBuilder(path).append('?');
                            for (String v : values) {
                                query.append(name)
                                        .append('=')
                                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                                        .append('&');
                            }
                            return new Case("GET", query.toString(), null, null, name + "=" + values.size());
                        })));
    }

    Arbitrary<Case> hostileId() {
        Arbitrary<String> id = Arbitraries.of(
                "0",
                "-1",
                "999999999",
                "9223372036854775807",
                "9223372036854775808",
                "99999999999999999999",
                "abc",
                "1.5",
                "1e3",
                "%00",
                "%20",
                "1;DROP",
                "%3Cscript%3E",
                "%F0%9F%98%80",
                "0x1F");
        Arbitrary<String[]> route = Arbitraries.of(
                new String[] {"GET", "/api/v1/plans/"},
                new String[] {"GET", "/api/v1/spaces/"},
                new String[] {"GET", "/api/v1/members/"},
                new String[] {"GET", "/api/v1/leases/"},
                new String[] {"DELETE", "/api/v1/plans/"},
                new String[] {"DELETE", "/api/v1/spaces/"},
                new String[] {"DELETE", "/api/v1/members/"},
                new String[] {"DELETE", "/api/v1/leases/"},
                new String[] {"POST", "/api/v1/leases/%s/cancel"},
                new String[] {"POST", "/api/v1/leases/%s/end"},
                new String[] {"PUT", "/api/v1/members/"},
                new String[] {"PUT", "/api/v1/leases/"});
        return Combinators.combine(route, id).as((r, i) -> {
            String path = r[1].contains("%s") ? r[1].formatted(i) : r[1] + i;
            if (r[0].equals("GET") || r[0].equals("DELETE") || path.endsWith("/cancel")) {
                return new Case(r[0], path, null, null, "id " + i);
            }
            Endpoint like = path.endsWith("/end")
                    ? endpoints().get(8)
                    : endpoints().get(path.startsWith("/api/v1/members") ? 5 : 7);
            return json(new Endpoint(r[0], path, like.fields()), like.fields(), "id " + i);
        });
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static Case json(Endpoint endpoint, Map<String, String> body, String what) {
        return bytes(endpoint, render(body), what);
    }

    private static Case bytes(Endpoint endpoint, String text, String what) {
        return new Case(
                endpoint.method(),
                endpoint.path(),
                "application/json",
                text.replace("%u", String.valueOf(UNIQUE.incrementAndGet())).getBytes(StandardCharsets.UTF_8),
                what);
    }

    private static String render(Map<String, String> body) {
        List<String> parts = new ArrayList<>();
        body.forEach((k, v) -> parts.add("\"" + k + "\": " + v));
        return "{" + String.join(", ", parts) + "}";
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + ")" : value;
    }
}
