package org.newplos.locations;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.SqlErrors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All locations: the SQL of the locations feature. Every write is audited in its transaction. */
@Repository
public class Locations {

    private static final String COLUMNS = """
            id, code, name, time_zone, currency, invoice_prefix, default_vat_rate, payment_terms_days, legal_lines,
            billing_starts_on, lock_date, sender_name, sender_email, lease_reminder_days, overdue_reminder_days,
            created_at, updated_at""";

    private static final RowMapper<Location> ROW = (rs, n) -> new Location(
            rs.getLong("id"),
            rs.getString("code"),
            rs.getString("name"),
            rs.getString("time_zone"),
            rs.getString("currency"),
            rs.getString("invoice_prefix"),
            rs.getBigDecimal("default_vat_rate"),
            rs.getInt("payment_terms_days"),
            rs.getString("legal_lines"),
            rs.getObject("billing_starts_on", LocalDate.class),
            rs.getObject("lock_date", LocalDate.class),
            rs.getString("sender_name"),
            rs.getString("sender_email"),
            days(rs.getArray("lease_reminder_days")),
            days(rs.getArray("overdue_reminder_days")),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Locations(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Location> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM locations ORDER BY id")
                .query(ROW)
                .list();
    }

    public Optional<Location> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM locations WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public Location get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("location", id));
    }

    /** A location by its code (case-insensitive), e.g. for the CLI's {@code --location AMS}. */
    public Location byCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM locations WHERE code = upper(:code)")
                .param("code", code)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new InvalidInputException(
                        "location", "no location with code '" + code + "' (known: " + codes() + ")"));
    }

    /** The location of a space. */
    public Location ofSpace(long spaceId) {
        return jdbc.sql("SELECT l.* FROM locations l JOIN spaces s ON s.location_id = l.id WHERE s.id = :id")
                .param("id", spaceId)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new NotFoundException("space", spaceId));
    }

    @Transactional
    public Location create(LocationRequest request) {
        request.validate();
        try {
            long id = jdbc.sql("""
                            INSERT INTO locations (code, name, time_zone, currency, invoice_prefix, default_vat_rate,
                                                   payment_terms_days, legal_lines, billing_starts_on, lock_date,
                                                   sender_name, sender_email, lease_reminder_days,
                                                   overdue_reminder_days)
                            VALUES (:code, :name, :timeZone, :currency, :invoicePrefix, :vat, :terms, :legal,
                                    :billingStartsOn, :lockDate, :senderName, :senderEmail,
                                    CAST(:leaseDays AS integer[]), CAST(:overdueDays AS integer[]))
                            RETURNING id
                            """).params(params(request)).query(Long.class).single();
            Location created = get(id);
            audit.record("location", id, "created", null, created);
            return created;
        } catch (DataIntegrityViolationException e) {
            throw translate(e, request);
        }
    }

    /**
     * Changes a location. Moving the billing start resets what runs remember of their progress there, so the
     * next run looks at every lease and plan membership of the location again.
     */
    @Transactional
    public Location update(long id, LocationRequest request) {
        request.validate();
        Location before = jdbc.sql("SELECT " + COLUMNS + " FROM locations WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ROW)
                .optional()
                .orElseThrow(() -> new NotFoundException("location", id));
        try {
            jdbc.sql("""
                            UPDATE locations SET code = :code, name = :name, time_zone = :timeZone, currency = :currency,
                                   invoice_prefix = :invoicePrefix, default_vat_rate = :vat, payment_terms_days = :terms,
                                   legal_lines = :legal, billing_starts_on = :billingStartsOn, lock_date = :lockDate,
                                   sender_name = :senderName, sender_email = :senderEmail,
                                   lease_reminder_days = CAST(:leaseDays AS integer[]),
                                   overdue_reminder_days = CAST(:overdueDays AS integer[])
                            WHERE id = :id
                            """).params(params(request)).param("id", id).update();
        } catch (DataIntegrityViolationException e) {
            throw translate(e, request);
        }
        if (!Objects.equals(before.billingStartsOn(), request.billingStartsOn())) {
            jdbc.sql("""
                            DELETE FROM billing_progress p
                            USING leases l, spaces s
                            WHERE p.lease_id = l.id AND s.id = l.space_id AND s.location_id = :id
                            """).param("id", id).update();
            jdbc.sql("""
                            DELETE FROM billing_progress p USING plan_memberships m
                            WHERE p.plan_membership_id = m.id AND m.location_id = :id
                            """).param("id", id).update();
        }
        Location after = get(id);
        audit.record("location", id, "updated", before, after);
        return after;
    }

    private String codes() {
        return String.join(
                ", ",
                jdbc.sql("SELECT code FROM locations ORDER BY code")
                        .query(String.class)
                        .list());
    }

    private static RuntimeException translate(DataIntegrityViolationException e, LocationRequest request) {
        if (SqlErrors.is(e, SqlErrors.UNIQUE_VIOLATION)) {
            return new ConflictException("A location with code " + request.code() + " already exists.");
        }
        if (SqlErrors.is(e, SqlErrors.CHECK_VIOLATION)) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            if (message.contains("locations_sender_email_shape")) {
                return new InvalidInputException("senderEmail", "an email address such as billing@example.com");
            }
            if (message.contains("locations_reminder_days_valid")) {
                return new InvalidInputException("leaseReminderDays", "1 to 10 numbers of days from 1 to 365");
            }
        }
        return e;
    }

    private static Map<String, @Nullable Object> params(LocationRequest r) {
        var p = new HashMap<String, @Nullable Object>();
        p.put("code", r.code());
        p.put("name", r.name().strip());
        p.put("timeZone", r.timeZone());
        p.put("currency", r.currency());
        p.put("invoicePrefix", r.invoicePrefix());
        p.put("vat", r.defaultVatRate());
        p.put("terms", r.paymentTermsDays());
        p.put("legal", r.legalLinesOrEmpty());
        p.put("billingStartsOn", sqlDate(r.billingStartsOn()));
        p.put("lockDate", sqlDate(r.lockDate()));
        p.put("senderName", r.senderNameOrNull());
        p.put("senderEmail", r.senderEmailOrNull());
        p.put("leaseDays", r.leaseReminderDaysSorted());
        p.put("overdueDays", r.overdueReminderDaysSorted());
        return p;
    }

    private static List<Integer> days(java.sql.Array array) throws java.sql.SQLException {
        return List.of((Integer[]) array.getArray());
    }

    private static @Nullable Date sqlDate(@Nullable LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
