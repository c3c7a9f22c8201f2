package org.newplos.users;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts. Passwords are hashed here (bcrypt) and never leave this class in clear. */
@Repository
public class Users {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; a longer password would be cut silently (or refused by the encoder). */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final String COLUMNS = "id, email, display_name, role, enabled, created_at";
    private static final RowMapper<User> ROW = (rs, n) -> new User(
            rs.getLong("id"),
            rs.getString("email"),
            rs.getString("display_name"),
            Role.valueOf(rs.getString("role")),
            rs.getBoolean("enabled"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final ApiTokens tokens;

    Users(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, ApiTokens tokens) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.tokens = tokens;
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
                .param("email", email.strip())
                .query(ROW)
                .optional();
    }

    public List<User> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY lower(email)")
                .query(ROW)
                .list();
    }

    @Transactional
    public User create(String email, String displayName, Role role, String password) {
        checkPassword(password);
        try {
            User user = jdbc.sql("""
                            INSERT INTO users (email, display_name, role, password_hash)
                            VALUES (:email, :displayName, :role, :hash)
                            RETURNING %s
                            """.formatted(COLUMNS))
                    .param("email", email.strip())
                    .param("displayName", displayName.strip())
                    .param("role", role.name())
                    .param("hash", passwords.encode(password))
                    .query(ROW)
                    .single();
            audit.record("user", user.id(), "created", null, user);
            return user;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A user with email " + email.strip() + " already exists.");
        }
    }

    /**
     * Sets a new password (and role, and enables the user); true if the user existed. Ends the user's
     * sessions; their API tokens keep working (with the new role). {@code create-admin --reset} revokes them
     * too unless told to keep them: see {@link #resetPassword(String, Role, String, boolean)}.
     */
    @Transactional
    public boolean resetPassword(String email, Role role, String password) {
        return resetPassword(email, role, password, false);
    }

    /**
     * Sets a new password (and role, and enables the user); true if the user existed. Ends the user's
     * sessions, and revokes their API tokens if {@code revokeTokens} (whoever knew the old password may have
     * made some).
     */
    @Transactional
    public boolean resetPassword(String email, Role role, String password, boolean revokeTokens) {
        checkPassword(password);
        Optional<User> before = findByEmailForUpdate(email);
        if (before.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE users SET password_hash = :hash, role = :role, enabled = true WHERE id = :id")
                .param("id", before.get().id())
                .param("role", role.name())
                .param("hash", passwords.encode(password))
                .update();
        signOutEverywhere(before.get());
        if (revokeTokens) {
            tokens.revokeAll(before.get().id());
        }
        tokens.forgetVerified();
        User after = findByEmail(email).orElseThrow();
        audit.record("user", after.id(), "updated", before.get(), after);
        return true;
    }

    /**
     * Gives a user another role. Their sessions end (a session keeps the role it signed in with); their API
     * tokens stay and act with the new role from now on.
     */
    @Transactional
    public User changeRole(long id, Role role) {
        User before = getForUpdate(id);
        jdbc.sql("UPDATE users SET role = :role WHERE id = :id")
                .param("id", id)
                .param("role", role.name())
                .update();
        signOutEverywhere(before);
        tokens.forgetVerified();
        User after = findByEmail(before.email()).orElseThrow();
        audit.record("user", id, "updated", before, after);
        return after;
    }

    /** Disables (or enables) a user. Disabling ends their sessions and revokes their API tokens. */
    @Transactional
    public User setEnabled(long id, boolean enabled) {
        User before = getForUpdate(id);
        jdbc.sql("UPDATE users SET enabled = :enabled WHERE id = :id")
                .param("id", id)
                .param("enabled", enabled)
                .update();
        if (!enabled) {
            signOutEverywhere(before);
            tokens.revokeAll(id);
        }
        tokens.forgetVerified();
        User after = findByEmail(before.email()).orElseThrow();
        audit.record("user", id, "updated", before, after);
        return after;
    }

    /** Deletes the user's sessions (Spring Session's table, by the principal name it indexes). */
    private void signOutEverywhere(User user) {
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = :email")
                .param("email", user.email())
                .update();
    }

    private Optional<User> findByEmailForUpdate(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email) FOR UPDATE")
                .param("email", email.strip())
                .query(ROW)
                .optional();
    }

    private User getForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new NotFoundException("user", id));
    }

    Optional<Credentials> credentials(String email) {
        return jdbc.sql("SELECT email, password_hash, role, enabled FROM users WHERE lower(email) = lower(:email)")
                .param("email", email.strip())
                .query((rs, n) -> new Credentials(
                        rs.getString("email"),
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")),
                        rs.getBoolean("enabled")))
                .optional();
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidInputException(
                    "password",
                    "must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (about " + MAX_PASSWORD_BYTES
                            + " letters without accents, fewer with them): bcrypt checks no more");
        }
    }

    /** What sign-in needs to know about a user. */
    record Credentials(String email, String passwordHash, Role role, boolean enabled) {}
}
