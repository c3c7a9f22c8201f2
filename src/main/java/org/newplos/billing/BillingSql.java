package org.newplos.billing;

/** The SQL that reads leases and plan memberships for billing, in one place. */
final class BillingSql {

    private BillingSql() {}

    /** Rate changes of lease {@code l} as {@code from,to,rate;…}. */
    private static final String RATE_CHANGES = """
            (SELECT string_agg(lower(r.period) || ',' || coalesce(upper(r.period)::text, '') || ',' || r.monthly_rate,
                               ';' ORDER BY lower(r.period))
             FROM lease_rates r WHERE r.lease_id = l.id)""";

    /**
     * Every lease and plan membership of a location with something to bill up to {@code :asOf}, grouped by
     * member. Billing progress lets a run skip what an earlier run finished, so a re-run reads next to nothing.
     * Then ('B') every room booking with a charge that started before the as-of day (the location's midnight)
     * and is on no BOOKING line yet (charge_line_id null, read through a partial index of exactly those): its
     * amount was fixed at booking and is billed as it is.
     */
    static final String DUE_SOURCES = """
            SELECT 'L' AS source, l.id AS source_id, l.member_id, m.full_name, m.email, m.company, l.status,
                   lower(l.period) AS start_day, upper(l.period) AS end_day, 1 AS period_months,
                   l.monthly_rate AS base_rate, %s AS rate_changes,
                   'Rent ' || s.code || ' (' || s.name || ')' AS label,
                   (SELECT range_agg(il.active_days) FROM invoice_lines il
                    WHERE il.lease_id = l.id AND il.kind = 'RENT')::text AS billed,
                   l.deposit,
                   dep.amount AS deposit_billed, coalesce(dep.issued, false) AS deposit_issued,
                   EXISTS (SELECT 1 FROM invoice_lines r WHERE r.lease_id = l.id AND r.kind = 'DEPOSIT_REFUND')
                       AS deposit_refunded,
                   ds.kept AS deposit_kept, ds.reason AS deposit_kept_reason
            FROM leases l
            JOIN spaces s ON s.id = l.space_id
            JOIN members m ON m.id = l.member_id
            LEFT JOIN billing_progress p ON p.lease_id = l.id
            LEFT JOIN deposit_settlements ds ON ds.lease_id = l.id
            LEFT JOIN LATERAL (
                SELECT d.amount, i.status = 'ISSUED' AS issued
                FROM invoice_lines d JOIN invoices i ON i.id = d.invoice_id
                WHERE d.lease_id = l.id AND d.kind = 'DEPOSIT') dep ON true
            WHERE s.location_id = :location
              AND ((p.lease_id IS NULL AND l.status <> 'CANCELLED' AND lower(l.period) <= :asOf
                    AND coalesce(upper(l.period), 'infinity') > coalesce(CAST(:billingStartsOn AS date), '-infinity'))
                   OR (l.status <> 'CANCELLED' AND p.billed_through <= :asOf
                       AND p.billed_through < coalesce(upper(l.period), 'infinity'))
                   OR (p.deposit_issued AND NOT p.deposit_closed
                       AND (l.status = 'CANCELLED' OR upper(l.period) <= :asOf)))
            UNION ALL
            SELECT 'P', pm.id, pm.member_id, m.full_name, m.email, m.company, 'ACTIVE',
                   lower(pm.period), upper(pm.period), pm.period_months, pm.price, NULL,
                   'Plan ' || pl.name,
                   (SELECT range_agg(il.active_days) FROM invoice_lines il
                    WHERE il.plan_membership_id = pm.id AND il.kind = 'PLAN')::text,
                   0, NULL, false, false, NULL, NULL
            FROM plan_memberships pm
            JOIN plans pl ON pl.id = pm.plan_id
            JOIN members m ON m.id = pm.member_id
            LEFT JOIN billing_progress p ON p.plan_membership_id = pm.id
            WHERE pm.location_id = :location
              AND ((p.plan_membership_id IS NULL AND lower(pm.period) <= :asOf
                    AND coalesce(upper(pm.period), 'infinity') > coalesce(CAST(:billingStartsOn AS date), '-infinity'))
                   OR (p.billed_through <= :asOf AND p.billed_through < coalesce(upper(pm.period), 'infinity')))
            UNION ALL
            SELECT 'B', b.id, b.member_id, m.full_name, m.email, m.company, b.status,
                   CAST(lower(b.slot) AT TIME ZONE loc.time_zone AS date),
                   CAST(lower(b.slot) AT TIME ZONE loc.time_zone AS date) + 1, 1, b.amount, NULL,
                   upper(left(replace(lower(s.type), '_', ' '), 1)) || substr(replace(lower(s.type), '_', ' '), 2)
                       || ' ' || s.code || ', '
                       || to_char(lower(b.slot) AT TIME ZONE loc.time_zone, 'YYYY-MM-DD HH24:MI') || '–'
                       || to_char(upper(b.slot) AT TIME ZONE loc.time_zone, 'HH24:MI') || ' local, '
                       || b.charged_minutes || ' of ' || (b.credit_minutes + b.charged_minutes) || ' min charged'
                       || CASE WHEN b.status = 'LATE_CANCELLED' THEN ' (cancelled late)' ELSE '' END,
                   NULL, 0, NULL, false, false, NULL, NULL
            FROM room_bookings b
            JOIN locations loc ON loc.id = b.location_id
            JOIN spaces s ON s.id = b.space_id
            JOIN members m ON m.id = b.member_id
            WHERE b.location_id = :location AND b.status <> 'CANCELLED' AND b.charged_minutes > 0 AND b.amount > 0
              AND b.charge_line_id IS NULL
              AND lower(b.slot) < (CAST(:asOf AS date)::timestamp AT TIME ZONE loc.time_zone)
              AND NOT EXISTS (SELECT 1 FROM invoice_lines il WHERE il.room_booking_id = b.id AND il.kind = 'BOOKING')
            ORDER BY member_id, source, source_id
            """.formatted(RATE_CHANGES);

    /** One lease's terms for correcting what was billed: location, status, days, rate and rate changes. */
    static final String LEASE_TERMS = """
            SELECT l.id, l.member_id, s.location_id, l.status, lower(l.period) AS start_day, upper(l.period) AS end_day,
                   l.monthly_rate, %s AS rate_changes
            FROM leases l JOIN spaces s ON s.id = l.space_id
            WHERE l.id = :id
            """.formatted(RATE_CHANGES);

    /** One plan membership's terms for correcting what was billed. */
    static final String MEMBERSHIP_TERMS = """
            SELECT member_id, location_id, lower(period) AS start_day, upper(period) AS end_day, price, period_months
            FROM plan_memberships WHERE id = :id
            """;

    /** What is still billed of a source, for corrections: RENT or PLAN lines with days left. */
    static final String BILLED_LINES = """
            SELECT il.id, i.status, i.location_id, lower(il.service_period) AS period_start,
                   upper(il.service_period) AS period_end, lower(il.billed) AS billed_from, upper(il.billed) AS billed_to,
                   il.active_days::text AS active_days, il.monthly_rate, il.rate_offset, il.description
            FROM invoice_lines il JOIN invoices i ON i.id = il.invoice_id
            WHERE il.%s = :id AND il.kind = '%s' AND NOT isempty(il.active_days)
            ORDER BY lower(il.billed)
            FOR UPDATE OF il
            """;
}
