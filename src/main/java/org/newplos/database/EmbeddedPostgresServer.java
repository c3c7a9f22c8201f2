package org.newplos.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the default local run: its data lives in a folder that survives restarts,
 * and it is stopped when the JVM stops. One per JVM.
 */
final class EmbeddedPostgresServer {

    static final String DATABASE = "newplos";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static EmbeddedPostgresServer running;
    private static @org.jspecify.annotations.Nullable CompletableFuture<EmbeddedPostgresServer> starting;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server in the background and answers its JDBC URL at once (the port is chosen now), so that
     * unpacking the binaries, initdb and the server's start overlap the application's own start; whatever
     * connects first waits in {@link #awaitStarted()}. Later calls answer the same URL.
     */
    static String startInBackground(Path dataDirectory, int port, Log startLog) {
        synchronized (EmbeddedPostgresServer.class) {
            if (starting == null) {
                int chosen = port > 0 ? port : freePort();
                starting = CompletableFuture.supplyAsync(() -> start(dataDirectory, chosen, startLog), task -> {
                    Thread thread = new Thread(task, "embedded-postgres-start");
                    thread.setDaemon(true);
                    thread.start();
                });
                return jdbcUrl(chosen);
            }
        }
        EmbeddedPostgresServer server = awaitStarted(); // not under the lock: the start takes it
        return server == null ? startInBackground(dataDirectory, port, startLog) : server.jdbcUrl();
    }

    /**
     * Waits until a background start has finished; a no-op when none was made (a configured database). A
     * failed start is thrown here, with its message for the operator.
     */
    static @org.jspecify.annotations.Nullable EmbeddedPostgresServer awaitStarted() {
        CompletableFuture<EmbeddedPostgresServer> pending;
        synchronized (EmbeddedPostgresServer.class) {
            pending = starting;
        }
        if (pending == null) {
            return null;
        }
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops the server once its background start is over (at context close). */
    static void stopWhenStarted() {
        CompletableFuture<EmbeddedPostgresServer> pending;
        synchronized (EmbeddedPostgresServer.class) {
            pending = starting;
            starting = null;
        }
        if (pending != null) {
            pending.thenAccept(EmbeddedPostgresServer::stop);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port for embedded PostgreSQL", e);
        }
    }

    /** Starts the server on first call (later calls return the same one) and ensures the database exists. */
    static synchronized EmbeddedPostgresServer start(Path dataDirectory, int port, Log startLog) {
        if (running != null) {
            return running;
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDirectory);
            PgBinaryResolver archive = NativeUnpacking.prepare(startLog);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "200");
            if (archive != null) {
                builder.setPgBinaryResolver(archive);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory);
            server.createDatabaseIfMissing();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
            startLog.info("Embedded PostgreSQL started in " + (System.nanoTime() - started) / 1_000_000 + " ms on port "
                    + postgres.getPort() + " with data in "
                    + dataDirectory.toAbsolutePath().normalize()
                    + " (set DATABASE_URL to use your own server)");
            running = server;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start embedded PostgreSQL with data in "
                            + dataDirectory.toAbsolutePath().normalize()
                            + ": " + e.getMessage()
                            + ". If another Newplos is running on this folder, stop it or set NEWPLOS_DATA_DIR;"
                            + " to use your own server set DATABASE_URL.",
                    e);
        }
    }

    String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IOException("could not create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown: open transactions roll back, data is kept). Safe to call twice. */
    void stop() {
        synchronized (EmbeddedPostgresServer.class) {
            if (running != this) {
                return;
            }
            running = null;
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
