package org.newplos.notifications;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.common.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhook endpoints' SQL. A deleted endpoint keeps its row (its delivery log refers to it) but is gone for
 * every read here except {@link #target}, which the channel uses to learn that it was deleted.
 */
@Repository
class WebhookEndpoints {

    private static final String COLUMNS =
            "id, url, description, event_types, enabled, secret, created_by, created_at, updated_at";

    private static final RowMapper<WebhookEndpoint> ROW = WebhookEndpoints::endpoint;

    /** What the channel needs to deliver: where, the secret, and whether the endpoint still wants it. */
    record Target(
            long id,
            String url,
            String secret,
            boolean enabled,
            @Nullable Instant deletedAt) {}

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<WebhookEndpoint> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY id")
                .query(ROW)
                .list();
    }

    Optional<WebhookEndpoint> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id AND deleted_at IS NULL")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    WebhookEndpoint get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("webhook endpoint", id));
    }

    /** The endpoint a message goes to, deleted or not (null only if the row is gone, which the schema forbids). */
    Optional<Target> target(long id) {
        return jdbc.sql("SELECT id, url, secret, enabled, deleted_at FROM webhook_endpoints WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> {
                    Timestamp deleted = rs.getTimestamp("deleted_at");
                    return new Target(
                            rs.getLong("id"),
                            rs.getString("url"),
                            rs.getString("secret"),
                            rs.getBoolean("enabled"),
                            deleted == null ? null : deleted.toInstant());
                })
                .optional();
    }

    WebhookEndpoint create(
            String url, String description, List<String> eventTypes, boolean enabled, String secret, String by) {
        return jdbc.sql("""
                        INSERT INTO webhook_endpoints (url, description, event_types, enabled, secret, created_by)
                        VALUES (:url, :description, CAST(:types AS text[]), :enabled, :secret, :by)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("url", url)
                .param("description", description)
                .param("types", eventTypes.toArray(String[]::new))
                .param("enabled", enabled)
                .param("secret", secret)
                .param("by", by)
                .query(ROW)
                .single();
    }

    WebhookEndpoint update(long id, String url, String description, List<String> eventTypes, boolean enabled) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints
                        SET url = :url, description = :description, event_types = CAST(:types AS text[]), enabled = :enabled
                        WHERE id = :id AND deleted_at IS NULL
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("url", url)
                .param("description", description)
                .param("types", eventTypes.toArray(String[]::new))
                .param("enabled", enabled)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new NotFoundException("webhook endpoint", id));
    }

    WebhookEndpoint rotateSecret(long id, String secret) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET secret = :secret
                        WHERE id = :id AND deleted_at IS NULL
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("secret", secret)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new NotFoundException("webhook endpoint", id));
    }

    /** Marks an endpoint deleted (and disabled); answers whether it was there to delete. */
    boolean delete(long id) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET deleted_at = now(), enabled = false
                        WHERE id = :id AND deleted_at IS NULL
                        """).param("id", id).update() == 1;
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int n) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookEndpoint(
                rs.getLong("id"),
                rs.getString("url"),
                rs.getString("description"),
                List.copyOf(Arrays.asList((String[]) types.getArray())),
                rs.getBoolean("enabled"),
                WebhookEndpoint.hint(rs.getString("secret")),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
