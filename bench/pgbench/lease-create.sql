-- Lease create (Leasing.book, POST /api/v1/leases): the same statements in the same transaction —
-- the insert (the exclusion constraint checks the overlap) answering the lease with its member's name
-- and space's code in one statement, then the audit insert — and the commit. One-week periods in random
-- weeks of the years 10000 to ~105000 on random spaces, so that conflicts are (almost) impossible; the
-- API run books in 2600-9999 (dates in JSON have four-digit years). Spaces whose id is a multiple of 5 hold demo-data's open-ended leases (taken for ever): skipped.
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
COMMIT;
