package org.newplos.portal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of erasing a member: lock them, anonymise their row, blank their personal values in the audit log. */
@Repository
class Erasures {

    /** Fields of audited member records that hold personal values. */
    static final String[] MEMBER_FIELDS = {"fullName", "email", "phone", "company", "notes", "billingAddress"};
    /** Fields of audited lease records that hold personal values. */
    static final String[] LEASE_FIELDS = {"memberName"};
    /** Fields of audited bookings that may hold the member's own address (booked or cancelled in the portal). */
    static final String[] BOOKING_FIELDS = {"bookedBy", "cancelledBy"};

    static final String ERASED = "(erased)";

    record State(String status, @Nullable Instant erasedAt) {}

    private final JdbcClient jdbc;

    Erasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String erasedEmail(long memberId) {
        return "erased-" + memberId + "@erased.invalid";
    }

    Optional<State> lock(long memberId) {
        return jdbc.sql("SELECT status, erased_at FROM members WHERE id = :id FOR UPDATE")
                .param("id", memberId)
                .query((rs, n) -> new State(
                        rs.getString("status"),
                        rs.getTimestamp("erased_at") == null
                                ? null
                                : rs.getTimestamp("erased_at").toInstant()))
                .optional();
    }

    /**
     * Every address the member had: the current one, those in their history (email changes), and those they
     * asked to change to. Read before anonymising and scrubbing.
     */
    List<String> emails(long memberId) {
        return jdbc.sql("""
                        SELECT email FROM members WHERE id = :id
                        UNION
                        SELECT v FROM audit_log a, jsonb_array_elements(a.changes) c,
                                      LATERAL (VALUES (c ->> 'before'), (c ->> 'after')) AS x(v)
                        WHERE a.entity = 'member' AND a.entity_id = :id AND jsonb_typeof(a.changes) = 'array'
                          AND c ->> 'field' = 'email' AND v IS NOT NULL AND v <> ''
                        UNION
                        SELECT new_email FROM member_sign_in_links WHERE member_id = :id AND new_email IS NOT NULL
                        """).param("id", memberId).query(String.class).list();
    }

    void anonymise(long memberId, Instant now) {
        jdbc.sql("""
                        UPDATE members
                        SET full_name = 'Erased member #' || id, email = :email, phone = '', company = '', notes = '',
                            billing_address = '', password_hash = NULL, erased_at = :now
                        WHERE id = :id
                        """)
                .param("id", memberId)
                .param("email", erasedEmail(memberId))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Replaces the personal values in the member's audit entries (and the member's name in their leases'
     * entries) with "(erased)": the history still says what changed and when, no longer to what.
     */
    void scrubHistory(long memberId, List<Long> leaseIds) {
        scrub("member", List.of(memberId), MEMBER_FIELDS, null);
        if (!leaseIds.isEmpty()) {
            scrub("lease", leaseIds, LEASE_FIELDS, null);
        }
    }

    /**
     * Replaces the member's own addresses ({@code emails}) where their bookings' entries say who booked or
     * cancelled with "(erased)"; a staff user's name stays.
     */
    void scrubBookingHistory(List<Long> bookingIds, List<String> emails) {
        if (!bookingIds.isEmpty() && !emails.isEmpty()) {
            scrub("booking", bookingIds, BOOKING_FIELDS, emails);
        }
    }

    /** Scrubs the string values of {@code fields}: all of them, or (with {@code only}) those equal to one of these, ignoring case. */
    private void scrub(String entity, List<Long> ids, String[] fields, @Nullable List<String> only) {
        jdbc.sql("""
                        UPDATE audit_log a
                        SET changes = (
                            SELECT coalesce(jsonb_agg(
                                       CASE WHEN c ->> 'field' = ANY (CAST(:fields AS text[]))
                                            THEN jsonb_build_object(
                                                'field', c -> 'field',
                                                'before', CASE WHEN jsonb_typeof(c -> 'before') = 'string'
                                                                    AND (CAST(:only AS text[]) IS NULL
                                                                         OR lower(c ->> 'before') = ANY (CAST(:only AS text[])))
                                                               THEN to_jsonb(CAST(:erased AS text)) ELSE c -> 'before' END,
                                                'after', CASE WHEN jsonb_typeof(c -> 'after') = 'string'
                                                                   AND (CAST(:only AS text[]) IS NULL
                                                                        OR lower(c ->> 'after') = ANY (CAST(:only AS text[])))
                                                              THEN to_jsonb(CAST(:erased AS text)) ELSE c -> 'after' END)
                                            ELSE c END ORDER BY e.n), '[]'::jsonb)
                            FROM jsonb_array_elements(a.changes) WITH ORDINALITY AS e(c, n))
                        WHERE a.entity = :entity AND a.entity_id = ANY (CAST(:ids AS bigint[]))
                          AND jsonb_typeof(a.changes) = 'array'
                        """)
                .param("fields", fields)
                .param(
                        "only",
                        only == null
                                ? null
                                : only.stream()
                                        .map(v -> v.toLowerCase(java.util.Locale.ROOT))
                                        .toArray(String[]::new))
                .param("erased", ERASED)
                .param("entity", entity)
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }
}
