package org.newplos.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.newplos.TestDatabase;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The packaged jar (target/newplos.jar) run as a child process on a free loopback port against a database
 * of its own, reached with a DATABASE_URL that carries a password. Its output goes to a file under
 * target/reliability/ (scanned for secrets). Used for SIGTERM and SIGKILL scenarios.
 */
final class ChildServer implements AutoCloseable {

    static final Path JAR = Path.of("target", "newplos.jar");

    final String database;
    final String jdbcUrl;
    final String dbUser;
    final String databaseUrl;
    final Path log;
    final int port;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private List<String> extraArguments;
    Process process;

    ChildServer(String name, String... extraArguments) throws IOException {
        this(name, TestDatabase.server(), extraArguments);
    }

    /** On a server of the test's own (e.g. one it stops and starts), with user postgres and no password. */
    ChildServer(String name, int port, String database, String... extraArguments) throws IOException {
        this(name, null, port, database, extraArguments);
    }

    private ChildServer(String name, TestDatabase server, String... extraArguments) throws IOException {
        this(name, server, 0, server.createDatabase("newplos_" + name), extraArguments);
    }

    private ChildServer(String name, TestDatabase server, int dbPort, String database, String... extraArguments)
            throws IOException {
        this.database = database;
        if (server != null) {
            dbUser = TestDatabase.uniqueName("rel_child");
            server.execute("CREATE ROLE " + dbUser + " LOGIN SUPERUSER PASSWORD '" + LiveServer.DB_PASSWORD + "'");
            jdbcUrl = server.jdbcUrl(database);
            databaseUrl = server.databaseUrl(dbUser, LiveServer.DB_PASSWORD, database);
        } else {
            dbUser = "postgres";
            jdbcUrl = "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + database;
            databaseUrl = "postgres://postgres:" + LiveServer.DB_PASSWORD + "@127.0.0.1:" + dbPort + "/" + database;
        }
        Files.createDirectories(Path.of("target", "reliability"));
        log = Path.of("target", "reliability", name + ".log");
        Files.deleteIfExists(log);
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        this.extraArguments = List.of(extraArguments);
    }

    /** The arguments the next {@link #start()} passes (a restart with other settings, same database). */
    void arguments(String... arguments) {
        this.extraArguments = List.of(arguments);
    }

    static boolean jarAvailable() {
        return Files.isRegularFile(JAR);
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString(),
                "serve",
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DATABASE_URL", databaseUrl);
        // a deployed server's warm-up, shortened: exercised on every start without 10 s each
        builder.environment().put("NEWPLOS_WARMUP_DURATION", "2s");
        builder.environment()
                .put(
                        "NEWPLOS_DATA_DIR",
                        Path.of("target", "reliability", "data").toString());
        process = builder.start();
    }

    /** Waits until /readyz answers 200; returns the seconds it took. */
    double awaitReady(Duration timeout) throws Exception {
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("child exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/readyz").statusCode() == 200) {
                    return (System.nanoTime() - began) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("child not ready within " + timeout + "; see " + log);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", LiveServer.basic(LiveServer.ADMIN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void addAdmin() {
        sql("INSERT INTO users (email, display_name, role, password_hash) VALUES ('" + LiveServer.ADMIN
                + "', 'Admin', 'ADMIN', '{bcrypt}" + new BCryptPasswordEncoder(4).encode(LiveServer.PASSWORD) + "')");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, LiveServer.DB_PASSWORD);
    }

    void sql(String statement) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    long count(String query) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
