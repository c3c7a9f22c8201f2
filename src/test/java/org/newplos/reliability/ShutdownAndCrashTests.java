package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged jar as a child process. SIGTERM under load: requests in flight finish, nothing answers
 * 5xx, every acknowledged booking is in the database with its audit row (no half writes). SIGKILL in the
 * middle of a (test-only, slow) migration: the restart applies it, and the history holds no trace of the
 * killed attempt.
 */
@Tag("reliability")
class ShutdownAndCrashTests {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigtermDuringLoadFinishesInFlightRequestsAndLosesNothing() throws Exception {
        assumeTrue(ChildServer.jarAvailable(), "needs target/newplos.jar: run after package");
        try (ChildServer child = new ChildServer("shutdown")) {
            child.start();
            child.awaitReady(Duration.ofSeconds(120));
            child.addAdmin();
            List<Long> spaces = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                spaces.add(id(child.post("/api/v1/spaces", """
                        {"code": "SD-%d", "name": "Shutdown desk", "type": "DESK", "monthlyRate": 100}""".formatted(i))));
            }
            long member = id(child.post("/api/v1/members", """
                    {"fullName": "Sig Term", "email": "sigterm@example.com"}"""));

            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(clients.submit(() -> {
                    while (!stop.get()) {
                        int n = sequence.getAndIncrement();
                        LocalDate start = LocalDate.of(2030, 1, 1).plusDays(n / spaces.size());
                        String body = """
                                {"memberId": %d, "spaceId": %d, "start": "%s", "end": "%s"}""".formatted(member, spaces.get(n % spaces.size()), start, start.plusDays(1));
                        try {
                            HttpResponse<String> response = child.post("/api/v1/leases", body);
                            outcomes.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
                            if (response.statusCode() == 201) {
                                acknowledged.add(id(response));
                            }
                        } catch (java.io.IOException e) {
                            // refused or closed once the server stops accepting: not an answer, not a 5xx
                            outcomes.merge("connection closed/refused", 1, Integer::sum);
                            if (!child.process.isAlive()) {
                                return null;
                            }
                            Thread.sleep(20);
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(4000);
            long signalled = System.nanoTime();
            child.process.destroy(); // SIGTERM
            boolean exited = child.process.waitFor(60, TimeUnit.SECONDS);
            double stopSeconds = (System.nanoTime() - signalled) / 1e9;
            stop.set(true);
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            clients.shutdownNow();

            long rows = child.count("SELECT count(*) FROM leases");
            long present = acknowledged.isEmpty()
                    ? 0
                    : child.count("SELECT count(*) FROM leases WHERE id IN ("
                            + String.join(
                                    ",",
                                    acknowledged.stream().map(String::valueOf).toList()) + ")");
            long withoutAudit = child.count("SELECT count(*) FROM leases l WHERE NOT EXISTS (SELECT 1 FROM"
                    + " audit_log a WHERE a.entity = 'lease' AND a.entity_id = l.id AND a.action = 'created')");
            int serverErrors = outcomes.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("5"))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            Figures.record(
                    "graceful shutdown (SIGTERM)",
                    "requests",
                    outcomes.values().stream().mapToInt(Integer::intValue).sum(),
                    "accepted(201)",
                    acknowledged.size(),
                    "5xx",
                    serverErrors,
                    "rowsLost",
                    acknowledged.size() - present,
                    "halfWrites",
                    withoutAudit,
                    "leaseRows",
                    rows,
                    "stopSeconds",
                    String.format("%.1f", stopSeconds),
                    "exitCode",
                    exited ? child.process.exitValue() : "still running",
                    "outcomes",
                    outcomes);
            assertThat(exited).as("stopped within 60 s of SIGTERM").isTrue();
            assertThat(acknowledged).hasSizeGreaterThan(50);
            assertThat(serverErrors).as("%s", outcomes).isZero();
            assertThat(present).isEqualTo(acknowledged.size());
            assertThat(withoutAudit).isZero();
            assertThat(child.output()).contains("Commencing graceful shutdown");
            assertNoSecrets(child.output());
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigkillDuringAMigrationLeavesNoTraceAndTheRestartCompletesIt() throws Exception {
        assumeTrue(ChildServer.jarAvailable(), "needs target/newplos.jar: run after package");
        String slow =
                "filesystem:" + Path.of("target", "test-classes", "db", "slow").toAbsolutePath();
        String locations = "--spring.flyway.locations=classpath:db/migration," + slow;
        try (ChildServer child = new ChildServer("migration_crash", locations)) {
            child.start();
            // wait until the slow migration is running, then kill -9
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            boolean sleeping = false;
            while (!sleeping && System.nanoTime() < deadline) {
                Thread.sleep(100);
                try {
                    sleeping = child.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(6)%'"
                                    + " AND pid <> pg_backend_pid() AND datname = current_database()")
                            > 0;
                } catch (IllegalStateException notYet) {
                    // database not reachable yet
                }
            }
            assertThat(sleeping).as("the slow migration started").isTrue();
            child.process.destroyForcibly(); // SIGKILL
            assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500); // the server notices the dropped connection and rolls back

            long historyRowsAfterKill =
                    child.count("SELECT count(*) FROM flyway_schema_history WHERE version = '9000'");
            long probeTables = child.count("SELECT count(*) FROM pg_tables WHERE tablename = 'reliability_slow_probe'");
            long failedRows = child.count("SELECT count(*) FROM flyway_schema_history WHERE NOT success");

            child.start();
            double recovery = child.awaitReady(Duration.ofSeconds(120));
            long applied = child.count("SELECT count(*) FROM flyway_schema_history WHERE version = '9000' AND success");
            long probeRows = child.count("SELECT count(*) FROM reliability_slow_probe");
            long failedAfter = child.count("SELECT count(*) FROM flyway_schema_history WHERE NOT success");
            child.process.destroy();
            child.process.waitFor(30, TimeUnit.SECONDS);
            Figures.record(
                    "crash during migration",
                    "historyRowsLeftByKill",
                    historyRowsAfterKill,
                    "halfTablesLeft",
                    probeTables,
                    "failedHistoryRows",
                    failedRows + failedAfter,
                    "appliedAfterRestart",
                    applied,
                    "restartToReadySeconds",
                    String.format("%.1f", recovery));
            assertThat(historyRowsAfterKill).isZero();
            assertThat(probeTables).isZero();
            assertThat(failedRows).isZero();
            assertThat(applied).isEqualTo(1);
            assertThat(probeRows).isEqualTo(1);
            assertThat(failedAfter).isZero();
            assertNoSecrets(child.output());
        }
    }

    private static long id(HttpResponse<String> response) {
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    private static void assertNoSecrets(String output) {
        assertThat(output).isNotEmpty().doesNotContain(LiveServer.DB_PASSWORD, LiveServer.PASSWORD);
    }
}
