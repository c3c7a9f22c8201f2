package org.newplos.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL goes away for 30 s under a steady load and comes back (an embedded server of the test's own,
 * stopped and started again on the same data directory and port). Liveness stays 200, readiness is 503
 * meanwhile, data requests get a prompt 503 problem+json with Retry-After, readiness returns within 5 s of
 * the database, and every write that was acknowledged is there afterwards.
 */
@Tag("reliability")
class DatabaseOutageTests {

    static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theServiceSurvivesThirtySecondsWithoutItsDatabase() throws Exception {
        assumeTrue(ChildServer.jarAvailable(), "needs target/newplos.jar: run after package");
        Path dataDir = Files.createTempDirectory("newplos-outage-pg");
        int pgPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            pgPort = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = startPostgres(dataDir, pgPort);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE outage ENCODING 'UTF8' TEMPLATE template0");
        }
        try (ChildServer child = new ChildServer("outage", pgPort, "outage")) {
            child.start();
            child.awaitReady(Duration.ofSeconds(120));
            child.addAdmin();

            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            List<String> badOutageAnswers = new ArrayList<>();
            AtomicLong slowestMillis = new AtomicLong();
            AtomicInteger livenessFailures = new AtomicInteger();
            AtomicInteger readinessUpDuringOutage = new AtomicInteger();
            AtomicInteger readinessChecksDuringOutage = new AtomicInteger();
            AtomicBoolean down = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(5);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(threads.submit(() -> {
                    while (!stop.get()) {
                        boolean duringOutage = down.get();
                        long began = System.nanoTime();
                        HttpResponse<String> response =
                                child.post("/api/v1/members", """
                                {"fullName": "Outage %1$d", "email": "outage-%1$d@example.com"}""".formatted(sequence.incrementAndGet()));
                        long millis = (System.nanoTime() - began) / 1_000_000;
                        slowestMillis.accumulateAndGet(millis, Math::max);
                        int status = response.statusCode();
                        outcomes.merge(String.valueOf(status), 1, Integer::sum);
                        if (status == 201) {
                            Matcher m = ID.matcher(response.body());
                            m.find();
                            acknowledged.add(Long.parseLong(m.group(1)));
                        } else if (status == 503) {
                            boolean problem = response.headers()
                                            .firstValue("Content-Type")
                                            .orElse("")
                                            .startsWith("application/problem+json")
                                    && response.headers()
                                            .firstValue("Retry-After")
                                            .isPresent()
                                    && !response.body().contains("Exception")
                                    && !response.body().contains("\tat ");
                            if (!problem) {
                                synchronized (badOutageAnswers) {
                                    badOutageAnswers.add(response.headers().map() + " " + response.body());
                                }
                            }
                        } else if (duringOutage || status >= 500) {
                            synchronized (badOutageAnswers) {
                                badOutageAnswers.add(status + " " + response.body());
                            }
                        }
                        Thread.sleep(50);
                    }
                    return null;
                }));
            }
            futures.add(threads.submit(() -> {
                while (!stop.get()) {
                    if (child.get("/livez").statusCode() != 200) {
                        livenessFailures.incrementAndGet();
                    }
                    if (down.get()) {
                        readinessChecksDuringOutage.incrementAndGet();
                        if (child.get("/readyz").statusCode() == 200) {
                            readinessUpDuringOutage.incrementAndGet();
                        }
                    }
                    Thread.sleep(250);
                }
                return null;
            }));

            Thread.sleep(5000);
            postgres.close();
            down.set(true);
            Thread.sleep(OUTAGE.toMillis());
            down.set(false);
            postgres = startPostgres(dataDir, pgPort);
            long back = System.nanoTime();
            double recovery = Double.NaN;
            while (System.nanoTime() - back < Duration.ofSeconds(60).toNanos()) {
                if (child.get("/readyz").statusCode() == 200) {
                    recovery = (System.nanoTime() - back) / 1e9;
                    break;
                }
                Thread.sleep(100);
            }
            int before = acknowledged.size();
            Thread.sleep(5000);
            stop.set(true);
            for (Future<?> future : futures) {
                future.get(90, TimeUnit.SECONDS);
            }
            threads.shutdownNow();

            long present = child.count("SELECT count(*) FROM members WHERE id IN ("
                    + String.join(
                            ",", acknowledged.stream().map(String::valueOf).toList()) + ")");
            int serverErrors = outcomes.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("5") && !e.getKey().equals("503"))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            Figures.record(
                    "database outage (30 s)",
                    "requests",
                    outcomes.values().stream().mapToInt(Integer::intValue).sum(),
                    "accepted(201)",
                    acknowledged.size(),
                    "rejected(503)",
                    outcomes.getOrDefault("503", 0),
                    "other5xx",
                    serverErrors,
                    "rowsLost",
                    acknowledged.size() - present,
                    "slowestResponseMs",
                    slowestMillis.get(),
                    "livenessFailures",
                    livenessFailures.get(),
                    "readyDuringOutage",
                    readinessUpDuringOutage.get() + "/" + readinessChecksDuringOutage.get(),
                    "recoverySeconds",
                    String.format("%.1f", recovery),
                    "acceptedAfterRecovery",
                    acknowledged.size() - before);
            assertThat(livenessFailures.get()).isZero();
            assertThat(readinessChecksDuringOutage.get()).isPositive();
            assertThat(readinessUpDuringOutage.get()).isZero();
            assertThat(outcomes.getOrDefault("503", 0)).isPositive();
            assertThat(badOutageAnswers).isEmpty();
            assertThat(serverErrors).isZero();
            assertThat(slowestMillis.get())
                    .as("no hang beyond the connection timeout")
                    .isLessThan(10_000);
            assertThat(recovery).as("ready again within 5 s of the database").isLessThanOrEqualTo(5.0);
            assertThat(acknowledged.size() - before)
                    .as("writes accepted after recovery")
                    .isPositive();
            assertThat(present).as("every acknowledged write is present").isEqualTo(acknowledged.size());
            assertThat(child.output()).doesNotContain(LiveServer.DB_PASSWORD);
        } finally {
            postgres.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }
}
