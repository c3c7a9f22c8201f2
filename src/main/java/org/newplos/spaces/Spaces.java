package org.newplos.spaces;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.newplos.common.SqlErrors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All spaces: the SQL for the spaces feature lives here. */
@Repository
public class Spaces {

    private static final String COLUMNS = columns("spaces");

    /** Maps a row selected with {@link #columns(String)}; for other features' queries that return spaces. */
    public static final RowMapper<Space> ROW = (rs, n) -> new Space(
            rs.getLong("id"),
            rs.getString("code"),
            rs.getString("name"),
            SpaceType.valueOf(rs.getString("type")),
            rs.getInt("capacity"),
            rs.getBigDecimal("monthly_rate"),
            rs.getString("location"),
            rs.getBoolean("active"),
            rs.getLong("location_id"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(),
            rs.getBigDecimal("hourly_rate"));

    private final JdbcClient jdbc;
    private final AuditLog audit;

    /** The space columns, qualified by a table alias, in the order {@link #ROW} reads them. */
    public static String columns(String alias) {
        return String.join(
                ", ",
                java.util.stream.Stream.of(
                                "id",
                                "code",
                                "name",
                                "type",
                                "capacity",
                                "monthly_rate",
                                "location",
                                "active",
                                "location_id",
                                "created_at",
                                "updated_at",
                                "hourly_rate")
                        .map(column -> alias + "." + column)
                        .toList());
    }

    Spaces(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Optional<Space> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM spaces WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public Space get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("space", id));
    }

    /** A space, its row locked until the transaction ends: the audit's "before" no one can change meanwhile. */
    private Space getForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM spaces WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new NotFoundException("space", id));
    }

    public Page<Space> list(@Nullable SpaceType type, @Nullable Boolean active, PageRequest page) {
        List<Space> rows = jdbc.sql("""
                        SELECT %s FROM spaces
                        WHERE id > :after
                          AND (CAST(:type AS text) IS NULL OR type = :type)
                          AND (CAST(:active AS boolean) IS NULL OR active = :active)
                        ORDER BY id
                        LIMIT :limit
                        """.formatted(COLUMNS))
                .param("after", page.after())
                .param("type", type == null ? null : type.name())
                .param("active", active)
                .param("limit", page.fetchSize())
                .query(ROW)
                .list();
        return Page.of(rows, page.limit(), Space::id);
    }

    /** Spaces in code order, narrowed by type, active flag and text in the code, name or location. */
    public Page<Space> browse(
            @Nullable SpaceType type,
            @Nullable Boolean active,
            @Nullable String q,
            PageRequest page,
            String afterCode) {
        String text = q == null || q.isBlank()
                ? null
                : "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Space> rows = jdbc.sql("""
                        SELECT %s FROM spaces
                        WHERE (code, id) > (:afterCode, :after)
                          AND (CAST(:type AS text) IS NULL OR type = :type)
                          AND (CAST(:active AS boolean) IS NULL OR active = :active)
                          AND (CAST(:q AS text) IS NULL OR code ILIKE :q OR name ILIKE :q OR location ILIKE :q)
                        ORDER BY code, id
                        LIMIT :limit
                        """.formatted(COLUMNS))
                .param("afterCode", afterCode)
                .param("after", page.after())
                .param("type", type == null ? null : type.name())
                .param("active", active)
                .param("q", text)
                .param("limit", page.fetchSize())
                .query(ROW)
                .list();
        return Page.of(rows, page.limit(), Space::id);
    }

    /** Which of these codes are already used by a space. */
    public java.util.Set<String> existingCodes(java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("SELECT code FROM spaces WHERE code = ANY(:codes)")
                .param("codes", codes.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    @Transactional
    public Space create(SpaceRequest request) {
        try {
            Space space = jdbc.sql("""
                            INSERT INTO spaces (code, name, type, capacity, monthly_rate, location, active, location_id,
                                                hourly_rate)
                            VALUES (:code, :name, :type, :capacity, :rate, :location, :active,
                                    coalesce(CAST(:locationId AS bigint), default_location_id()), :hourlyRate)
                            RETURNING %s
                            """.formatted(COLUMNS))
                    .params(params(request))
                    .query(ROW)
                    .single();
            audit.record("space", space.id(), "created", null, space);
            return space;
        } catch (DuplicateKeyException e) {
            throw duplicateCode(request);
        } catch (DataIntegrityViolationException e) {
            throw unknownLocation(e, request);
        }
    }

    @Transactional
    public Space update(long id, SpaceRequest request) {
        Space before = getForUpdate(id);
        try {
            Space space = jdbc.sql("""
                            UPDATE spaces SET code = :code, name = :name, type = :type, capacity = :capacity,
                                   monthly_rate = :rate, location = :location, active = :active,
                                   location_id = coalesce(CAST(:locationId AS bigint), location_id),
                                   hourly_rate = :hourlyRate
                            WHERE id = :id
                            RETURNING %s
                            """.formatted(COLUMNS))
                    .params(params(request))
                    .param("id", id)
                    .query(ROW)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("space", id));
            audit.record("space", id, "updated", before, space);
            return space;
        } catch (DuplicateKeyException e) {
            throw duplicateCode(request);
        } catch (DataIntegrityViolationException e) {
            throw unknownLocation(e, request);
        }
    }

    private static RuntimeException unknownLocation(DataIntegrityViolationException e, SpaceRequest request) {
        if (SqlErrors.is(e, SqlErrors.FOREIGN_KEY_VIOLATION)) {
            return new InvalidInputException("locationId", "no location with id " + request.locationId());
        }
        return e;
    }

    /** Deletes a space that was never leased; one with leases is archived instead (active = false). */
    @Transactional
    public void delete(long id) {
        Space before = getForUpdate(id);
        int deleted;
        try {
            deleted = jdbc.sql("DELETE FROM spaces WHERE id = :id")
                    .param("id", id)
                    .update();
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("Space " + id + " has leases and cannot be deleted; archive it instead"
                    + " (set active to false).");
        }
        if (deleted == 0) {
            throw new NotFoundException("space", id);
        }
        audit.record("space", id, "deleted", before, null);
    }

    private static Map<String, Object> params(SpaceRequest r) {
        var params = new HashMap<String, Object>();
        params.put("code", r.code().strip());
        params.put("name", r.name().strip());
        params.put("type", r.type().name());
        params.put("capacity", r.capacityOrDefault());
        params.put("rate", r.monthlyRate());
        params.put("hourlyRate", r.hourlyRate());
        params.put("location", r.locationOrEmpty());
        params.put("active", r.activeOrDefault());
        params.put("locationId", r.locationId());
        return params;
    }

    private static ConflictException duplicateCode(SpaceRequest request) {
        return new ConflictException("A space with code " + request.code().strip() + " already exists.");
    }
}
