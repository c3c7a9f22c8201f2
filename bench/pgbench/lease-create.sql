-- Lease create (Leasing.book, POST /api/v1/leases): the same statements in the same transaction —
-- the insert (the exclusion constraint checks the overlap) answering the lease with its member's name
-- and space's code in one statement, then the audit insert, then the outbox insert of its 'lease booked'
-- email (notifications/DomainEvents + Messages: one statement, fanned out per channel) — and the commit. One-week periods in random
-- weeks of the years 10000 to ~105000 on random spaces, so that conflicts are (almost) impossible; the
-- API run books in 2600-9999 (dates in JSON have four-digit years). No ':name' in literals or '::type' casts:
-- pgbench would read them as variables. Spaces whose id is a multiple of 5 hold demo-data's open-ended leases (taken for ever): skipped.
\set k random(0, :spaces / 5 - 1)
\set r random(1, 4)
\set space 5 * :k + :r
\set member random(1, :members)
\set week random(0, 5000000)
BEGIN;
WITH l AS (
    INSERT INTO leases (member_id, space_id, period, monthly_rate, deposit, notes)
    SELECT :member, s.id, daterange(date '10000-01-03' + 7 * :week, date '10000-01-03' + 7 * :week + 7, '[)'),
           coalesce(CAST(NULL AS numeric), s.monthly_rate), 0, 'bench'
    FROM spaces s WHERE s.id = :space
    RETURNING *)
SELECT l.id, l.member_id, m.full_name AS member_name, l.space_id, s.code AS space_code,
       lower(l.period) AS start_day, upper(l.period) AS end_day, l.monthly_rate, l.deposit,
       l.status, l.notes, l.created_at, l.updated_at
 FROM l JOIN members m ON m.id = l.member_id JOIN spaces s ON s.id = l.space_id \gset
INSERT INTO audit_log (actor, entity, entity_id, action, changes)
 VALUES ('bench@example.com', 'lease', :id, 'created', CAST('[{"field": "id", "before": null, "after": "1"},{"field": "memberId", "before": null, "after": "1"},{"field": "memberName", "before": null, "after": "Anna Andersen"},{"field": "spaceId", "before": null, "after": "1"},{"field": "spaceCode", "before": null, "after": "D-1"},{"field": "start", "before": null, "after": "2100-01-04"},{"field": "end", "before": null, "after": "2100-01-11"},{"field": "monthlyRate", "before": null, "after": "300.00"},{"field": "deposit", "before": null, "after": "0"},{"field": "status", "before": null, "after": "ACTIVE"},{"field": "notes", "before": null, "after": "bench"}]' AS jsonb));
WITH e AS (
    SELECT CAST('lease.booked' AS text) AS event_type, CAST('lease.booked:' || :id AS text) AS dedup_base,
           loc.id AS location_id, m.id AS member_id, CASE WHEN true THEN m.email END AS recipient,
           'lease' AS subject_type, l.id AS subject_id, CAST(NULL AS integer) AS threshold_days,
           jsonb_build_object('id', l.id, 'status', l.status, 'memberId', m.id, 'memberName', m.full_name,
                              'spaceId', s.id, 'spaceCode', s.code, 'spaceName', s.name, 'location', loc.code,
                              'start', lower(l.period), 'end', upper(l.period), 'lastDay', upper(l.period) - 1,
                              'monthlyRate', l.monthly_rate, 'deposit', l.deposit, 'currency', loc.currency) AS payload
    FROM leases l JOIN spaces s ON s.id = l.space_id JOIN locations loc ON loc.id = s.location_id
    JOIN members m ON m.id = l.member_id WHERE l.id = :id),
targets AS (
    SELECT e.*, 'EMAIL' AS channel, CAST(NULL AS bigint) AS endpoint_id, e.recipient AS address,
           e.dedup_base || ':' || 'email' AS dedup_key
    FROM e WHERE e.recipient IS NOT NULL AND btrim(e.recipient) <> ''
    UNION ALL
    SELECT e.*, 'WEBHOOK', w.id, NULL, e.dedup_base || ':' || 'webhook' || ':' || w.id
    FROM e JOIN webhook_endpoints w ON w.enabled AND w.deleted_at IS NULL AND e.event_type = ANY (w.event_types))
INSERT INTO outbox (channel, event_type, dedup_key, endpoint_id, recipient, location_id, member_id,
                    subject_type, subject_id, threshold_days, payload, traceparent)
SELECT DISTINCT ON (dedup_key) channel, event_type, dedup_key, endpoint_id, address, location_id,
       member_id, subject_type, subject_id, threshold_days, payload, NULL
FROM targets
ON CONFLICT (dedup_key) DO UPDATE
    SET status = 'PENDING', attempts = 0, due_at = now(), last_error = NULL, claimed_by = NULL,
        payload = EXCLUDED.payload
    WHERE outbox.status = 'SKIPPED';
COMMIT;
