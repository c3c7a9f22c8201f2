package org.newplos.audit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log. {@link #record} must run inside the transaction of the change it describes (it refuses
 * to run without one), so the change and its history commit or roll back together.
 */
@Repository
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> IGNORED = Set.of("createdAt", "updatedAt");
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {};

    /** How one changed field is stored: a JSON array keeps the record's field order (jsonb objects do not). */
    record FieldChange(
            String field, @Nullable String before, @Nullable String after) {}

    private static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(
            rs.getLong("id"),
            rs.getTimestamp("changed_at").toInstant(),
            rs.getString("actor"),
            rs.getString("entity"),
            rs.getLong("entity_id"),
            rs.getString("action"),
            changes(rs.getString("changes")));

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a change of {@code entity} {@code id}: the fields of the {@code before} and {@code after}
     * records (either may be null) that differ. Joins the caller's transaction; fails without one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entity, long id, String action, @Nullable Record before, @Nullable Record after) {
        Map<String, AuditEntry.Change> changes = diff(fields(before), fields(after));
        jdbc.sql("""
                        INSERT INTO audit_log (actor, entity, entity_id, action, changes)
                        VALUES (:actor, :entity, :id, :action, CAST(:changes AS jsonb))
                        """)
                .param("actor", actor())
                .param("entity", entity)
                .param("id", id)
                .param("action", action)
                .param(
                        "changes",
                        JSON.writeValueAsString(changes.entrySet().stream()
                                .map(e -> new FieldChange(
                                        e.getKey(),
                                        e.getValue().before(),
                                        e.getValue().after()))
                                .toList()))
                .update();
    }

    /** A record's history, newest first. */
    public List<AuditEntry> forRecord(String entity, long id, int limit) {
        return jdbc.sql("""
                        SELECT * FROM audit_log WHERE entity = :entity AND entity_id = :id
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("entity", entity)
                .param("id", id)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** The history of several records of one kind (a member's bookings, say), newest first. */
    public List<AuditEntry> forRecords(String entity, List<Long> ids, int limit) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT * FROM audit_log WHERE entity = :entity AND entity_id = ANY (CAST(:ids AS bigint[]))
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("entity", entity)
                .param("ids", ids.toArray(Long[]::new))
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** Every change, newest first, optionally of one kind of record; {@code before} is the keyset cursor. */
    public Page<AuditEntry> recent(@Nullable String entity, @Nullable Long before, int limit) {
        List<AuditEntry> rows = jdbc.sql("""
                        SELECT * FROM audit_log
                        WHERE (CAST(:entity AS text) IS NULL OR entity = :entity)
                          AND (CAST(:before AS bigint) IS NULL OR id < :before)
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("entity", entity)
                .param("before", before)
                .param("limit", limit + 1)
                .query(ROW)
                .list();
        return Page.of(rows, limit, AuditEntry::id);
    }

    private static Map<String, AuditEntry.Change> changes(String json) {
        Map<String, AuditEntry.Change> changes = new LinkedHashMap<>();
        if (json.strip().startsWith("{")) {
            // The column's default ('{}'); rows written by this class are arrays.
            changes.putAll(JSON.readValue(json, new TypeReference<Map<String, AuditEntry.Change>>() {}));
            return changes;
        }
        for (FieldChange change : JSON.readValue(json, CHANGES)) {
            changes.put(change.field(), new AuditEntry.Change(change.before(), change.after()));
        }
        return changes;
    }

    static Map<String, @Nullable String> fields(@Nullable Record value) {
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        if (value == null) {
            return fields;
        }
        for (Field field : FIELDS.get(value.getClass())) {
            try {
                Object v = field.accessor().invoke(value);
                fields.put(field.name(), v == null ? null : v.toString());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + field.name() + " of " + value.getClass(), e);
            }
        }
        return fields;
    }

    /** A record component the audit compares: its name and accessor. */
    private record Field(String name, MethodHandle accessor) {}

    /**
     * The audited components of each record class, looked up once: {@code getRecordComponents()} copies
     * the components, and each accessor was looked up and called reflectively, on every change.
     */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (IGNORED.contains(component.getName())) {
                    continue;
                }
                try {
                    // A feature's audit snapshot may be a package-private record: its accessor is opened here.
                    java.lang.reflect.Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    fields.add(new Field(
                            component.getName(), MethodHandles.lookup().unreflect(accessor)));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
            return List.copyOf(fields);
        }
    };

    private static Map<String, AuditEntry.Change> diff(
            Map<String, @Nullable String> before, Map<String, @Nullable String> after) {
        Map<String, AuditEntry.Change> changes = new LinkedHashMap<>();
        Set<String> names = new java.util.LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            String was = before.get(name);
            String now = after.get(name);
            if (!Objects.equals(was, now) && !(isEmpty(was) && isEmpty(now))) {
                changes.put(name, new AuditEntry.Change(was, now));
            }
        }
        return changes;
    }

    private static boolean isEmpty(@Nullable String value) {
        return value == null || value.isEmpty();
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return "system";
        }
        return auth.getName();
    }
}
