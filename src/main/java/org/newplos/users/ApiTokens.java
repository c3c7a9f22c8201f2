package org.newplos.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.newplos.common.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Personal API tokens. A token is {@code npt_} and 32 random bytes (base64url); only its SHA-256 hash
 * is stored, so checking one is a hash and an indexed lookup (microseconds), not a bcrypt verification
 * (tens of milliseconds), and a token verified in the last {@code newplos.api-tokens.cache-ttl} (10 s)
 * is not looked up again by this instance (see {@link VerifiedTokens}). The last-used time is written
 * at most once a minute per token, so authenticated reads do not turn into writes.
 */
@Repository
public class ApiTokens {

    static final String PREFIX = "npt_";
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    private static final int MAX_NAME_LENGTH = 100;

    private static final String COLUMNS = "t.id, t.name, t.created_at, t.last_used_at, t.revoked_at";
    private static final RowMapper<ApiToken> ROW = (rs, n) -> new ApiToken(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getTimestamp("created_at").toInstant(),
            instant(rs.getTimestamp("last_used_at")),
            instant(rs.getTimestamp("revoked_at")));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final VerifiedTokens verified;

    ApiTokens(JdbcClient jdbc, Clock clock, @Value("${newplos.api-tokens.cache-ttl:10s}") Duration verifiedCacheTtl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.verified = new VerifiedTokens(verifiedCacheTtl, clock);
    }

    /** Creates a token for a user; the value in the answer is not stored anywhere. */
    public NewApiToken create(String email, String name) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = jdbc.sql("""
                        INSERT INTO api_tokens (user_id, name, token_sha256)
                        SELECT u.id, :name, :hash FROM users u WHERE lower(u.email) = lower(:email)
                        RETURNING id, name, created_at, last_used_at, revoked_at
                        """)
                .param("name", label)
                .param("hash", sha256(value))
                .param("email", email.strip())
                .query(ROW)
                .optional()
                .orElseThrow(() -> new InvalidInputException("email", "no user has the email " + email.strip()));
        return new NewApiToken(token, value);
    }

    /** A user's tokens, newest first, revoked ones included. */
    public List<ApiToken> list(String email) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM api_tokens t JOIN users u ON u.id = t.user_id
                         WHERE lower(u.email) = lower(:email)
                         ORDER BY t.id DESC
                        """)
                .param("email", email.strip())
                .query(ROW)
                .list();
    }

    /**
     * Revokes one of a user's tokens; revoking twice is harmless. False if the user has no such token. The
     * cache forgets the token once the revocation is committed (at once, and again after the commit when
     * called inside a transaction), so no request can cache it as valid in between.
     */
    public boolean revoke(String email, long id) {
        boolean revoked =
                jdbc.sql("""
                        UPDATE api_tokens t SET revoked_at = coalesce(t.revoked_at, now())
                        FROM users u
                        WHERE t.id = :id AND u.id = t.user_id AND lower(u.email) = lower(:email)
                        """).param("id", id).param("email", email.strip()).update() == 1;
        afterCommit(() -> verified.forgetToken(id));
        return revoked;
    }

    /** Revokes every live token of a user (disabled, or password reset); how many. */
    int revokeAll(long userId) {
        int revoked = jdbc.sql(
                        "UPDATE api_tokens SET revoked_at = now() WHERE user_id = :userId AND revoked_at IS NULL")
                .param("userId", userId)
                .update();
        afterCommit(verified::forgetAll);
        return revoked;
    }

    /** The enabled user a live token belongs to; empty for unknown, revoked or disabled. */
    public Optional<TokenOwner> authenticate(String value) {
        if (!value.startsWith(PREFIX) || value.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(value);
        TokenOwner known = verified.get(hash);
        if (known != null) {
            return Optional.of(known);
        }
        long generation = verified.generation();
        return jdbc.sql("""
                        SELECT t.id, t.last_used_at, u.email, u.role
                        FROM api_tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.token_sha256 = :hash AND t.revoked_at IS NULL AND u.enabled
                        """)
                .param("hash", hash)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    touch(id, instant(rs.getTimestamp("last_used_at")));
                    TokenOwner owner = new TokenOwner(rs.getString("email"), Role.valueOf(rs.getString("role")));
                    verified.put(hash, id, owner, generation);
                    return owner;
                })
                .optional();
    }

    /** Forgets which tokens were verified lately, after a change to users (their role or being enabled). */
    void forgetVerified() {
        afterCommit(verified::forgetAll);
    }

    /**
     * Runs now, and again after the surrounding transaction commits (if there is one): a lookup made
     * before the commit still sees the old row, so forgetting only before it could let that lookup cache it.
     */
    private static void afterCommit(Runnable forget) {
        forget.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget.run();
                }
            });
        }
    }

    private void touch(long id, Instant lastUsed) {
        if (lastUsed != null && lastUsed.isAfter(clock.instant().minus(LAST_USED_GRANULARITY))) {
            return;
        }
        jdbc.sql("""
                        UPDATE api_tokens SET last_used_at = now()
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                        """).param("id", id).update();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
