package org.newplos.leases;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * All leases and the lease questions staff ask every day. Plain SQL; the overlap rule is the table's
 * exclusion constraint, so writes here may fail with it and {@link Leasing} explains the failure.
 */
@Repository
public class Leases {

    private static final String SELECT = """
            SELECT l.id, l.member_id, m.full_name AS member_name, l.space_id, s.code AS space_code,
                   lower(l.period) AS start_day, upper(l.period) AS end_day, l.monthly_rate, l.deposit,
                   l.status, l.notes, l.created_at, l.updated_at
            """;
    private static final String FROM = """
             JOIN members m ON m.id = l.member_id
             JOIN spaces s ON s.id = l.space_id
            """;

    private static final RowMapper<Lease> ROW = (rs, n) -> new Lease(
            rs.getLong("id"),
            rs.getLong("member_id"),
            rs.getString("member_name"),
            rs.getLong("space_id"),
            rs.getString("space_code"),
            rs.getObject("start_day", LocalDate.class),
            rs.getObject("end_day", LocalDate.class),
            rs.getBigDecimal("monthly_rate"),
            rs.getBigDecimal("deposit"),
            LeaseStatus.valueOf(rs.getString("status")),
            rs.getString("notes"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;

    Leases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Lease> find(long id) {
        return jdbc.sql(SELECT + " FROM leases l" + FROM + " WHERE l.id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    /** A lease, its row locked until the transaction ends: the "before" of a change no one else can make meanwhile. */
    Optional<Lease> findForUpdate(long id) {
        return jdbc.sql(SELECT + " FROM leases l" + FROM + " WHERE l.id = :id FOR UPDATE OF l")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    /** Whether a space is active; empty if there is no such space. */
    Optional<Boolean> spaceActive(long spaceId) {
        return jdbc.sql("SELECT active FROM spaces WHERE id = :id")
                .param("id", spaceId)
                .query(Boolean.class)
                .optional();
    }

    /** Leases in id order, narrowed by member, space, status and the day they are active on. */
    public Page<Lease> list(LeaseFilter filter, PageRequest page) {
        List<Lease> rows = jdbc.sql(SELECT + " FROM leases l" + FROM + """
                         WHERE l.id > :after
                           AND (CAST(:memberId AS bigint) IS NULL OR l.member_id = :memberId)
                           AND (CAST(:spaceId AS bigint) IS NULL OR l.space_id = :spaceId)
                           AND (CAST(:status AS text) IS NULL OR l.status = :status)
                           AND (CAST(:activeOn AS date) IS NULL
                                OR (l.status <> 'CANCELLED' AND l.period @> CAST(:activeOn AS date)))
                         ORDER BY l.id
                         LIMIT :limit
                        """)
                .param("after", page.after())
                .param("memberId", filter.memberId())
                .param("spaceId", filter.spaceId())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("activeOn", sqlDate(filter.activeOn()))
                .param("limit", page.fetchSize())
                .query(ROW)
                .list();
        return Page.of(rows, page.limit(), Lease::id);
    }

    /**
     * Leases whose last day falls between {@code today} and {@code today + days} (the end is exclusive,
     * so the end day lies in {@code (today, today + days + 1]}), soonest first.
     */
    public List<Lease> expiring(LocalDate today, int days, int limit) {
        return jdbc.sql(SELECT + " FROM leases l" + FROM + """
                         WHERE l.status <> 'CANCELLED'
                           AND upper(l.period) > CAST(:today AS date)
                           AND upper(l.period) <= CAST(:today AS date) + :days + 1
                         ORDER BY upper(l.period), l.id
                         LIMIT :limit
                        """)
                .param("today", Date.valueOf(today))
                .param("days", days)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** A space's leases, latest start first: its timeline. */
    public List<Lease> forSpace(long spaceId, int limit) {
        return jdbc.sql(SELECT + " FROM leases l" + FROM + """
                         WHERE l.space_id = :spaceId
                         ORDER BY lower(l.period) DESC, l.id DESC
                         LIMIT :limit
                        """)
                .param("spaceId", spaceId)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** A member's leases, latest start first. */
    public List<Lease> forMember(long memberId, int limit) {
        return jdbc.sql(SELECT + " FROM leases l" + FROM + """
                         WHERE l.member_id = :memberId
                         ORDER BY lower(l.period) DESC, l.id DESC
                         LIMIT :limit
                        """)
                .param("memberId", memberId)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** A member's own leases with space and location names (the portal), latest start first, bounded. */
    public List<MemberLease> ofMember(long memberId, int limit) {
        return jdbc.sql(SELECT + ", s.name AS space_name, loc.name AS location_name FROM leases l" + FROM + """
                         JOIN locations loc ON loc.id = s.location_id
                         WHERE l.member_id = :memberId
                         ORDER BY lower(l.period) DESC, l.id DESC
                         LIMIT :limit
                        """)
                .param("memberId", memberId)
                .param("limit", limit)
                .query((rs, n) ->
                        new MemberLease(ROW.mapRow(rs, n), rs.getString("space_name"), rs.getString("location_name")))
                .list();
    }

    /** "Name (email)" of a member, for the lease form, without reaching into the members feature. */
    public Optional<String> memberLabel(long memberId) {
        return jdbc.sql("SELECT full_name || ' (' || email || ')' FROM members WHERE id = :id")
                .param("id", memberId)
                .query(String.class)
                .optional();
    }

    /** The non-cancelled lease of a space that overlaps a period, other than {@code exceptId}. */
    public Optional<Lease> overlapping(long spaceId, Period period, long exceptId) {
        return jdbc.sql(SELECT + " FROM leases l" + FROM + """
                         WHERE l.space_id = :spaceId AND l.status <> 'CANCELLED' AND l.id <> :exceptId
                           AND l.period && daterange(:start, :end, '[)')
                         ORDER BY lower(l.period)
                         LIMIT 1
                        """)
                .param("spaceId", spaceId)
                .param("exceptId", exceptId)
                .param("start", Date.valueOf(period.start()))
                .param("end", sqlDate(period.end()))
                .query(ROW)
                .optional();
    }

    /**
     * Inserts a lease and answers it as {@link #find} would, in one statement; the monthly rate defaults
     * to the space's. Empty when the space does not exist or is archived (inactive). Throws the database's exclusion or foreign-key
     * violation as it comes.
     */
    Optional<Lease> insert(LeaseRequest request) {
        Period period = request.period();
        return jdbc.sql("""
                        WITH l AS (
                            INSERT INTO leases (member_id, space_id, period, monthly_rate, deposit, notes)
                            SELECT :memberId, s.id, daterange(:start, :end, '[)'),
                                   coalesce(CAST(:rate AS numeric), s.monthly_rate), :deposit, :notes
                            FROM spaces s WHERE s.id = :spaceId AND s.active
                            RETURNING *)
                        """ + SELECT + " FROM l" + FROM)
                .params(params(request, period))
                .query(ROW)
                .optional();
    }

    /**
     * Replaces a lease's member, space, period and amounts, keeping its status. False if no such lease, or
     * if it would move to another space that does not exist or is archived.
     */
    boolean update(long id, LeaseRequest request) {
        Period period = request.period();
        return jdbc.sql("""
                        UPDATE leases l SET member_id = :memberId, space_id = s.id,
                               period = daterange(:start, :end, '[)'),
                               monthly_rate = coalesce(CAST(:rate AS numeric), l.monthly_rate),
                               deposit = :deposit, notes = :notes
                        FROM spaces s
                        WHERE l.id = :id AND s.id = :spaceId AND (s.active OR l.space_id = s.id)
                        """).params(params(request, period)).param("id", id).update() == 1;
    }

    /** Sets the end of a lease and marks it ENDED, unless it is cancelled; false if nothing changed. */
    boolean end(long id, LocalDate on) {
        return jdbc.sql("""
                        UPDATE leases SET period = daterange(lower(period), :on, '[)'), status = 'ENDED'
                        WHERE id = :id AND status <> 'CANCELLED'
                        """).param("id", id).param("on", Date.valueOf(on)).update() == 1;
    }

    /** Marks a lease CANCELLED; false if it was already (or does not exist). */
    boolean cancel(long id) {
        return jdbc.sql("UPDATE leases SET status = 'CANCELLED' WHERE id = :id AND status <> 'CANCELLED'")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Deletes a cancelled lease; false if there is none with that id or it is not cancelled. */
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM leases WHERE id = :id AND status = 'CANCELLED'")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** A lease's rate changes, earliest first. */
    public List<LeaseRate> rates(long leaseId) {
        return jdbc.sql("""
                        SELECT id, lease_id, lower(period) AS from_day, upper(period) AS to_day, monthly_rate
                        FROM lease_rates WHERE lease_id = :id ORDER BY lower(period)
                        """)
                .param("id", leaseId)
                .query((rs, n) -> new LeaseRate(
                        rs.getLong("id"),
                        rs.getLong("lease_id"),
                        rs.getObject("from_day", LocalDate.class),
                        rs.getObject("to_day", LocalDate.class),
                        rs.getBigDecimal("monthly_rate")))
                .list();
    }

    /** Adds a rate change; the table's exclusion constraint refuses one that overlaps another. */
    LeaseRate insertRate(long leaseId, RateChangeRequest request) {
        Period period = request.period();
        long id = jdbc.sql("""
                        INSERT INTO lease_rates (lease_id, period, monthly_rate)
                        VALUES (:leaseId, daterange(:from, :to, '[)'), :rate)
                        RETURNING id
                        """)
                .param("leaseId", leaseId)
                .param("from", Date.valueOf(period.start()))
                .param("to", sqlDate(period.end()))
                .param("rate", request.monthlyRate())
                .query(Long.class)
                .single();
        return new LeaseRate(id, leaseId, period.start(), period.end(), request.monthlyRate());
    }

    private static Map<String, Object> params(LeaseRequest r, Period period) {
        var params = new HashMap<String, Object>();
        params.put("memberId", r.memberId());
        params.put("spaceId", r.spaceId());
        params.put("start", Date.valueOf(period.start()));
        params.put("end", sqlDate(period.end()));
        params.put("rate", r.monthlyRate());
        params.put("deposit", r.deposit() == null ? java.math.BigDecimal.ZERO : r.deposit());
        params.put("notes", r.notes() == null ? "" : r.notes());
        return params;
    }

    private static @Nullable Date sqlDate(@Nullable LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
