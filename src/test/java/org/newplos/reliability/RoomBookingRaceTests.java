package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients book the same meeting room for the same hour at once through the real HTTP server (issue 18):
 * the exclusion constraint on room_bookings decides, exactly one booking wins, the rest get 409 problem+json,
 * nothing answers 5xx, and no credit balance moves for a request that lost.
 */
@Tag("reliability")
class RoomBookingRaceTests {

    static final int REQUESTS = 500;
    static final int CLIENTS = 48;

    private final LiveServer server = LiveServer.get();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fiveHundredRequestsForOneRoomAndSlotBookExactlyOne() throws Exception {
        String code = "MR-" + Long.toHexString(System.nanoTime());
        long room = server.create("/api/v1/spaces", """
                {"code": "%s", "name": "Race room", "type": "MEETING_ROOM", "monthlyRate": 0}
                """.formatted(code));
        server.sql("UPDATE spaces SET hourly_rate = 20.00 WHERE id = " + room);
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(server.create("/api/v1/members", """
                    {"fullName": "Room racer %d", "email": "room-racer-%s@example.com"}
                    """.formatted(i, Long.toHexString(System.nanoTime()))));
        }
        LocalDate day = LocalDate.now().plusDays(14);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }

        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger nonProblemConflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        long nanos;
        try {
            for (int i = 0; i < REQUESTS; i++) {
                String json = """
                        {"memberId": %d, "spaceId": %d, "date": "%s", "start": "10:00", "end": "11:00"}
                        """.formatted(members.get(i % members.size()), room, day);
                futures.add(clients.submit(() -> {
                    start.await();
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    HttpResponse<String> response;
                    try {
                        response = server.json("POST", "/api/v1/bookings", LiveServer.STAFF, json);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() == 409
                            && !response.headers()
                                    .firstValue("Content-Type")
                                    .orElse("")
                                    .startsWith("application/problem+json")) {
                        nonProblemConflicts.incrementAndGet();
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get(4, TimeUnit.MINUTES);
            }
            nanos = System.nanoTime() - began;
        } finally {
            clients.shutdownNow();
        }

        long rows = server.count("SELECT count(*) FROM room_bookings WHERE space_id = " + room);
        int serverErrors = statuses.entrySet().stream()
                .filter(e -> e.getKey() >= 500)
                .mapToInt(Map.Entry::getValue)
                .sum();
        Figures.record(
                "room booking race (one room, one slot)",
                "requests",
                REQUESTS,
                "maxInFlight",
                maxInFlight.get(),
                "accepted(201)",
                statuses.getOrDefault(201, 0),
                "rejected(409)",
                statuses.getOrDefault(409, 0),
                "5xx",
                serverErrors,
                "bookingRows",
                rows,
                "seconds",
                String.format("%.1f", nanos / 1e9));
        assertThat(statuses).containsOnlyKeys(201, 409);
        assertThat(statuses.get(201)).isEqualTo(1);
        assertThat(statuses.get(409)).isEqualTo(REQUESTS - 1);
        assertThat(rows).isEqualTo(1);
        assertThat(nonProblemConflicts.get()).isZero();
        assertThat(maxInFlight.get()).isGreaterThanOrEqualTo(32);
    }

    /**
     * Twenty adjacent half-hour slots (08:00–18:00) of one room, each asked for ten times at once in shuffled
     * order: every slot is booked exactly once ([a, b) and [b, c) never conflict), the rest get 409, no 5xx.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void adjacentSlotsAskedForManyTimesAreEachBookedOnce() throws Exception {
        String code = "MA-" + Long.toHexString(System.nanoTime());
        long room = server.create("/api/v1/spaces", """
                {"code": "%s", "name": "Adjacent room", "type": "MEETING_ROOM", "monthlyRate": 0, "hourlyRate": 10}
                """.formatted(code));
        long member = server.create("/api/v1/members", """
                {"fullName": "Slot racer", "email": "slot-racer-%s@example.com"}
                """.formatted(Long.toHexString(System.nanoTime())));
        LocalDate day = LocalDate.now().plusDays(21);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        List<String> bodies = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            for (int slot = 0; slot < 20; slot++) {
                java.time.LocalTime from = java.time.LocalTime.of(8, 0).plusMinutes(30L * slot);
                bodies.add("""
                        {"memberId": %d, "spaceId": %d, "date": "%s", "start": "%s", "end": "%s"}
                        """.formatted(member, room, day, from, from.plusMinutes(30)));
            }
        }
        java.util.Collections.shuffle(bodies, new java.util.Random(18));
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        long began;
        long nanos;
        try {
            for (String json : bodies) {
                futures.add(clients.submit(() -> {
                    start.await();
                    HttpResponse<String> response = server.json("POST", "/api/v1/bookings", LiveServer.STAFF, json);
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    return null;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get(4, TimeUnit.MINUTES);
            }
            nanos = System.nanoTime() - began;
        } finally {
            clients.shutdownNow();
        }
        long rows = server.count("SELECT count(*) FROM room_bookings WHERE space_id = " + room);
        Figures.record(
                "room booking race (20 adjacent slots × 10)",
                "requests",
                bodies.size(),
                "accepted(201)",
                statuses.getOrDefault(201, 0),
                "rejected(409)",
                statuses.getOrDefault(409, 0),
                "bookingRows",
                rows,
                "seconds",
                String.format("%.1f", nanos / 1e9));
        assertThat(statuses).containsOnlyKeys(201, 409);
        assertThat(statuses.get(201)).isEqualTo(20);
        assertThat(rows).isEqualTo(20);
    }
}
