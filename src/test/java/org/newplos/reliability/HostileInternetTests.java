package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newplos.WebSession;
import org.newplos.users.Role;
import org.newplos.users.Users;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Issue 16 through the real server: password guessing over HTTP Basic is locked after the configured count
 * and then costs next to no CPU, while the real user still gets in from elsewhere; a thousand 2 MB
 * usernames leave memory where it was; end and cancel of the same leases at once never leave a lease in a
 * state no order of the two could produce.
 */
@Tag("reliability")
class HostileInternetTests {

    static final int GUESSES = 2_000;
    static final int MAX_FAILURES = 5;
    static final int HUGE_NAMES = 1_000;
    static final int HUGE_NAME_CHARS = 2_000_000;
    static final int LEASES = 200;

    private final LiveServer server = LiveServer.get();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoThousandWrongPasswordsOverBasicLockTheAccountCheaplyAndTheUserStillGetsInFromElsewhere() throws Exception {
        String email = "guessed-" + System.nanoTime() + "@example.com";
        // a real cost-10 bcrypt hash, as production has (the suite's own users have cost 4)
        server.context.getBean(Users.class).create(email, "Guessed", Role.VIEWER, LiveServer.PASSWORD);
        double bcryptMillis = bcryptCpuMillis();
        String wrong = "Basic " + base64(email + ":not-the-password");
        long serverCpuBefore = serverThreadCpuNanos();
        long processCpuBefore = processCpuNanos();
        long started = System.nanoTime();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int firstLocked = -1;
        for (int i = 1; i <= GUESSES; i++) {
            HttpResponse<String> response = server.send(server.request("/api/v1/plans")
                    .header("Authorization", wrong)
                    .GET()
                    .build());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 429 && firstLocked < 0) {
                firstLocked = i;
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double serverCpuSeconds = (serverThreadCpuNanos() - serverCpuBefore) / 1e9;
        double processCpuSeconds = (processCpuNanos() - processCpuBefore) / 1e9;
        double unthrottledCpuSeconds = GUESSES * bcryptMillis / 1000;

        HttpResponse<String> rightHere = server.send(server.request("/api/v1/plans")
                .header("Authorization", LiveServer.basic(email))
                .GET()
                .build());
        int rightElsewhere = statusFrom("127.0.0.2", "/api/v1/plans", LiveServer.basic(email));
        Figures.record(
                "basic guessing (2,000)",
                "attempts",
                GUESSES,
                "statuses",
                statuses,
                "lockedFromAttempt",
                firstLocked,
                "requestsPerSecond",
                Math.round(GUESSES / seconds),
                "serverCpuSeconds",
                String.format("%.2f", serverCpuSeconds),
                "processCpuSeconds",
                String.format("%.2f", processCpuSeconds),
                "bcryptMs",
                String.format("%.1f", bcryptMillis),
                "unthrottledCpuSecondsEstimate",
                String.format("%.0f", unthrottledCpuSeconds),
                "rightPasswordSameAddress",
                rightHere.statusCode(),
                "rightPasswordOtherAddress",
                rightElsewhere,
                "loadavg",
                loadAverage());
        assertThat(statuses).containsOnlyKeys(401, 429);
        assertThat(statuses.get(401)).isEqualTo(MAX_FAILURES);
        assertThat(firstLocked).isEqualTo(MAX_FAILURES + 1);
        assertThat(serverCpuSeconds)
                .as("server CPU for %d guesses, against ~%.0f s unthrottled", GUESSES, unthrottledCpuSeconds)
                .isLessThan(unthrottledCpuSeconds / 4);
        assertThat(rightHere.statusCode()).as("still locked here").isEqualTo(429);
        assertThat(rightElsewhere).as("the real user, from another address").isEqualTo(200);
    }

    /**
     * Against the packaged server in a process of its own (-Xmx384m), so that its RSS is its own; without the
     * jar (a plain build runs this before packaging) against the in-process server, where RSS also counts the
     * client and the live heap after GC is what shows whether the names were kept.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aThousandTwoMegabyteUsernamesLeaveMemoryBounded() throws Exception {
        if (!ChildServer.jarAvailable()) {
            long heapBefore = heapAfterGcBytes();
            long rssBefore = rssKiB(ProcessHandle.current().pid());
            HugeNames run = sendHugeNames(URI.create(server.base).getPort());
            long heapAfter = heapAfterGcBytes();
            boolean logged = server.logLines.stream().anyMatch(line -> line.contains("a".repeat(1000)));
            Figures.record(
                    "huge usernames (1,000 x 2 MB)",
                    "server",
                    "in-process",
                    "outcomes",
                    run.outcomes(),
                    "seconds",
                    String.format("%.1f", run.seconds()),
                    "rssMiBBeforeAfter",
                    rssBefore / 1024 + "/" + rssKiB(ProcessHandle.current().pid()) / 1024,
                    "liveHeapMiBBeforeAfter",
                    heapBefore / 1024 / 1024 + "/" + heapAfter / 1024 / 1024,
                    "nameInLog",
                    logged,
                    "loadavg",
                    loadAverage());
            assertThat(run.outcomes()).containsOnlyKeys("302 /login?error");
            assertThat(heapAfter - heapBefore)
                    .as("live heap growth after 1,000 x 2 MB names")
                    .isLessThan(64L * 1024 * 1024);
            assertThat(logged).isFalse();
            return;
        }
        try (ChildServer child = new ChildServer("huge_names")) {
            child.start();
            child.awaitReady(java.time.Duration.ofSeconds(120));
            long pid = child.process.pid();
            child.get("/login");
            long rssBefore = rssKiB(pid);
            HugeNames run = sendHugeNames(child.port);
            Thread.sleep(2_000);
            long rssAfter = rssKiB(pid);
            boolean logged = Files.readString(child.log).contains("a".repeat(1000));
            Figures.record(
                    "huge usernames (1,000 x 2 MB)",
                    "server",
                    "own process, -Xmx384m",
                    "outcomes",
                    run.outcomes(),
                    "seconds",
                    String.format("%.1f", run.seconds()),
                    "rssMiBBefore",
                    rssBefore / 1024,
                    "rssMiBAfter",
                    rssAfter / 1024,
                    "alive",
                    child.process.isAlive(),
                    "nameInLog",
                    logged,
                    "loadavg",
                    loadAverage());
            assertThat(run.outcomes()).containsOnlyKeys("302 /login?error");
            assertThat(child.process.isAlive()).isTrue();
            assertThat(rssAfter - rssBefore).as("RSS growth, KiB").isLessThan(256L * 1024);
            assertThat(logged).isFalse();
        }
    }

    record HugeNames(Map<String, Integer> outcomes, double seconds) {}

    /** 1,000 sign-ins with distinct 2,000,000-character names (a valid CSRF token, so they reach sign-in). */
    private static HugeNames sendHugeNames(int port) throws Exception {
        WebSession browser = new WebSession(port);
        String token = WebSession.csrf(browser.get("/login").body());
        byte[] filler = new byte[HUGE_NAME_CHARS - 12];
        Arrays.fill(filler, (byte) 'a');
        byte[] tail = ("&password=whatever&_csrf=" + token).getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < HUGE_NAMES; i++) {
            byte[] head = ("username=" + String.format("%012d", i)).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(browser.url("/login")))
                    .timeout(java.time.Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, filler, tail))));
            URI location = URI.create(response.headers().firstValue("Location").orElse("/"));
            String where = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
            outcomes.merge(response.statusCode() + " " + where, 1, Integer::sum);
        }
        return new HugeNames(outcomes, (System.nanoTime() - started) / 1e9);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void endAndCancelOfTheSameLeasesAtOnceLeaveOnlyPossibleStates() throws Exception {
        long space = server.create("/api/v1/spaces", """
                {"code": "RACE-%d", "name": "Race desk", "type": "DESK", "monthlyRate": 100}
                """.formatted(System.nanoTime() % 1_000_000_000));
        long member = server.create("/api/v1/members", """
                {"fullName": "End Cancel", "email": "end-cancel-%d@example.com"}
                """.formatted(System.nanoTime()));
        LocalDate base = LocalDate.of(2040, 1, 1);
        List<long[]> leases = new ArrayList<>();
        for (int i = 0; i < LEASES; i++) {
            LocalDate start = base.plusMonths(i);
            long id = server.create("/api/v1/leases", """
                    {"memberId": %d, "spaceId": %d, "start": "%s", "end": "%s"}
                    """.formatted(member, space, start, start.plusMonths(1)));
            leases.add(new long[] {id, i});
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<Integer>> ends = new ArrayList<>();
        List<Future<Integer>> cancels = new ArrayList<>();
        try {
            for (long[] lease : leases) {
                LocalDate on = base.plusMonths(lease[1]).plusDays(10);
                ends.add(clients.submit(() -> server.json(
                                "POST",
                                "/api/v1/leases/" + lease[0] + "/end",
                                LiveServer.STAFF,
                                "{\"on\":\"" + on + "\"}")
                        .statusCode()));
                cancels.add(clients.submit(
                        () -> server.json("POST", "/api/v1/leases/" + lease[0] + "/cancel", LiveServer.STAFF, null)
                                .statusCode()));
            }
            int endFirst = 0;
            int cancelFirst = 0;
            List<String> impossible = new ArrayList<>();
            for (int i = 0; i < LEASES; i++) {
                long id = leases.get(i)[0];
                LocalDate start = base.plusMonths(i);
                int end = ends.get(i).get();
                int cancel = cancels.get(i).get();
                HttpResponse<String> after = server.json("GET", "/api/v1/leases/" + id, LiveServer.VIEWER, null);
                String status = field(after.body(), "status");
                String endDay = field(after.body(), "end");
                boolean endedThenCancelled = end == 200
                        && cancel == 200
                        && status.equals("CANCELLED")
                        && endDay.equals(start.plusDays(10).toString());
                boolean cancelledThenRefused = end == 409
                        && cancel == 200
                        && status.equals("CANCELLED")
                        && endDay.equals(start.plusMonths(1).toString());
                if (endedThenCancelled) {
                    endFirst++;
                } else if (cancelledThenRefused) {
                    cancelFirst++;
                } else {
                    impossible.add("lease " + id + ": end " + end + ", cancel " + cancel + ", now " + status + " to "
                            + endDay);
                }
            }
            Figures.record(
                    "end + cancel race (200)",
                    "leases",
                    LEASES,
                    "endThenCancel",
                    endFirst,
                    "cancelThenEndRefused",
                    cancelFirst,
                    "impossibleStates",
                    impossible.size());
            assertThat(impossible).isEmpty();
        } finally {
            clients.shutdownNow();
        }
    }

    /** One request over a socket bound to another loopback address: the server sees a different client. */
    private int statusFrom(String localAddress, String path, String authorization) throws IOException {
        URI base = URI.create(server.base);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nAuthorization: " + authorization + "\r\nAccept: application/json\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    /** CPU time of one cost-10 bcrypt check, measured on this thread. */
    private static double bcryptCpuMillis() {
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
        String hash = encoder.encode("calibration password");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 5; i++) {
            encoder.matches("wrong password", hash);
        }
        return (threads.getCurrentThreadCpuTime() - before) / 5 / 1e6;
    }

    /** CPU time of the server's request threads (Tomcat's http-nio-*), however they are pooled. */
    private static long serverThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long heapAfterGcBytes() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + "/" + parts[1] + "/" + parts[2];
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
