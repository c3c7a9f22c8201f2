package org.newplos.notifications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminders: a lease's last day is near (days before it, per location: 30, 7 and 1 by default) and an invoice
 * is overdue (days after its due day: 3, 10 and 30). "Today" is each location's, in its time zone.
 *
 * <p>The scan writes, for each lease and invoice, the reminder of the <em>most urgent threshold that applies
 * today</em> — the fewest days left, the most days overdue — under the key (subject, threshold; for a lease
 * also its last day), so each is written at most once, however often the scan runs, and a scan after
 * downtime writes only the reminder that applies now: the ones missed meanwhile are superseded, not sent
 * late. A lease given a new last day gets the reminders of its new last day.
 *
 * <p>Just before a reminder is sent, {@link #whyNotDue} checks it again: a lease extended, ended early or
 * cancelled, an invoice paid, or a later threshold reached since it was written sends nothing.
 */
@Component
class Reminders {

    /** Each location with its "today" for the instant the scan works for. */
    private static final String LOCATIONS = """
            loc AS (SELECT id, code, lease_reminder_days AS lease_days, overdue_reminder_days AS overdue_days,
                           CAST(CAST(:now AS timestamptz) AT TIME ZONE time_zone AS date) AS today
                    FROM locations)
            """;

    private static final String LEASES_ENDING = """
            WITH %s
            SELECT 'reminder.lease_ending' AS event_type,
                   'reminder.lease_ending:' || l.id || ':' || (upper(l.period) - 1) || ':' || th.days AS dedup_base,
                   loc.id AS location_id, l.member_id, m.email AS recipient, 'lease' AS subject_type,
                   l.id AS subject_id, th.days AS threshold_days,
                   jsonb_build_object('id', l.id, 'memberId', m.id, 'memberName', m.full_name, 'spaceId', s.id,
                                      'spaceCode', s.code, 'spaceName', s.name, 'location', loc.code,
                                      'start', lower(l.period), 'end', upper(l.period), 'lastDay', upper(l.period) - 1,
                                      'daysLeft', (upper(l.period) - 1) - loc.today, 'thresholdDays', th.days)
                       AS payload
            FROM loc
            JOIN spaces s ON s.location_id = loc.id
            JOIN leases l ON l.space_id = s.id
            JOIN members m ON m.id = l.member_id
            CROSS JOIN LATERAL (
                SELECT min(d) AS days FROM unnest(loc.lease_days) d WHERE d >= (upper(l.period) - 1) - loc.today) th
            WHERE l.status <> 'CANCELLED'
              AND lower(l.period) <= loc.today
              AND upper(l.period) > loc.today
              AND upper(l.period) <= loc.today + 1 + (SELECT coalesce(max(d), -1) FROM unnest(loc.lease_days) d)
              AND th.days IS NOT NULL
            """.formatted(LOCATIONS);

    private static final String INVOICES_OVERDUE = """
            WITH %s
            SELECT 'reminder.invoice_overdue' AS event_type,
                   'reminder.invoice_overdue:' || i.id || ':' || th.days AS dedup_base,
                   loc.id AS location_id, i.member_id, nullif(btrim(i.billing_email), '') AS recipient,
                   'invoice' AS subject_type, i.id AS subject_id, th.days AS threshold_days,
                   jsonb_build_object('id', i.id, 'number', i.number, 'memberId', i.member_id,
                                      'billingName', i.billing_name, 'location', loc.code, 'total', i.total,
                                      'outstanding', b.outstanding, 'currency', i.currency, 'issuedOn', i.issued_on,
                                      'dueOn', i.due_on, 'daysOverdue', loc.today - i.due_on,
                                      'thresholdDays', th.days) AS payload
            FROM loc
            JOIN invoice_balances b ON b.location_id = loc.id
            JOIN invoices i ON i.id = b.invoice_id
            CROSS JOIN LATERAL (
                SELECT max(d) AS days FROM unnest(loc.overdue_days) d WHERE d <= loc.today - i.due_on) th
            WHERE b.outstanding > 0
              AND b.due_on < loc.today
              AND th.days IS NOT NULL
            """.formatted(LOCATIONS);

    private final Messages messages;
    private final JdbcClient jdbc;

    Reminders(Messages messages, JdbcClient jdbc) {
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /** Writes the reminders due at {@code now} in every location; answers how many messages were new. */
    @Transactional
    int scan(Instant now) {
        Map<String, Object> params = Map.of("now", Messages.at(now));
        return messages.write(LEASES_ENDING, params, null) + messages.write(INVOICES_OVERDUE, params, null);
    }

    /** Why a reminder should not be sent at {@code now} after all, or null when it still should. */
    @Nullable
    String whyNotDue(Message message, Instant now) {
        Integer threshold = message.thresholdDays();
        if (threshold == null) {
            return null;
        }
        return switch (EventType.of(message.eventType()).orElse(EventType.PING)) {
            case LEASE_ENDING -> leaseNotDue(message, threshold, now);
            case INVOICE_OVERDUE -> invoiceNotDue(message, threshold, now);
            default -> null;
        };
    }

    private @Nullable String leaseNotDue(Message message, int threshold, Instant now) {
        record State(
                String status,
                @Nullable LocalDate lastDay,
                LocalDate today,
                @Nullable Integer applies) {}
        State state = jdbc.sql("""
                        WITH %s
                        SELECT l.status, upper(l.period) - 1 AS last_day, loc.today,
                               (SELECT min(d) FROM unnest(loc.lease_days) d
                                WHERE d >= (upper(l.period) - 1) - loc.today) AS applies
                        FROM leases l JOIN spaces s ON s.id = l.space_id JOIN loc ON loc.id = s.location_id
                        WHERE l.id = :id
                        """.formatted(LOCATIONS))
                .param("now", Messages.at(now))
                .param("id", message.subjectId())
                .query((rs, n) -> new State(
                        rs.getString("status"),
                        rs.getObject("last_day", LocalDate.class),
                        rs.getObject("today", LocalDate.class),
                        rs.getObject("applies", Integer.class)))
                .optional()
                .orElse(null);
        if (state == null) {
            return "the lease no longer exists";
        }
        if (state.status().equals("CANCELLED")) {
            return "the lease was cancelled";
        }
        String lastDay =
                DomainEvents.JSON.readTree(message.payload()).path("lastDay").asString("");
        if (state.lastDay() == null) {
            return "the lease no longer has an end";
        }
        if (!state.lastDay().toString().equals(lastDay)) {
            return "the lease's last day is now " + state.lastDay() + " (was " + lastDay + ")";
        }
        if (state.lastDay().isBefore(state.today())) {
            return "the lease has ended";
        }
        if (state.applies() == null || state.applies() != threshold) {
            return state.applies() == null
                    ? "no reminder applies any more"
                    : "superseded by the " + state.applies() + "-day reminder";
        }
        return null;
    }

    private @Nullable String invoiceNotDue(Message message, int threshold, Instant now) {
        record State(
                java.math.@Nullable BigDecimal outstanding,
                @Nullable Integer applies) {}
        State state = jdbc.sql("""
                        WITH %s
                        SELECT b.outstanding,
                               (SELECT max(d) FROM unnest(loc.overdue_days) d WHERE d <= loc.today - i.due_on) AS applies
                        FROM invoices i
                        JOIN loc ON loc.id = i.location_id
                        LEFT JOIN invoice_balances b
                          ON b.invoice_id = i.id AND b.member_id = i.member_id AND b.location_id = i.location_id
                        WHERE i.id = :id
                        """.formatted(LOCATIONS))
                .param("now", Messages.at(now))
                .param("id", message.subjectId())
                .query((rs, n) -> new State(rs.getBigDecimal("outstanding"), rs.getObject("applies", Integer.class)))
                .optional()
                .orElse(null);
        if (state == null) {
            return "the invoice no longer exists";
        }
        if (state.outstanding() == null || state.outstanding().signum() <= 0) {
            return "the invoice is paid";
        }
        if (state.applies() == null || state.applies() != threshold) {
            return state.applies() == null
                    ? "no reminder applies any more"
                    : "superseded by the " + state.applies() + "-day reminder";
        }
        return null;
    }
}
