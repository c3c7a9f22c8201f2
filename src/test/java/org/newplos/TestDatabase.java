package org.newplos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.newplos.database.DatabaseUrl;

/**
 * The PostgreSQL server the tests use, one per JVM: embedded PostgreSQL 18 by default, or the server named
 * by {@code NEWPLOS_TEST_DATABASE_URL} (e.g. {@code postgres://postgres@127.0.0.1:5432/postgres}, which
 * .ci/run points at the machine's PostgreSQL 15). Each test context gets a fresh database of its own;
 * databases made on an external server are dropped when the JVM ends.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String kind;
    private final List<String> created = new CopyOnWriteArrayList<>();

    private TestDatabase(String host, int port, String username, String password, String kind) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.kind = kind;
    }

    public static synchronized TestDatabase server() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::dropCreated, "test-database-cleanup"));
        }
        return instance;
    }

    private static TestDatabase start() {
        String external = System.getenv("NEWPLOS_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(external);
            return new TestDatabase(
                    url.host(),
                    url.port(),
                    url.username() == null ? "postgres" : url.username(),
                    url.password() == null ? "" : url.password(),
                    "external " + url.masked());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
            return new TestDatabase("localhost", postgres.getPort(), "postgres", "", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a new, empty database with a unique name and returns its name. */
    public String createDatabase(String prefix) {
        String name = uniqueName(prefix);
        execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        created.add(name);
        return name;
    }

    /** A name no other test uses, for databases and roles that a test creates itself. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        created.remove(name);
    }

    /** Runs one statement on the server's maintenance database as the superuser. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** postgres://user:password@host:port/database, as DATABASE_URL takes it. */
    public String databaseUrl(String database) {
        return databaseUrl(username, password, database);
    }

    public String databaseUrl(String user, String secret, String database) {
        return "postgres://" + user + (secret.isEmpty() ? "" : ":" + secret) + "@" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String kind() {
        return kind;
    }

    private void dropCreated() {
        for (String name : created) {
            try {
                dropDatabase(name);
            } catch (RuntimeException ignored) {
                // best effort: the server may already be gone
            }
        }
    }
}
