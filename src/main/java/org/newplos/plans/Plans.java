package org.newplos.plans;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.NotFoundException;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.newplos.spaces.SpaceType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All membership plans: the SQL for the plans feature lives here. Every write is audited in its transaction. */
@Repository
public class Plans {

    private static final String COLUMNS =
            "id, name, description, price, billing_period, space_type, active, created_at, updated_at, room_credit_minutes";

    private static final RowMapper<Plan> ROW = (rs, n) -> new Plan(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("description"),
            rs.getBigDecimal("price"),
            BillingPeriod.valueOf(rs.getString("billing_period")),
            rs.getString("space_type") == null ? null : SpaceType.valueOf(rs.getString("space_type")),
            rs.getBoolean("active"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(),
            rs.getInt("room_credit_minutes"));

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Plans(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Optional<Plan> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM plans WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public Plan get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("plan", id));
    }

    public Page<Plan> list(@Nullable Boolean active, PageRequest page) {
        List<Plan> rows = jdbc.sql("""
                        SELECT %s FROM plans
                        WHERE id > :after AND (CAST(:active AS boolean) IS NULL OR active = :active)
                        ORDER BY id
                        LIMIT :limit
                        """.formatted(COLUMNS))
                .param("after", page.after())
                .param("active", active)
                .param("limit", page.fetchSize())
                .query(ROW)
                .list();
        return Page.of(rows, page.limit(), Plan::id);
    }

    @Transactional
    public Plan create(PlanRequest request) {
        try {
            Plan plan = jdbc.sql("""
                            INSERT INTO plans (name, description, price, billing_period, space_type, active, room_credit_minutes)
                            VALUES (:name, :description, :price, :billingPeriod, :spaceType, :active, :credit)
                            RETURNING %s
                            """.formatted(COLUMNS))
                    .params(params(request))
                    .query(ROW)
                    .single();
            audit.record("plan", plan.id(), "created", null, plan);
            return plan;
        } catch (DuplicateKeyException e) {
            throw duplicateName(request);
        }
    }

    @Transactional
    public Plan update(long id, PlanRequest request) {
        Plan before = get(id);
        try {
            Plan plan = jdbc.sql("""
                            UPDATE plans SET name = :name, description = :description, price = :price,
                                   billing_period = :billingPeriod, space_type = :spaceType, active = :active,
                                   room_credit_minutes = :credit
                            WHERE id = :id
                            RETURNING %s
                            """.formatted(COLUMNS))
                    .params(params(request))
                    .param("id", id)
                    .query(ROW)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("plan", id));
            audit.record("plan", id, "updated", before, plan);
            return plan;
        } catch (DuplicateKeyException e) {
            throw duplicateName(request);
        }
    }

    /** Deletes a plan no member is on; one in use is archived instead (active = false). */
    @Transactional
    public void delete(long id) {
        Plan before = get(id);
        int deleted;
        try {
            deleted =
                    jdbc.sql("DELETE FROM plans WHERE id = :id").param("id", id).update();
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("Plan " + id
                    + " still has members and cannot be deleted; archive it instead (set active to false).");
        }
        if (deleted == 0) {
            throw new NotFoundException("plan", id);
        }
        audit.record("plan", id, "deleted", before, null);
    }

    private static Map<String, Object> params(PlanRequest r) {
        var params = new HashMap<String, Object>();
        params.put("name", r.name().strip());
        params.put("description", r.descriptionOrEmpty());
        params.put("price", r.price());
        params.put("billingPeriod", r.billingPeriod().name());
        params.put("spaceType", r.spaceType() == null ? null : r.spaceType().name());
        params.put("active", r.activeOrDefault());
        params.put("credit", r.roomCreditMinutes());
        return params;
    }

    private static ConflictException duplicateName(PlanRequest request) {
        return new ConflictException("A plan named '" + request.name().strip() + "' already exists.");
    }
}
