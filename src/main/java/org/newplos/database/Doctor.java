package org.newplos.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code newplos doctor}: the whole deploy investigation in order — configuration, server reachable, database
 * exists, encoding, extensions, migration state, readiness of a running instance, then the extra checks
 * (tracing, error tracking). Changes nothing. Timeouts are bounded so it answers in seconds when the server
 * is down.
 */
public final class Doctor {

    private static final int CONNECT_TIMEOUT_SECONDS = 2;

    private final Supplier<DatabaseSettings> settings;
    private final @Nullable String readinessUrl;
    private final boolean readinessRequired;
    private final List<DoctorCheck> extraChecks;

    /**
     * @param settings reads the configuration (its failure is reported as the first check)
     * @param readinessUrl where a running instance answers readiness (e.g. http://localhost:8080/readyz), or null
     * @param readinessRequired whether a not-ready answer there is a FAIL (the URL was given) or a WARN (defaulted)
     */
    public Doctor(
            Supplier<DatabaseSettings> settings,
            @Nullable String readinessUrl,
            boolean readinessRequired,
            List<DoctorCheck> extraChecks) {
        this.settings = settings;
        this.readinessUrl = readinessUrl;
        this.readinessRequired = readinessRequired;
        this.extraChecks = extraChecks;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        DatabaseSettings config = null;
        try {
            config = settings.get();
            checks.add(Check.pass(
                    "configuration",
                    "database " + config.describe() + ", provision " + onOff(config.provision())
                            + ", migrate-on-start " + onOff(config.migrateOnStart())
                            + (config.adminUrl() == null
                                    ? ""
                                    : ", admin " + config.adminUrl().masked())));
        } catch (DatabaseUrl.InvalidDatabaseUrlException e) {
            checks.add(Check.fail(
                    "configuration",
                    String.valueOf(e.getMessage()),
                    "set DATABASE_URL=postgres://user:password@host:5432/database"));
        } catch (RuntimeException e) {
            checks.add(Check.warn(
                    "configuration",
                    "no DATABASE_URL: the server would run embedded PostgreSQL in NEWPLOS_DATA_DIR (local use only)",
                    "set DATABASE_URL=postgres://user:password@host:5432/database for a deployment"));
        }
        if (config != null) {
            databaseChecks(config, checks);
        } else {
            skip(
                    checks,
                    "configuration",
                    "server reachable",
                    "database exists",
                    "encoding",
                    "extensions",
                    "migrations");
        }
        checks.add(readiness());
        for (DoctorCheck extra : extraChecks) {
            try {
                checks.add(extra.run());
            } catch (RuntimeException e) {
                checks.add(Check.warn(extra.getClass().getSimpleName(), "check failed: " + e.getMessage(), ""));
            }
        }
        return checks;
    }

    private void databaseChecks(DatabaseSettings config, List<Check> checks) {
        DatabaseUrl target = config.target();
        Provisioning provisioning = new Provisioning(config);
        String server = target.host() + ":" + target.port();
        try (Connection connection =
                Connections.open(config.jdbcUrl(), config.username(), config.password(), CONNECT_TIMEOUT_SECONDS)) {
            checks.add(Check.pass("server reachable", "PostgreSQL at " + server + " answered"));
            checks.add(Check.pass("database exists", "database " + target.database() + " exists"));
            databaseContents(config, connection, checks);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if ("3D000".equals(state)) {
                checks.add(Check.pass("server reachable", "PostgreSQL at " + server + " answered"));
                checks.add(
                        config.provision()
                                ? Check.warn(
                                        "database exists",
                                        "database " + target.database()
                                                + " does not exist; it is created at start if role " + config.username()
                                                + " may",
                                        "run 'newplos migrate' now, or: " + provisioning.createDatabaseSql())
                                : Check.fail(
                                        "database exists",
                                        "database " + target.database() + " does not exist and provisioning is off",
                                        "as a superuser: " + provisioning.createDatabaseSql()));
                skip(checks, "database missing", "encoding", "extensions", "migrations");
            } else if (state != null && state.startsWith("28")) {
                checks.add(Check.fail(
                        "server reachable",
                        "PostgreSQL at " + server + " refused the login: " + e.getMessage(),
                        "check the user and password in DATABASE_URL, and pg_hba.conf"));
                skip(checks, "login refused", "database exists", "encoding", "extensions", "migrations");
            } else {
                checks.add(Check.fail(
                        "server reachable",
                        "cannot reach PostgreSQL at " + server + ": " + e.getMessage(),
                        "start the server, or correct host/port in DATABASE_URL (firewall, DNS, sslmode)"));
                skip(checks, "server unreachable", "database exists", "encoding", "extensions", "migrations");
            }
        }
    }

