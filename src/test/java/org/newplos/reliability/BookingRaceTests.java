package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients book the same space at once through the real HTTP server. Only the database's exclusion
 * constraint decides: exactly one booking of an overlapping period wins, the rest get 409, nothing
 * answers 5xx. Adjacent periods ([a, b) then [b, c)) never conflict.
 */
@Tag("reliability")
class BookingRaceTests {

    static final int OVERLAPPING = 1000;
    static final int ADJACENT = 200;
    static final int CLIENTS = 48;

    private final LiveServer server = LiveServer.get();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void overlappingBookingsOfOneSpaceYieldExactlyOneLease() throws Exception {
        long space = space();
        List<Long> members = members(20);
        Outcome outcome =
                race(OVERLAPPING, i -> """
                {"memberId": %d, "spaceId": %d, "start": "2031-0%d-01", "end": "2031-1%d-01"}
                """.formatted(members.get(i % members.size()), space, 1 + i % 5, i % 3));

        long rows = server.count("SELECT count(*) FROM leases WHERE space_id = " + space);
        Figures.record(
                "booking race (overlapping)",
                "requests",
                OVERLAPPING,
                "maxInFlight",
                outcome.maxInFlight.get(),
                "accepted(201)",
                outcome.count(201),
                "rejected(409)",
                outcome.count(409),
                "5xx",
                outcome.serverErrors(),
                "leaseRows",
                rows,
                "doubleBookings",
                Math.max(0, rows - 1),
                "seconds",
                outcome.seconds());
        assertThat(outcome.statuses).containsOnlyKeys(201, 409);
        assertThat(outcome.count(201)).isEqualTo(1);
        assertThat(outcome.count(409)).isEqualTo(OVERLAPPING - 1);
        assertThat(outcome.maxInFlight.get()).isGreaterThanOrEqualTo(32);
        assertThat(rows).isEqualTo(1);
        assertThat(outcome.conflictBodiesAreProblems).isTrue();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void adjacentPeriodsAreAllAccepted() throws Exception {
        long space = space();
        List<Long> members = members(10);
        LocalDate first = LocalDate.of(2032, 1, 1);
        // Booked in a shuffled order, so neighbours arrive at the same time from different clients.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ADJACENT; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(42));
        Outcome outcome = race(ADJACENT, n -> {
            int i = order.get(n);
            return """
                    {"memberId": %d, "spaceId": %d, "start": "%s", "end": "%s"}
                    """.formatted(
                            members.get(i % members.size()), space, first.plusDays(3L * i), first.plusDays(3L * i + 3));
        });

        long rows = server.count("SELECT count(*) FROM leases WHERE space_id = " + space);
        Figures.record(
                "booking race (adjacent)",
                "requests",
                ADJACENT,
                "maxInFlight",
                outcome.maxInFlight.get(),
                "accepted(201)",
                outcome.count(201),
                "rejected",
                ADJACENT - outcome.count(201),
                "5xx",
                outcome.serverErrors(),
                "leaseRows",
                rows,
                "seconds",
                outcome.seconds());
        assertThat(outcome.statuses).containsOnlyKeys(201);
        assertThat(rows).isEqualTo(ADJACENT);
    }

    private long space() {
        String code = "R-" + Long.toHexString(System.nanoTime());
        return server.create("/api/v1/spaces", """
                {"code": "%s", "name": "Race desk", "type": "DESK", "monthlyRate": 100}
                """.formatted(code));
    }

    private List<Long> members(int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(server.create("/api/v1/members", """
                    {"fullName": "Racer %d", "email": "racer-%s@example.com"}
                    """.formatted(i, Long.toHexString(System.nanoTime()))));
        }
        return ids;
    }

    /** Sends n POST /api/v1/leases from CLIENTS threads, all released together. */
    private Outcome race(int n, IntFunction<String> body) throws Exception {
        Outcome outcome = new Outcome();
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String json = body.apply(i);
                futures.add(clients.submit(() -> {
                    start.await();
                    outcome.maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    HttpResponse<String> response;
                    try {
                        response = server.json("POST", "/api/v1/leases", LiveServer.STAFF, json);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    outcome.statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() == 409
                            && !(response.headers()
                                    .firstValue("Content-Type")
                                    .orElse("")
                                    .startsWith("application/problem+json"))) {
                        outcome.conflictBodiesAreProblems = false;
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get(4, TimeUnit.MINUTES);
            }
            outcome.nanos = System.nanoTime() - began;
        } finally {
            clients.shutdownNow();
        }
        return outcome;
    }

    static final class Outcome {
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile boolean conflictBodiesAreProblems = true;
        long nanos;

        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        int serverErrors() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= 500)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        String seconds() {
            return String.format("%.1f", nanos / 1e9);
        }
    }
}
