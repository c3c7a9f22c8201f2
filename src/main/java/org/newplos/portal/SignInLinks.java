package org.newplos.portal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of member sign-in: who may get a link, the links (hashed), the requests the rate limits count, the
 * atomic use of a link, and the sign-in history.
 */
@Repository
class SignInLinks {

    enum Purpose {
        SIGN_IN,
        EMAIL_CHANGE
    }

    enum Outcome {
        SENT,
        UNKNOWN,
        REFUSED,
        LIMITED,
        PASSWORD_FAILED
    }

    /** A member as sign-in sees them: may they sign in at all (not LEFT, not erased)? */
    record Candidate(
            long id,
            String fullName,
            String email,
            boolean mayMakeSignIn,
            @Nullable String passwordHash) {}

    /** A link just used: whose, what for, and the address it confirms (EMAIL_CHANGE). */
    record Used(
            long linkId,
            long memberId,
            Purpose purpose,
            @Nullable String newEmail,
            String email) {}

    /** One line of a member's sign-in history. */
    record SignInRecord(String method, String client, Instant signedInAt) {}

    private final JdbcClient jdbc;

    SignInLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member with this address (any case), locked until the transaction ends: one link request at a time. */
    Optional<Candidate> candidateForUpdate(String email) {
        return jdbc.sql("""
                        SELECT id, full_name, email, status <> 'LEFT' AND erased_at IS NULL AS may, password_hash
                        FROM members WHERE lower(email) = lower(:email)
                        FOR UPDATE
                        """)
                .param("email", email)
                .query((rs, n) -> new Candidate(
                        rs.getLong("id"),
                        rs.getString("full_name"),
                        rs.getString("email"),
                        rs.getBoolean("may"),
                        rs.getString("password_hash")))
                .optional();
    }

    Optional<Candidate> candidate(long memberId) {
        return jdbc.sql("""
                        SELECT id, full_name, email, status <> 'LEFT' AND erased_at IS NULL AS may, password_hash
                        FROM members WHERE id = :id
                        """)
                .param("id", memberId)
                .query((rs, n) -> new Candidate(
                        rs.getLong("id"),
                        rs.getString("full_name"),
                        rs.getString("email"),
                        rs.getBoolean("may"),
                        rs.getString("password_hash")))
                .optional();
    }

