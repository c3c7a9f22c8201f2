package org.newplos.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness ("schema" in the readiness group): UP only when start-up provisioning and migration succeeded,
 * the database answers now (own connection, 2 s timeouts, never waiting on the pool) and the schema history
 * has this build's latest version and no failed migration.
 */
@Component("schema")
class SchemaHealthIndicator implements HealthIndicator {

    private static final String QUERY = "SELECT"
            + " EXISTS (SELECT 1 FROM flyway_schema_history WHERE version = ? AND success),"
            + " EXISTS (SELECT 1 FROM flyway_schema_history WHERE NOT success)";

    private final DatabaseStatus status;
    private final DatabaseSettings settings;

    SchemaHealthIndicator(DatabaseStatus status, DatabaseSettings settings) {
        this.status = status;
        this.settings = settings;
    }

    @Override
    public Health health() {
        if (!status.isReady()) {
            return Health.outOfService().withDetail("reason", status.reason()).build();
        }
        try (Connection connection = Connections.open(settings.jdbcUrl(), settings.username(), settings.password(), 2);
                PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setQueryTimeout(2);
            statement.setString(1, status.expectedVersion());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Health.outOfService()
                            .withDetail("reason", "schema is not at version " + status.expectedVersion())
                            .build();
                }
                if (rs.getBoolean(2)) {
                    return Health.outOfService()
                            .withDetail("reason", "a migration is recorded as failed in flyway_schema_history")
                            .build();
                }
            }
            return Health.up()
                    .withDetail("schemaVersion", status.expectedVersion())
                    .build();
        } catch (SQLException e) {
            return Health.down()
                    .withDetail("reason", "database not answering: " + e.getMessage())
                    .build();
        }
    }
}
