package org.newplos.members;

import java.sql.Date;
import java.time.LocalDate;
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
import org.newplos.plans.PlanMembershipRequest;
import org.newplos.plans.PlanMemberships;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All members and the questions staff ask about them (fuzzy search is {@link MemberSearch}'s). */
@Repository
public class Members {

    static final String COLUMNS = "m.id, m.full_name, m.email, m.phone, m.company, m.status, m.plan_id,"
            + " m.joined_on, m.notes, m.created_at, m.updated_at";

    static final RowMapper<Member> ROW = (rs, n) -> new Member(
            rs.getLong("id"),
            rs.getString("full_name"),
            rs.getString("email"),
            rs.getString("phone"),
            rs.getString("company"),
            MemberStatus.valueOf(rs.getString("status")),
            rs.getObject("plan_id", Long.class),
            rs.getObject("joined_on", java.time.LocalDate.class),
            rs.getString("notes"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());

    /** Rows that match the status, plan and lease parts of a filter (its text search is {@link MemberSearch}'s). */
    static final String FILTER = """
            (CAST(:status AS text) IS NULL OR m.status = :status)
            AND (CAST(:planId AS bigint) IS NULL OR m.plan_id = :planId)
            AND (CAST(:activeOn AS date) IS NULL OR EXISTS (
                    SELECT 1 FROM leases l
                    WHERE l.member_id = m.id AND l.status <> 'CANCELLED' AND l.period @> CAST(:activeOn AS date)))
            """;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PlanMemberships planMemberships;

    Members(JdbcClient jdbc, AuditLog audit, PlanMemberships planMemberships) {
        this.planMemberships = planMemberships;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Optional<Member> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM members m WHERE m.id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public Member get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("member", id));
    }

    /** A member, its row locked until the transaction ends: the audit's "before" no one can change meanwhile. */
    private Member getForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM members m WHERE m.id = :id FOR UPDATE OF m")
                .param("id", id)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new NotFoundException("member", id));
    }

    /** Members in id order, narrowed by the filter. */
    public Page<Member> list(MemberFilter filter, PageRequest page) {
        List<Member> rows = jdbc.sql("SELECT " + COLUMNS + " FROM members m WHERE m.id > :after AND " + FILTER
                        + " ORDER BY m.id LIMIT :limit")
                .params(filterParams(filter))
                .param("after", page.after())
                .param("limit", page.fetchSize())
                .query(ROW)
                .list();
        return Page.of(rows, page.limit(), Member::id);
    }

    /**
     * One page of members in the chosen order, narrowed by the filter (its text search aside). The
     * cursor is the sort key and id of the last row shown, so every page costs the same at any depth.
     */
    public MemberPage browse(MemberFilter filter, MemberSort sort, @Nullable String cursor, int limit) {
        MemberSort.Cursor after = sort.parse(cursor);
        List<Member> rows = jdbc.sql("SELECT " + COLUMNS + " FROM members m WHERE " + sort.after(after != null)
                        + " AND " + FILTER + " ORDER BY " + sort.orderBy() + " LIMIT :limit")
                .params(filterParams(filter))
                .param("afterKey", after == null ? null : after.key())
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit + 1)
                .query(ROW)
                .list();
        if (rows.size() <= limit) {
            return new MemberPage(rows, null);
        }
        List<Member> items = List.copyOf(rows.subList(0, limit));
        return new MemberPage(items, sort.cursorOf(items.get(limit - 1)));
    }

    /** Which of these emails (compared ignoring case) already belong to a member. */
    public java.util.Set<String> existingEmails(java.util.Collection<String> emails) {
        if (emails.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                        SELECT lower(email) FROM members WHERE lower(email) = ANY(:emails)
                        """)
                .param(
                        "emails",
                        emails.stream()
                                .map(e -> e.strip().toLowerCase(java.util.Locale.ROOT))
                                .toArray(String[]::new))
                .query(String.class)
                .list());
    }

    @Transactional
    public Member create(MemberRequest request) {
        try {
            Member member = jdbc.sql("""
                            INSERT INTO members (full_name, email, phone, company, status, plan_id, joined_on, notes)
                            VALUES (:fullName, :email, :phone, :company, :status, :planId, :joinedOn, :notes)
                            RETURNING %s
                            """.formatted(COLUMNS.replace("m.", "")))
                    .params(params(request))
                    .query(ROW)
                    .single();
            audit.record("member", member.id(), "created", null, member);
            if (member.planId() != null && member.status() != MemberStatus.LEFT) {
                // What billing charges: on the plan from the day they joined.
                planMemberships.start(
                        new PlanMembershipRequest(member.id(), member.planId(), member.joinedOn(), null, null));
            }
            return member;
        } catch (DuplicateKeyException e) {
            throw duplicateEmail(request);
        } catch (DataIntegrityViolationException e) {
            throw SqlErrors.is(e, SqlErrors.FOREIGN_KEY_VIOLATION) ? unknownPlan(request) : e;
        }
    }

    /**
     * Replaces a member's details. A change of plan takes effect {@code today} (the open plan membership ends,
     * the new one starts); a member set to LEFT is on no plan after today — which is what billing charges.
     */
    @Transactional
    public Member update(long id, MemberRequest request, LocalDate today) {
        Member before = getForUpdate(id);
        try {
            Member member = jdbc.sql("""
                            UPDATE members m SET full_name = :fullName, email = :email, phone = :phone,
                                   company = :company, status = :status, plan_id = :planId,
                                   joined_on = :joinedOn, notes = :notes
                            WHERE m.id = :id
                            RETURNING %s
                            """.formatted(COLUMNS))
                    .params(params(request))
                    .param("id", id)
                    .query(ROW)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("member", id));
            audit.record("member", id, "updated", before, member);
            if (!java.util.Objects.equals(before.planId(), member.planId()) || before.status() != member.status()) {
                planMemberships.follow(id, member.planId(), member.status() == MemberStatus.LEFT, today);
            }
            return member;
        } catch (DuplicateKeyException e) {
            throw duplicateEmail(request);
        } catch (DataIntegrityViolationException e) {
            if (SqlErrors.is(e, SqlErrors.CHECK_VIOLATION)
                    && String.valueOf(e.getMessage()).contains("members_erased_have_left")) {
                throw new ConflictException("Member " + id + " was erased (privacy): they stay LEFT. Add a new member"
                        + " if they come back.");
            }
            throw SqlErrors.is(e, SqlErrors.FOREIGN_KEY_VIOLATION) ? unknownPlan(request) : e;
        }
    }

    /** Deletes a member who never leased anything; others are kept and marked LEFT instead. */
    @Transactional
    public void delete(long id) {
        Member before = getForUpdate(id);
        int deleted;
        try {
            deleted = jdbc.sql("DELETE FROM members WHERE id = :id")
                    .param("id", id)
                    .update();
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException(
                    "Member " + id + " has leases and cannot be deleted; set their status to LEFT instead.");
        }
        if (deleted == 0) {
            throw new NotFoundException("member", id);
        }
        audit.record("member", id, "deleted", before, null);
    }

    static Map<String, Object> filterParams(MemberFilter filter) {
        var params = new HashMap<String, Object>();
        String q = filter.hasSearch() ? filter.q().strip() : null;
        params.put("q", q);
        params.put("pattern", q == null ? null : "%" + escapeLike(q) + "%");
        params.put("status", filter.status() == null ? null : filter.status().name());
        params.put("planId", filter.planId());
        params.put("activeOn", filter.withActiveLeaseOn() == null ? null : Date.valueOf(filter.withActiveLeaseOn()));
        return params;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Map<String, Object> params(MemberRequest r) {
        var params = new HashMap<String, Object>();
        params.put("fullName", r.fullName().strip());
        params.put("email", r.email().strip());
        params.put("phone", r.phone() == null ? "" : r.phone().strip());
        params.put("company", r.company() == null ? "" : r.company().strip());
        params.put("status", r.statusOrDefault().name());
        params.put("planId", r.planId());
        params.put("joinedOn", Date.valueOf(r.joinedOnOrToday()));
        params.put("notes", r.notes() == null ? "" : r.notes());
        return params;
    }

    private static ConflictException duplicateEmail(MemberRequest request) {
        return new ConflictException("A member with email " + request.email().strip() + " already exists"
                + " (emails are compared ignoring case).");
    }

    private static InvalidInputException unknownPlan(MemberRequest request) {
        return new InvalidInputException("planId", "no plan with id " + request.planId());
    }
}