    /** Link requests from a client since a time (the per-client limit). */
    int requestsFrom(String client, Instant since) {
        return jdbc.sql("SELECT count(*) FROM member_sign_in_requests WHERE client = :client AND requested_at > :since")
                .param("client", client)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    /** Failed password sign-ins for a member since a time (the password throttle, per account). */
    int memberPasswordFailures(long memberId, Instant since) {
        return jdbc.sql("""
                        SELECT count(*) FROM member_sign_in_requests
                        WHERE member_id = :member AND outcome = 'PASSWORD_FAILED' AND requested_at > :since
                        """)
                .param("member", memberId)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    /** Failed password sign-ins from a client since a time, whatever the accounts (password spraying). */
    int clientPasswordFailures(String client, Instant since) {
        return jdbc.sql("""
                        SELECT count(*) FROM member_sign_in_requests
                        WHERE client = :client AND outcome = 'PASSWORD_FAILED' AND requested_at > :since
                        """)
                .param("client", client)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    void setPassword(long memberId, @Nullable String hash) {
        jdbc.sql("UPDATE members SET password_hash = :hash WHERE id = :id")
                .param("hash", hash)
                .param("id", memberId)
                .update();
    }

    /** Links sent to a member since a time (the per-address limit). */
    int linksSince(long memberId, Instant since) {
        return jdbc.sql("SELECT count(*) FROM member_sign_in_links WHERE member_id = :member AND created_at > :since")
                .param("member", memberId)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    void recordRequest(@Nullable Long memberId, String client, Outcome outcome, Instant at) {
        jdbc.sql("""
                        INSERT INTO member_sign_in_requests (member_id, client, outcome, requested_at)
                        VALUES (:member, :client, :outcome, :at)
                        """)
                .param("member", memberId)
                .param("client", client)
                .param("outcome", outcome.name())
                .param("at", Timestamp.from(at))
                .update();
    }

    long insert(
            long memberId,
            byte[] tokenHash,
            Purpose purpose,
            @Nullable String newEmail,
            String client,
            Instant createdAt,
            Instant expiresAt) {
        return jdbc.sql("""
                        INSERT INTO member_sign_in_links (member_id, token_hash, purpose, new_email, requested_from,
                                                          created_at, expires_at)
                        VALUES (:member, :hash, :purpose, :newEmail, :client, :created, :expires)
                        RETURNING id
                        """)
                .param("member", memberId)
                .param("hash", tokenHash)
                .param("purpose", purpose.name())
                .param("newEmail", newEmail)
                .param("client", client)
                .param("created", Timestamp.from(createdAt))
                .param("expires", Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
    }

    /**
     * Uses a link, once: only an unused, unexpired link of a member who may still sign in. Two requests with
     * the same link race on the row: one gets it, the other finds it used.
     */
    Optional<Used> use(byte[] tokenHash, String client, Instant now) {
        return jdbc.sql("""
                        UPDATE member_sign_in_links l SET used_at = :now, used_from = :client
                        FROM members m
                        WHERE l.token_hash = :hash AND l.used_at IS NULL AND l.expires_at > :now
                          AND m.id = l.member_id AND m.status <> 'LEFT' AND m.erased_at IS NULL
                        RETURNING l.id, l.member_id, l.purpose, l.new_email, m.email
                        """)
                .param("hash", tokenHash)
                .param("client", client)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Used(
                        rs.getLong("id"),
                        rs.getLong("member_id"),
                        Purpose.valueOf(rs.getString("purpose")),
                        rs.getString("new_email"),
                        rs.getString("email")))
                .optional();
    }

    void recordSignIn(long memberId, String method, String client, Instant at) {
        jdbc.sql("""
                        INSERT INTO member_sign_ins (member_id, method, client, signed_in_at)
                        VALUES (:member, :method, :client, :at)
                        """)
                .param("member", memberId)
                .param("method", method)
                .param("client", client)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** A member's sign-ins, newest first (bounded). */
    List<SignInRecord> history(long memberId, int limit) {
        return jdbc.sql("""
                        SELECT method, client, signed_in_at FROM member_sign_ins WHERE member_id = :member
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("member", memberId)
                .param("limit", limit)
                .query((rs, n) -> new SignInRecord(
                        rs.getString("method"),
                        rs.getString("client"),
                        rs.getTimestamp("signed_in_at").toInstant()))
                .list();
    }

    /**
     * Forgets, a bounded batch at a time, link requests (client addresses) and links older than {@code before}:
     * the limits only look back one window, and nobody needs old client addresses.
     */
    void forgetOld(Instant before, int batch) {
        jdbc.sql("""
                        DELETE FROM member_sign_in_requests WHERE id IN (
                            SELECT id FROM member_sign_in_requests WHERE requested_at < :before ORDER BY id LIMIT :batch)
                        """)
                .param("before", Timestamp.from(before))
                .param("batch", batch)
                .update();
        jdbc.sql("""
                        DELETE FROM member_sign_in_links WHERE id IN (
                            SELECT id FROM member_sign_in_links WHERE expires_at < :before ORDER BY id LIMIT :batch)
                        """)
                .param("before", Timestamp.from(before))
                .param("batch", batch)
                .update();
    }

    /** Forgets a member's links, link requests and sign-in history (they were erased). */
    void forget(long memberId) {
        jdbc.sql("DELETE FROM member_sign_in_links WHERE member_id = :member")
                .param("member", memberId)
                .update();
        jdbc.sql("DELETE FROM member_sign_in_requests WHERE member_id = :member")
                .param("member", memberId)
                .update();
        jdbc.sql("DELETE FROM member_sign_ins WHERE member_id = :member")
                .param("member", memberId)
                .update();
    }

    /** Ends every portal session of a member (Spring Session JDBC keeps the principal name per session). */
    int endSessions(String principalName) {
        return jdbc.sql("DELETE FROM spring_session WHERE principal_name = :name")
                .param("name", principalName)
                .update();
    }
}