    private void databaseContents(DatabaseSettings config, Connection connection, List<Check> checks)
            throws SQLException {
        Provisioning provisioning = new Provisioning(config);
        String encoding = Provisioning.encoding(connection);
        checks.add(
                "UTF8".equals(encoding)
                        ? Check.pass("encoding", "UTF8")
                        : Check.fail(
                                "encoding",
                                "database encoding is " + encoding + ", Newplos needs UTF8",
                                "create a UTF8 database (" + provisioning.createDatabaseSql()
                                        + ") and move the data with pg_dump/pg_restore"));
        List<String> missing = Provisioning.missingExtensions(connection, config.extensions());
        if (missing.isEmpty()) {
            checks.add(Check.pass("extensions", String.join(", ", config.extensions()) + " installed"));
        } else {
            List<String> unavailable = missing.stream()
                    .filter(x -> !Provisioning.available(connection, x))
                    .toList();
            boolean mayCreate = mayCreateExtensions(connection);
            String sql = missing.stream()
                    .map(x -> "CREATE EXTENSION IF NOT EXISTS " + x + ";")
                    .reduce((a, b) -> a + " " + b)
                    .orElse("");
            if (!unavailable.isEmpty()) {
                checks.add(Check.fail(
                        "extensions",
                        "missing and not installed on the server: " + String.join(", ", unavailable),
                        "install the PostgreSQL contrib package (postgresql-contrib) on the server, then: " + sql));
            } else if (mayCreate && config.provision()) {
                checks.add(Check.warn(
                        "extensions",
                        "missing: " + String.join(", ", missing) + " (created at start)",
                        "run 'newplos migrate', or: " + sql));
            } else {
                checks.add(Check.fail(
                        "extensions",
                        "missing: " + String.join(", ", missing) + "; role " + config.username()
                                + " may not create them",
                        "as a superuser in database " + config.target().database() + ": " + sql));
            }
        }
        try {
            Migrations.MigrationStatus status = new Migrations(config).status();
            if (!status.failed().isEmpty() || !status.mismatches().isEmpty()) {
                checks.add(Check.fail(
                        "migrations",
                        status.summary(),
                        status.mismatches().isEmpty()
                                ? "fix the failed migration's cause, delete its row from flyway_schema_history,"
                                        + " run 'newplos migrate'"
                                : "restore the edited file as released; put changes in a new migration"));
            } else if (!status.pending().isEmpty()) {
                checks.add(
                        config.migrateOnStart()
                                ? Check.warn(
                                        "migrations",
                                        status.summary() + " (applied at next start)",
                                        "run 'newplos migrate' or restart")
                                : Check.fail(
                                        "migrations",
                                        status.summary() + "; NEWPLOS_MIGRATE_ON_START is off",
                                        "run 'newplos migrate', or set NEWPLOS_MIGRATE_ON_START=true"));
            } else {
                checks.add(Check.pass("migrations", status.summary()));
            }
        } catch (DatabaseSetupException e) {
            checks.add(
                    Check.fail("migrations", e.getMessage(), "see the message; 'newplos migrate --info' lists them"));
        }
    }

    private static boolean mayCreateExtensions(Connection connection) {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT has_database_privilege(current_database(), 'CREATE')")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private Check readiness() {
        if (readinessUrl == null) {
            return Check.warn("readiness", "no running instance given", "pass --server-url http://host:port");
        }
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(readinessUrl))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Check.pass("readiness", readinessUrl + " answered 200 " + response.body());
            }
            return new Check(
                    "readiness",
                    readinessRequired ? Check.Status.FAIL : Check.Status.WARN,
                    readinessUrl + " answered " + response.statusCode() + " " + response.body(),
                    "read the checks above and the server log; the reason is in the server log");
        } catch (java.io.IOException e) {
            return Check.warn(
                    "readiness",
                    "no instance answering at " + readinessUrl + " ("
                            + e.getClass().getSimpleName() + ")",
                    "start Newplos ('newplos serve'), or pass --server-url where it runs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.warn("readiness", "interrupted", "");
        } catch (IllegalArgumentException e) {
            return Check.fail("readiness", "invalid URL " + readinessUrl, "pass --server-url http://host:port");
        }
    }

    private static void skip(List<Check> checks, String because, String... names) {
        for (String name : names) {
            checks.add(Check.warn(name, "not checked: " + because, "fix the failure above first"));
        }
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
