package org.newplos.database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.jspecify.annotations.Nullable;

/**
 * Flyway, configured once for every caller (start-up, {@code migrate}, {@code doctor}): its own connections
 * with {@code lock_timeout}/{@code statement_timeout}, validate on migrate, clean disabled, missing locations
 * fail. Flyway's PostgreSQL advisory lock makes replicas that start together migrate once.
 */
public final class Migrations {

    private final DatabaseSettings settings;

    public Migrations(DatabaseSettings settings) {
        this.settings = settings;
    }

    Flyway flyway(String... ignorePatterns) {
        String initSql = "SET lock_timeout = '" + settings.lockTimeout().toMillis() + "ms'; SET statement_timeout = '"
                + settings.statementTimeout().toMillis() + "ms'";
        var configuration = Flyway.configure()
                .dataSource(withConnectTimeout(settings.jdbcUrl()), settings.username(), settings.password())
                .locations(settings.locations().toArray(String[]::new))
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .validateOnMigrate(true)
                .initSql(initSql)
                .lockRetryCount(300)
                .loggers("slf4j");
        if (ignorePatterns.length > 0) {
            configuration.ignoreMigrationPatterns(ignorePatterns);
        }
        return configuration.load();
    }

    /** Applies what is pending; returns the versions applied. Checksum mismatches refuse with the file named. */
    public List<String> migrate() {
        Flyway flyway = flyway();
        List<String> mismatches = mismatches();
        if (!mismatches.isEmpty()) {
            throw new DatabaseSetupException(String.join("\n", mismatches));
        }
        try {
            MigrateResult result = flyway.migrate();
            return result.migrations.stream()
                    .map(m -> "V" + m.version + " " + m.description + " (" + m.executionTime + " ms)")
                    .toList();
        } catch (FlywayException e) {
            throw new DatabaseSetupException(
                    "Migration failed: " + e.getMessage() + failedHint(), Connections.isTransient(e), e);
        }
    }

    /** The state of the schema against this build's migrations; changes nothing. */
    public MigrationStatus status() {
        try {
            Flyway flyway = flyway();
            MigrationInfo[] all = flyway.info().all();
            List<String> pending = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (MigrationInfo info : all) {
                if (info.getState() == MigrationState.PENDING) {
                    pending.add(label(info));
                } else if (info.getState().isFailed()) {
                    failed.add(label(info));
                }
            }
            MigrationInfo current = flyway.info().current();
            return new MigrationStatus(
                    current == null || current.getVersion() == null
                            ? null
                            : current.getVersion().getVersion(),
                    expectedVersion(all),
                    pending,
                    failed,
                    mismatches());
        } catch (FlywayException e) {
            throw new DatabaseSetupException(
                    "Could not read the migration state: " + e.getMessage(), Connections.isTransient(e), e);
        }
    }

    /** The schema history as rows: version, description, state, installed on. */
    public List<List<String>> history() {
        try {
            return Arrays.stream(flyway().info().all())
                    .map(i -> List.of(
                            i.getVersion() == null ? "" : i.getVersion().getVersion(),
                            i.getDescription(),
                            i.getState().getDisplayName(),
                            i.getInstalledOn() == null ? "" : i.getInstalledOn().toString(),
                            i.getScript()))
                    .toList();
        } catch (FlywayException e) {
            throw new DatabaseSetupException(
                    "Could not read the migration history: " + e.getMessage(), Connections.isTransient(e), e);
        }
    }

    private List<String> mismatches() {
        ValidateResult result;
        try {
            result = flyway("*:pending", "*:future", "*:ignored").validateWithResult();
        } catch (FlywayException e) {
            throw new DatabaseSetupException(
                    "Could not validate the migrations: " + e.getMessage(), Connections.isTransient(e), e);
        }
        if (result.validationSuccessful || result.invalidMigrations == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (ValidateOutput invalid : result.invalidMigrations) {
            String message = invalid.errorDetails == null ? "" : invalid.errorDetails.errorMessage;
            String file = invalid.filepath == null || invalid.filepath.isBlank()
                    ? "V" + invalid.version + "__" + invalid.description.replace(' ', '_') + ".sql"
                    : invalid.filepath;
            if (message != null && message.toLowerCase().contains("checksum")) {
                problems.add("Applied migration " + file + " (version " + invalid.version
                        + ") was edited after it ran: checksum mismatch. Fix: restore the file exactly as released"
                        + " (git checkout <release> -- " + file
                        + ") and put the change in a new migration with a higher version; never edit an applied"
                        + " migration.");
            } else {
                problems.add("Migration " + file + " (version " + invalid.version + "): " + oneLine(message));
            }
        }
        return problems;
    }

    private static String failedHint() {
        return " A failed migration stays recorded as failed: fix the cause, remove its row from"
                + " flyway_schema_history (or restore the database), then start again.";
    }

    static @Nullable String expectedVersion(MigrationInfo[] all) {
        return Arrays.stream(all)
                .filter(i -> i.getState().isResolved() && i.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElse(null);
    }

    private static String label(MigrationInfo info) {
        return "V" + (info.getVersion() == null ? "?" : info.getVersion().getVersion()) + " " + info.getDescription();
    }

    private static String oneLine(@Nullable String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String withConnectTimeout(String jdbcUrl) {
        if (jdbcUrl.contains("connectTimeout=")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "connectTimeout=5";
    }

    /** Pending, failed and mismatched migrations; {@code upToDate()} when there is none of them. */
    public record MigrationStatus(
            @Nullable String currentVersion,
            @Nullable String expectedVersion,
            List<String> pending,
            List<String> failed,
            List<String> mismatches) {

        public boolean upToDate() {
            return pending.isEmpty() && failed.isEmpty() && mismatches.isEmpty();
        }

        /** One line for logs, readiness and doctor. */
        public String summary() {
            if (upToDate()) {
                return "schema at version " + currentVersion + ", nothing pending";
            }
            List<String> parts = new ArrayList<>();
            if (!pending.isEmpty()) {
                parts.add(pending.size() + " pending: " + String.join(", ", pending));
            }
            if (!failed.isEmpty()) {
                parts.add(failed.size() + " failed: " + String.join(", ", failed));
            }
            if (!mismatches.isEmpty()) {
                parts.add(String.join(" ", mismatches));
            }
            return "schema at version " + currentVersion + ", expected " + expectedVersion + "; "
                    + String.join("; ", parts);
        }
    }
}
