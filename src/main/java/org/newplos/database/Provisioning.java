package org.newplos.database;

import static org.newplos.database.Connections.quoteIdentifier;
import static org.newplos.database.Connections.quoteLiteral;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Makes sure the database exists (UTF8, template0, owned by the application role) and has the extensions the
 * schema needs, before any migration runs. Safe when replicas race: an advisory lock serialises them and
 * "already exists" (42P04) counts as success. What it cannot do, it refuses with the SQL an administrator
 * must run.
 */
public final class Provisioning {

    /** Advisory lock key ("newplos" in ASCII) taken while creating the database or its extensions. */
    static final long LOCK_KEY = 0x6e6577706c6f73L;

    private static final int TIMEOUT_SECONDS = 5;

    private final DatabaseSettings settings;
    private final DatabaseUrl target;

    public Provisioning(DatabaseSettings settings) {
        this.settings = settings;
        this.target = settings.target();
    }

    /** Creates what is missing; returns what it did (empty when nothing was needed). */
    public List<String> provision() {
        List<String> done = new ArrayList<>();
        if (!databaseExists()) {
            if (!settings.provision()) {
                throw new DatabaseSetupException(
                        "Database " + quoteIdentifier(target.database()) + " does not exist on "
                                + target.host() + ":" + target.port()
                                + " and NEWPLOS_PROVISION_DATABASE is off. Create it, or turn provisioning on. "
                                + adminSql());
            }
            createDatabase();
            done.add("created database " + target.database());
        }
        done.addAll(checkEncodingAndExtensions());
        return done;
    }

    /** The SQL an administrator runs to create the database and its extensions by hand. */
    public String adminSql() {
        StringBuilder sql = new StringBuilder("An administrator must run, as a superuser on "
                + target.host() + ":" + target.port() + ":\n  " + createDatabaseSql() + ";\n  \\connect "
                + quoteIdentifier(target.database()) + "\n");
        for (String extension : settings.extensions()) {
            sql.append("  CREATE EXTENSION IF NOT EXISTS ").append(extension).append(";\n");
        }
        return sql.toString();
    }

    String createDatabaseSql() {
        String owner = owner();
        return "CREATE DATABASE " + quoteIdentifier(target.database())
                + (owner == null ? "" : " OWNER " + quoteIdentifier(owner))
                + " ENCODING 'UTF8' TEMPLATE template0"
                + (settings.locale() == null || settings.locale().isBlank()
                        ? ""
                        : " LOCALE " + quoteLiteral(settings.locale()));
    }

    private @Nullable String owner() {
        return settings.username().isEmpty() ? null : settings.username();
    }

    public boolean databaseExists() {
        try (Connection ignored =
                Connections.open(settings.jdbcUrl(), settings.username(), settings.password(), TIMEOUT_SECONDS)) {
            return true;
        } catch (SQLException e) {
            if ("3D000".equals(e.getSQLState())) {
                return false;
            }
            throw failure("Cannot connect to " + settings.describe() + ": " + e.getMessage(), e);
        }
    }

