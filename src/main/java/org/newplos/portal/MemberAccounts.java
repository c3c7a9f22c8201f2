package org.newplos.portal;

import java.util.Optional;
import org.newplos.audit.AuditLog;
import org.newplos.members.MemberStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SQL of a member's own details in the portal: read them, change them (audited, the member as actor),
 * change the address once confirmed by a link, set a password.
 */
@Repository
class MemberAccounts {

    private static final String COLUMNS = """
            id, full_name, email, phone, company, billing_address, status, password_hash IS NOT NULL AS has_password
            """;

    private static final RowMapper<Account> ROW = (rs, n) -> new Account(
            rs.getLong("id"),
            rs.getString("full_name"),
            rs.getString("email"),
            rs.getString("phone"),
            rs.getString("company"),
            rs.getString("billing_address"),
            MemberStatus.valueOf(rs.getString("status")),
            rs.getBoolean("has_password"));

    private final JdbcClient jdbc;
    private final AuditLog audit;

    MemberAccounts(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    Optional<Account> find(long memberId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM members WHERE id = :id")
                .param("id", memberId)
                .query(ROW)
                .optional();
    }

    @Transactional
    Account update(long memberId, DetailsForm form) {
        Account before = find(memberId).orElseThrow();
        Account after = jdbc.sql("""
                        UPDATE members SET full_name = :name, phone = :phone, company = :company,
                                           billing_address = :address
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", memberId)
                .param("name", form.fullName())
                .param("phone", form.phone())
                .param("company", form.company())
                .param("address", form.billingAddress())
                .query(ROW)
                .single();
        audit.record("member", memberId, "updated", before, after);
        return after;
    }

    /**
     * Changes a member's address to one they confirmed; false (nothing changed) when another member has it.
     * Joins the caller's transaction.
     */
    boolean changeEmail(long memberId, String newEmail) {
        Account before = find(memberId).orElseThrow();
        Optional<Account> after = jdbc.sql("""
                        UPDATE members SET email = :email
                        WHERE id = :id AND NOT EXISTS (
                            SELECT 1 FROM members o WHERE lower(o.email) = lower(:email) AND o.id <> :id)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", memberId)
                .param("email", newEmail)
                .query(ROW)
                .optional();
        after.ifPresent(account -> audit.record("member", memberId, "updated", before, account));
        return after.isPresent();
    }

    /** Records what changed of an account since {@code before} (the member as actor). */
    void audit(Account before) {
        Account after = find(before.id()).orElseThrow();
        audit.record("member", before.id(), "updated", before, after);
    }
}
