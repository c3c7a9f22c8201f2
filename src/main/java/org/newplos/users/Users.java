package org.newplos.users;

import java.util.List;
import java.util.Optional;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
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

    /** Sets a new password (and role); true if the user existed. */
    @Transactional
    public boolean resetPassword(String email, Role role, String password) {
        checkPassword(password);
        Optional<User> before = findByEmail(email);
        boolean updated = jdbc.sql("""
                        UPDATE users SET password_hash = :hash, role = :role, enabled = true
                        WHERE lower(email) = lower(:email)
                        """)
                        .param("email", email.strip())
                        .param("role", role.name())
                        .param("hash", passwords.encode(password))
                        .update()
                == 1;
        tokens.forgetVerified();
        if (updated && before.isPresent()) {
            User after = findByEmail(email).orElseThrow();
            audit.record("user", after.id(), "updated", before.get(), after);
        }
        return updated;
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
    }

    /** What sign-in needs to know about a user. */
    record Credentials(String email, String passwordHash, Role role, boolean enabled) {}
}