    private void createDatabase() {
        String adminJdbcUrl = settings.adminUrl() == null
                ? target.jdbcUrl("postgres")
                : settings.adminUrl().jdbcUrl();
        String adminUser = settings.adminUrl() == null
                ? settings.username()
                : nullToEmpty(settings.adminUrl().username());
        String adminPassword = settings.adminUrl() == null
                ? settings.password()
                : nullToEmpty(settings.adminUrl().password());
        try (Connection admin = Connections.open(adminJdbcUrl, adminUser, adminPassword, TIMEOUT_SECONDS)) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
                try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, target.database());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            return;
                        }
                    }
                }
                statement.execute(createDatabaseSql());
            } catch (SQLException e) {
                if ("42P04".equals(e.getSQLState())) {
                    return; // another replica created it first
                }
                if ("42501".equals(e.getSQLState())) {
                    throw new DatabaseSetupException(
                            "Database " + quoteIdentifier(target.database()) + " does not exist and role "
                                    + quoteIdentifier(adminUser) + " may not create it (" + e.getMessage()
                                    + "). " + adminSql()
                                    + "Or give the role CREATEDB (ALTER ROLE " + quoteIdentifier(adminUser)
                                    + " CREATEDB), or set NEWPLOS_ADMIN_DATABASE_URL to credentials that may.",
                            false,
                            e);
                }
                throw failure("Could not create database " + target.database() + ": " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            if (Connections.isTransient(e)) {
                throw failure("Cannot connect to " + target.host() + ":" + target.port() + ": " + e.getMessage(), e);
            }
            throw new DatabaseSetupException(
                    "Database " + quoteIdentifier(target.database()) + " does not exist and the maintenance database "
                            + "could not be used to create it (" + e.getMessage() + "). " + adminSql(),
                    false,
                    e);
        }
    }

    private List<String> checkEncodingAndExtensions() {
        List<String> done = new ArrayList<>();
        try (Connection connection =
                Connections.open(settings.jdbcUrl(), settings.username(), settings.password(), TIMEOUT_SECONDS)) {
            String encoding = encoding(connection);
            if (!"UTF8".equals(encoding)) {
                throw new DatabaseSetupException("Database " + quoteIdentifier(target.database())
                        + " has encoding " + encoding + "; Newplos needs UTF8 (names and emails in any language)."
                        + " Create a new database with " + createDatabaseSql() + " and move the data with"
                        + " pg_dump/pg_restore.");
            }
            List<String> missing = missingExtensions(connection, settings.extensions());
            if (missing.isEmpty()) {
                return done;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
                try {
                    List<String> failed = new ArrayList<>();
                    List<String> reasons = new ArrayList<>();
                    for (String extension : missingExtensions(connection, missing)) {
                        try {
                            statement.execute("CREATE EXTENSION IF NOT EXISTS " + quoteIdentifier(extension));
                            done.add("created extension " + extension);
                        } catch (SQLException e) {
                            if ("23505".equals(e.getSQLState()) || "42710".equals(e.getSQLState())) {
                                continue; // created concurrently
                            }
                            failed.add(extension);
                            reasons.add(extension + ": " + e.getMessage()
                                    + (available(connection, extension)
                                            ? ""
                                            : " (not installed on the server: install the PostgreSQL contrib"
                                                    + " package, e.g. postgresql-contrib)"));
                        }
                    }
                    if (!failed.isEmpty()) {
                        throw new DatabaseSetupException(
                                "Missing extension(s) " + String.join(", ", failed) + " in database "
                                        + quoteIdentifier(target.database()) + " could not be created by role "
                                        + quoteIdentifier(settings.username()) + ": " + String.join("; ", reasons)
                                        + ". An administrator must run, connected to database "
                                        + quoteIdentifier(target.database()) + " as a superuser:\n"
                                        + failed.stream()
                                                .map(x -> "  CREATE EXTENSION IF NOT EXISTS " + x + ";\n")
                                                .reduce("", String::concat)
                                        + "(pg_trgm, btree_gin and btree_gist are trusted: the database OWNER may"
                                        + " create them, so ALTER DATABASE " + quoteIdentifier(target.database())
                                        + " OWNER TO " + quoteIdentifier(settings.username()) + " also works.)");
                    }
                } finally {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
            return done;
        } catch (SQLException e) {
            throw failure("Could not check database " + target.database() + ": " + e.getMessage(), e);
        }
    }

    static String encoding(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_encoding_to_char(encoding) FROM pg_database"
                        + " WHERE datname = current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<String> missingExtensions(Connection connection, List<String> wanted) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 FROM pg_extension WHERE extname = ?")) {
            for (String extension : wanted) {
                statement.setString(1, extension);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        missing.add(extension);
                    }
                }
            }
        }
        return missing;
    }

    static boolean available(Connection connection, String extension) {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = ?")) {
            statement.setString(1, extension);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static DatabaseSetupException failure(String message, SQLException e) {
        return new DatabaseSetupException(message, Connections.isTransient(e), e);
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
