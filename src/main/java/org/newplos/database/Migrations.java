package org.newplos.database;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway, configured once for every caller (start-up, {@code migrate}, {@code doctor}): its own connections
 * with {@code lock_timeout}/{@code statement_timeout}, validate on migrate, clean disabled, missing locations
 * fail. Flyway's PostgreSQL advisory lock makes replicas that start together migrate once. Given the
 * application's {@link ObservationRegistry}, {@link #migrate()} is a span ({@code flyway migrate}) with
 * the number of migrations applied and the schema version before and after.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    static final int LOCK_ATTEMPTS = 5;
    static final Duration LOCK_RETRY_PAUSE = Duration.ofMillis(500);

    private final DatabaseSettings settings;
    private final ObservationRegistry observations;
    private @Nullable Flyway flyway;

    public Migrations(DatabaseSettings settings) {
        this(settings, ObservationRegistry.NOOP);
    }

    public Migrations(DatabaseSettings settings, ObservationRegistry observations) {
        this.settings = settings;
        this.observations = observations;
    }

    /**
     * Flyway holds its PostgreSQL advisory lock in a session, not in an open transaction on a second
     * connection: CREATE INDEX CONCURRENTLY (a migration run outside a transaction, like V5) waits for every
     * open transaction to end, so with the transactional lock it would wait for Flyway's own forever
     * (flyway/flyway#3497, #3682).
     */
    static final Map<String, String> SESSION_LOCK = Map.of("flyway.postgresql.transactional.lock", "false");

    /** This build's Flyway, made once per instance (loading it scans for migrations and plugins). */
    Flyway flyway() {
        Flyway made = flyway;
        if (made == null) {
            made = configure();
            flyway = made;
        }
        return made;
    }

    private Flyway configure(String... ignorePatterns) {
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
                .configuration(SESSION_LOCK)
                .loggers("slf4j");
        if (ignorePatterns.length > 0) {
            configuration.ignoreMigrationPatterns(ignorePatterns);
        }
        return configuration.load();
    }

    /**
     * Applies what is pending; returns the versions applied. Checksum mismatches refuse with the file named.
     * A migration that waited longer than {@code lock_timeout} for a table lock (busy writers or a long
     * transaction) was rolled back whole; it is tried again after a pause, a few times, so that traffic
     * queued behind its lock request never waits longer than the lock timeout.
     */
    public List<String> migrate() {
        Observation observation = Observation.createNotStarted("newplos.database.migrate", observations)
                .contextualName("flyway migrate")
                .lowCardinalityKeyValue("db.system", "postgresql")
                .highCardinalityKeyValue("db.name", settings.target().database());
        return observation.observe(() -> migrate(observation));
    }

    private List<String> migrate(Observation observation) {
        EmbeddedPostgresServer.awaitStarted();
        Flyway flyway = flyway();
        for (int attempt = 1; ; attempt++) {
            try {
                // validate-on-migrate checks every applied migration first; only when that fails is the
                // (slower) per-file explanation worked out
                MigrateResult result = flyway.migrate();
                String before = result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion;
                observation
                        .highCardinalityKeyValue("flyway.migrations.applied", String.valueOf(result.migrationsExecuted))
                        .highCardinalityKeyValue("flyway.schema.version.before", before)
                        .highCardinalityKeyValue(
                                "flyway.schema.version",
                                result.targetSchemaVersion == null ? before : result.targetSchemaVersion)
                        .highCardinalityKeyValue("flyway.attempts", String.valueOf(attempt));
                return result.migrations.stream()
                        .map(m -> "V" + m.version + " " + m.description + " (" + m.executionTime + " ms)")
                        .toList();
            } catch (FlywayValidateException e) {
                List<String> mismatches = mismatches();
                if (!mismatches.isEmpty()) {
                    throw new DatabaseSetupException(String.join("\n", mismatches));
                }
                throw new DatabaseSetupException(
                        "Migration failed: " + e.getMessage() + failedHint(), Connections.isTransient(e), e);
            } catch (FlywayException e) {
                if (attempt < LOCK_ATTEMPTS
                        && isLockTimeout(e)
                        && status(false).failed().isEmpty()) { // the failed rows only: no second validation
                    Duration pause = LOCK_RETRY_PAUSE.multipliedBy(attempt);
                    log.warn(
                            "A migration gave up waiting for a table lock after {} (lock_timeout) and was rolled back;"
                                    + " trying again in {} ms (attempt {} of {}).",
                            settings.lockTimeout(),
                            pause.toMillis(),
                            attempt + 1,
                            LOCK_ATTEMPTS);
                    sleep(pause);
                    continue;
                }
                throw new DatabaseSetupException(
                        "Migration failed: " + e.getMessage() + (isLockTimeout(e) ? lockHint() : failedHint()),
                        Connections.isTransient(e),
                        e);
            }
        }
    }

    static boolean isLockTimeout(Throwable e) {
        return LOCK_NOT_AVAILABLE.equals(Connections.sqlState(e));
    }

    private String lockHint() {
        return " It waited longer than lock_timeout (" + settings.lockTimeout() + ") for a table lock "
                + LOCK_ATTEMPTS + " times: a long transaction holds the table. Find it in pg_stat_activity, let it"
                + " finish (or end it), then migrate again; NEWPLOS_DATABASE_MIGRATION_LOCK_TIMEOUT sets the wait.";
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseSetupException("Interrupted while waiting to retry a migration.");
        }
    }

    /** The state of the schema against this build's migrations; changes nothing. */
    public MigrationStatus status() {
        return status(true);
    }

    /**
     * Start-up in one pass with one Flyway: applies what is pending, then reads the state. The checksums are
     * not validated a second time: the migration has just done that for every applied migration.
     */
    Migrated migrateAndReadStatus() {
        List<String> applied = migrate();
        return new Migrated(applied, status(false));
    }

    record Migrated(List<String> applied, MigrationStatus status) {}

    private MigrationStatus status(boolean validate) {
        try {
            EmbeddedPostgresServer.awaitStarted();
            MigrationInfoService service = flyway().info();
            MigrationInfo[] all = service.all();
            List<String> pending = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (MigrationInfo info : all) {
                if (info.getState() == MigrationState.PENDING) {
                    pending.add(label(info));
                } else if (info.getState().isFailed()) {
                    failed.add(label(info));
                }
            }
            MigrationInfo current = service.current();
            return new MigrationStatus(
                    current == null || current.getVersion() == null
                            ? null
                            : current.getVersion().getVersion(),
                    expectedVersion(all),
                    pending,
                    failed,
                    validate ? mismatches() : List.of());
        } catch (FlywayException e) {
            throw new DatabaseSetupException(
                    "Could not read the migration state: " + e.getMessage(), Connections.isTransient(e), e);
        }
    }

    /** The schema history as rows: version, description, state, installed on. */
    public List<List<String>> history() {
        try {
            EmbeddedPostgresServer.awaitStarted();
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
            EmbeddedPostgresServer.awaitStarted();
            result = configure("*:pending", "*:future", "*:ignored").validateWithResult();
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
