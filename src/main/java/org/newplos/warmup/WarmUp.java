package org.newplos.warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.newplos.database.DatabaseReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A new server's warm-up (issue 19): once the database is ready, and before the server reports ready, it sends
 * its own read API real requests over loopback for {@code newplos.warmup.duration} — mostly a lease by id and
 * spaces free for a period, now and then the leases list, a member search by a real surname and the spaces list — so that the JIT compiles the paths the first
 * real requests take (a just-started JVM runs them interpreted, several times slower). The requests carry a
 * {@link WarmUpCredential} that exists only meanwhile, read only. It writes nothing: lease creates are not
 * exercised. Bounded in time, stopped by a failure that means it cannot work (an answer of 401/403, no
 * connection), and reported in the log. When the database only becomes ready after the start (it was away),
 * the server already reports ready and the warm-up is skipped.
 */
@Component
@ConditionalOnWebApplication
class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    /** What the warm-up asks for, in turn. */
    enum Kind {
        LEASE,
        LEASES,
        AVAILABLE,
        MEMBERS,
        SPACES
    }

    /**
     * The order the requests go in: mostly the hot reads (a lease by id, availability), the lists and search
     * less often. Search terms are real members' surnames: a short or common term would make a slow query
     * that spends the warm-up's seconds in PostgreSQL instead of compiling the server's paths.
     */
    private static final Kind[] ROUND = {
        Kind.LEASE, Kind.AVAILABLE, Kind.LEASE, Kind.AVAILABLE, Kind.LEASE,
        Kind.MEMBERS, Kind.AVAILABLE, Kind.LEASES, Kind.LEASE, Kind.SPACES
    };

    private static final String[] SPACE_TYPES = {"DESK", "OFFICE", "STUDIO", "LOCKER", "MEETING_ROOM"};
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int SAMPLE = 200;

    /** What one warm-up did, for the log and tests. */
    record Result(
            int requests,
            int failures,
            Duration took,
            ReadinessState readinessDuring,
            List<Integer> byKind,
            @Nullable String stoppedBecause) {}

    private final WarmUpSettings settings;
    private final WarmUpCredential credential;
    private final JdbcClient jdbc;
    private final ApplicationAvailability availability;
    private final ApplicationContext context;
    private final Clock clock;
    private final boolean embeddedDatabase;
    private volatile @Nullable Result last;

    WarmUp(
            WarmUpSettings settings,
            WarmUpCredential credential,
            JdbcClient jdbc,
            ApplicationAvailability availability,
            ApplicationContext context,
            Clock clock,
            Environment environment) {
        this.settings = settings;
        this.credential = credential;
        this.jdbc = jdbc;
        this.availability = availability;
        this.context = context;
        this.clock = clock;
        this.embeddedDatabase = environment.getProperty("newplos.database.embedded", Boolean.class, false);
    }

    /** The last warm-up's result; null before one ran. */
    @Nullable
    Result last() {
        return last;
    }

    @EventListener(DatabaseReady.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onDatabaseReady() {
        Duration duration = settings.effectiveDuration(embeddedDatabase);
        if (duration.isZero()) {
            return;
        }
        ReadinessState readiness = availability.getReadinessState();
        if (readiness == ReadinessState.ACCEPTING_TRAFFIC) {
            log.info("Warm-up skipped: the database became ready after the start, the server already serves");
            return;
        }
        int port = context instanceof WebServerApplicationContext web && web.getWebServer() != null
                ? web.getWebServer().getPort()
                : -1;
        if (port <= 0) {
            return;
        }
        Result result = run(port, duration, readiness);
        last = result;
        log.info(
                "Warm-up: {} requests in {} ms ({} lease, {} leases list, {} availability, {} member search,"
                        + " {} spaces list; {} failed){}",
                result.requests(),
                result.took().toMillis(),
                result.byKind().get(0),
                result.byKind().get(1),
                result.byKind().get(2),
                result.byKind().get(3),
                result.byKind().get(4),
                result.failures(),
                result.stoppedBecause() == null ? "" : "; stopped early: " + result.stoppedBecause());
    }

    private Result run(int port, Duration duration, ReadinessState readiness) {
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Long> leases = jdbc.sql("SELECT id FROM leases ORDER BY id DESC LIMIT :n")
                .param("n", SAMPLE)
                .query(Long.class)
                .list();
        List<String> surnames =
                jdbc.sql("""
                        SELECT DISTINCT substring(full_name FROM '(\\S{4,})$')
                        FROM (SELECT full_name FROM members ORDER BY id DESC LIMIT :n) recent
                        WHERE full_name ~ '\\S{4,}$'""").param("n", SAMPLE).query(String.class).list();
        LocalDate today = LocalDate.now(clock);
        String token = credential.issue();
        AtomicInteger failures = new AtomicInteger();
        AtomicIntegerArray byKind = new AtomicIntegerArray(Kind.values().length);
        // why it stopped before its time; the first reason wins and stops every client
        AtomicReference<@Nullable String> stopped = new AtomicReference<>();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients(), task -> {
            Thread thread = new Thread(task, "warm-up");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                int offset = c;
                running.add(clients.submit(() -> {
                    for (int i = offset; stopped.get() == null && System.nanoTime() < deadline; i++) {
                        Kind kind = ROUND[i % ROUND.length];
                        if ((kind == Kind.LEASE && leases.isEmpty()) || (kind == Kind.MEMBERS && surnames.isEmpty())) {
                            continue;
                        }
                        String path = path(kind, leases, surnames, today);
                        int status = get(port, path, token);
                        byKind.incrementAndGet(kind.ordinal());
                        if (status == 401 || status == 403 || status < 0) {
                            stopped.compareAndSet(
                                    null, (status < 0 ? "no answer" : "answered " + status) + " for " + path);
                        }
                        if (status < 200 || (status >= 300 && status != 404)) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                long left = deadline - System.nanoTime() + REQUEST_TIMEOUT.toNanos();
                client.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.compareAndSet(null, "interrupted");
        } catch (TimeoutException | ExecutionException e) {
            stopped.compareAndSet(null, e.toString());
        } finally {
            credential.revoke();
            clients.shutdownNow();
        }
        List<Integer> kinds = new ArrayList<>();
        for (int k = 0; k < byKind.length(); k++) {
            kinds.add(byKind.get(k));
        }
        return new Result(
                kinds.stream().mapToInt(Integer::intValue).sum(),
                failures.get(),
                Duration.ofNanos(System.nanoTime() - started),
                readiness,
                List.copyOf(kinds),
                stopped.get());
    }

    private static String path(Kind kind, List<Long> leases, List<String> surnames, LocalDate today) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (kind) {
            case LEASE -> "/api/v1/leases/" + leases.get(random.nextInt(leases.size()));
            case LEASES -> "/api/v1/leases?limit=50";
            case AVAILABLE -> {
                LocalDate from = today.plusDays(random.nextInt(365));
                yield "/api/v1/spaces/available?from=" + from + "&to=" + from.plusDays(30 + random.nextInt(61))
                        + "&type=" + SPACE_TYPES[random.nextInt(SPACE_TYPES.length)];
            }
            case MEMBERS ->
                "/api/v1/members?q="
                        + URLEncoder.encode(surnames.get(random.nextInt(surnames.size())), StandardCharsets.UTF_8);
            case SPACES -> "/api/v1/spaces?limit=50";
        };
    }

    /** One GET over loopback (a kept-alive connection per thread); the status, or -1 without an answer. */
    private static int get(int port, String path, String token) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            connection.setConnectTimeout((int) REQUEST_TIMEOUT.toMillis());
            connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("User-Agent", "Newplos-Warm-Up");
            int status = connection.getResponseCode();
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }
}
