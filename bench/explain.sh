#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the key queries, with typical parameters, against database URL $1.
set -euo pipefail
psql "$1" -X -v ON_ERROR_STOP=1 <<'SQL'
\echo '=== availability: DESK, a 60-day period starting in 30 days'
EXPLAIN (ANALYZE, BUFFERS) SELECT s.id, s.code, s.name, s.type, s.capacity, s.monthly_rate, s.location, s.active, s.created_at, s.updated_at
 FROM spaces s
 WHERE s.active AND s.id > 0 AND ('DESK' IS NULL OR s.type = 'DESK')
   AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.space_id = s.id AND l.status <> 'CANCELLED'
                     AND l.period && daterange(current_date + 30, current_date + 90, '[)')
                     AND l.monthly_rate >= 0)
 ORDER BY s.id LIMIT 51;
\echo '=== lease create: the exclusion check probes the constraint index (rolled back)'
BEGIN;
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO leases (member_id, space_id, period, monthly_rate, deposit, notes)
 SELECT 1, s.id, daterange(date '2099-01-05', date '2099-01-12', '[)'), s.monthly_rate, 0, 'explain'
 FROM spaces s WHERE s.id = 17 RETURNING id;
ROLLBACK;
\echo '=== member fuzzy search: "Margret Nakamura"'
EXPLAIN (ANALYZE, BUFFERS) SELECT m.id, m.full_name, m.email FROM members m
 WHERE (m.full_name % 'Margret Nakamura' OR m.email % 'Margret Nakamura'
        OR m.full_name ILIKE '%Margret Nakamura%' OR m.email ILIKE '%Margret Nakamura%')
 ORDER BY greatest(similarity(m.full_name, 'Margret Nakamura'), similarity(m.email, 'Margret Nakamura')) DESC, m.id
 LIMIT 50;
\echo '=== dashboard: occupancy today'
EXPLAIN (ANALYZE, BUFFERS) WITH leased AS (
    SELECT DISTINCT l.space_id FROM leases l WHERE l.status <> 'CANCELLED' AND l.period @> current_date
                                            AND l.monthly_rate >= 0)
SELECT s.type, count(*) AS spaces, count(leased.space_id) AS leased
FROM spaces s LEFT JOIN leased ON leased.space_id = s.id WHERE s.active GROUP BY s.type ORDER BY s.type;
\echo '=== dashboard: MRR today'
EXPLAIN (ANALYZE, BUFFERS) SELECT lr.active_leases, lr.lease_revenue, pr.paying_members, pr.plan_revenue
FROM (SELECT count(*) AS active_leases, coalesce(sum(l.monthly_rate), 0) AS lease_revenue
      FROM leases l WHERE l.status <> 'CANCELLED' AND l.period @> current_date) lr,
     (SELECT count(*) AS paying_members,
             round(coalesce(sum(p.price / CASE p.billing_period WHEN 'QUARTERLY' THEN 3 WHEN 'YEARLY' THEN 12 ELSE 1 END), 0), 2) AS plan_revenue
      FROM members m JOIN plans p ON p.id = m.plan_id WHERE m.status = 'ACTIVE') pr;
\echo '=== single lease'
EXPLAIN (ANALYZE, BUFFERS) SELECT l.id, m.full_name, s.code, l.period FROM leases l
 JOIN members m ON m.id = l.member_id JOIN spaces s ON s.id = l.space_id WHERE l.id = 500000;
SQL
