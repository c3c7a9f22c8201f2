package org.newplos.plans;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.SqlErrors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which plan each member is on, when. No member is on two plans on one day (the table's exclusion
 * constraint); a plan change ends the open membership the day the new one starts, in one transaction.
 */
@Repository
public class PlanMemberships {

    private static final String SELECT = """
            SELECT pm.id, pm.member_id, pm.plan_id, p.name AS plan_name, pm.location_id, lower(pm.period) AS start_day,
                   upper(pm.period) AS end_day, pm.price, pm.period_months
            FROM plan_memberships pm JOIN plans p ON p.id = pm.plan_id
            """;

    private static final RowMapper<PlanMembership> ROW = (rs, n) -> new PlanMembership(
            rs.getLong("id"),
            rs.getLong("member_id"),
            rs.getLong("plan_id"),
            rs.getString("plan_name"),
            rs.getLong("location_id"),
            rs.getObject("start_day", LocalDate.class),
            rs.getObject("end_day", LocalDate.class),
            rs.getBigDecimal("price"),
            rs.getInt("period_months"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    PlanMemberships(
            JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
    }

    public Optional<PlanMembership> find(long id) {
        return jdbc.sql(SELECT + " WHERE pm.id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public PlanMembership get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("plan membership", id));
    }

    /** A member's memberships, latest first. */
    public List<PlanMembership> forMember(long memberId) {
        return jdbc.sql(SELECT + " WHERE pm.member_id = :id ORDER BY lower(pm.period) DESC")
                .param("id", memberId)
                .query(ROW)
                .list();
    }

    /** Starts a membership; a membership of the member open on its first day ends then (plan change). */
    public PlanMembership start(PlanMembershipRequest request) {
        if (request.end() != null && !request.end().isAfter(request.start())) {
            throw new InvalidInputException("end", "must be after start (" + request.start() + ")");
        }
        try {
            return transactions.execute(status -> {
                List<PlanMembership> open = jdbc.sql(SELECT + """
                                 WHERE pm.member_id = :memberId AND pm.period @> CAST(:start AS date)
                                   AND lower(pm.period) < :start
                                 FOR UPDATE OF pm
                                """)
                        .param("memberId", request.memberId())
                        .param("start", Date.valueOf(request.start()))
                        .query(ROW)
                        .list();
                for (PlanMembership previous : open) {
                    endAt(previous, request.start());
                }
                long id = jdbc.sql("""
                                INSERT INTO plan_memberships (member_id, plan_id, location_id, period, price, period_months)
                                SELECT :memberId, p.id, coalesce(CAST(:locationId AS bigint), default_location_id()),
                                       daterange(:start, :end, '[)'), p.price,
                                       CASE p.billing_period WHEN 'MONTHLY' THEN 1 WHEN 'QUARTERLY' THEN 3 ELSE 12 END
                                FROM plans p WHERE p.id = :planId
                                RETURNING id
                                """)
                        .param("memberId", request.memberId())
                        .param("planId", request.planId())
                        .param("locationId", request.locationId())
                        .param("start", Date.valueOf(request.start()))
                        .param("end", sqlDate(request.end()))
                        .query(Long.class)
                        .optional()
                        .orElseThrow(() -> new InvalidInputException("planId", "no plan with id " + request.planId()));
                PlanMembership created = get(id);
                audit.record("plan_membership", id, "created", null, created);
                return created;
            });
        } catch (DataIntegrityViolationException e) {
            if (SqlErrors.is(e, SqlErrors.EXCLUSION_VIOLATION)) {
                throw new ConflictException("Member " + request.memberId() + " is already on a plan on some of"
                        + " these days; end that membership first, or start the new one on a day it is open.");
            }
            if (SqlErrors.is(e, SqlErrors.FOREIGN_KEY_VIOLATION)) {
                throw new InvalidInputException(
                        "memberId", "no member with id " + request.memberId() + " (or no such location)");
            }
            throw e;
        }
    }

    /**
     * Brings a member's plan history in line with the plan and status set on the member record, as of
     * {@code today}: a member who left stops being on a plan after today; a plan removed ends today; a new or
     * changed plan starts today (the open membership of another plan ends then, as a plan change); a member
     * added with a plan is on it from the day they joined. Nothing changes when the record agrees already.
     */
    public void follow(long memberId, @Nullable Long planId, boolean left, LocalDate today) {
        transactions.executeWithoutResult(status -> {
            List<PlanMembership> open = jdbc.sql(SELECT + """
                             WHERE pm.member_id = :memberId AND pm.period @> CAST(:today AS date)
                             FOR UPDATE OF pm
                            """)
                    .param("memberId", memberId)
                    .param("today", Date.valueOf(today))
                    .query(ROW)
                    .list();
            PlanMembership current = open.isEmpty() ? null : open.get(0);
            if (left || planId == null) {
                if (current != null) {
                    LocalDate off = left ? today.plusDays(1) : today;
                    endAt(
                            current,
                            off.isAfter(current.start()) ? off : current.start().plusDays(1));
                }
                return;
            }
            if (current != null && current.planId() == planId) {
                return;
            }
            if (current != null && !current.start().isBefore(today)) {
                throw new ConflictException("Member " + memberId + " started on plan " + current.planName()
                        + " today; a plan can change from tomorrow on (or end that membership first).");
            }
            start(new PlanMembershipRequest(memberId, planId, today, null, null));
        });
    }

    /** Ends a membership: {@code on} is the first day off the plan. Days billed from then on are credited. */
    public PlanMembership end(long id, LocalDate on) {
        return transactions.execute(status -> {
            PlanMembership before = jdbc.sql(SELECT + " WHERE pm.id = :id FOR UPDATE OF pm")
                    .param("id", id)
                    .query(ROW)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("plan membership", id));
            if (!on.isAfter(before.start())) {
                throw new InvalidInputException("on", "must be after the membership's start (" + before.start() + ")");
            }
            return endAt(before, on);
        });
    }

    private PlanMembership endAt(PlanMembership before, LocalDate on) {
        jdbc.sql("UPDATE plan_memberships SET period = daterange(lower(period), :on, '[)') WHERE id = :id")
                .param("id", before.id())
                .param("on", Date.valueOf(on))
                .update();
        PlanMembership after = get(before.id());
        audit.record("plan_membership", before.id(), "ended", before, after);
        events.publishEvent(new PlanMembershipChanged(before.id()));
        return after;
    }

    private static @Nullable Date sqlDate(@Nullable LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
