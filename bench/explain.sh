#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the key queries, with typical parameters, against database URL $1.
set -euo pipefail
psql "$1" -X -v ON_ERROR_STOP=1 <<'SQL'
\echo '=== availability: DESK, a 60-day period starting in 30 days'
EXPLAIN (ANALYZE, BUFFERS) SELECT s.id, s.code, s.name, s.type, s.capacity, s.monthly_rate, s.location, s.active, s.created_at, s.updated_at
 FROM spaces s
 WHERE s.active AND s.id > 0 AND ('DESK' IS NULL OR s.type = 'DESK')
   AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.space_id = s.id AND l.status <> 'CANCELLED'
                     AND coalesce(upper(l.period), 'infinity') > current_date + 30
                     AND lower(l.period) < coalesce(current_date + 90, 'infinity')
                   OFFSET 0)
 ORDER BY s.id LIMIT 51;
\echo '=== lease create: the exclusion check probes the constraint index (rolled back)'
BEGIN;
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO leases (member_id, space_id, period, monthly_rate, deposit, notes)
 SELECT 1, s.id, daterange(date '2099-01-05', date '2099-01-12', '[)'), s.monthly_rate, 0, 'explain'
 FROM spaces s WHERE s.id = 17 RETURNING id;
ROLLBACK;
\echo '=== member fuzzy search: "Margret Nakamura", name similarity at the first threshold (0.6)'
BEGIN;
SELECT set_config('pg_trgm.similarity_threshold', '0.6', true);
EXPLAIN (ANALYZE, BUFFERS) SELECT m.id, m.full_name, m.email, s.score, row_number() OVER (ORDER BY s.score DESC, m.id) AS place
 FROM members m CROSS JOIN LATERAL (SELECT greatest(similarity(m.full_name, 'Margret Nakamura'),
        CASE WHEN m.email ILIKE '%Margret Nakamura%' OR similarity(m.email, 'Margret Nakamura') >= CAST('0.8' AS float8)
             THEN similarity(m.email, 'Margret Nakamura') ELSE 0 END) AS score) s
 WHERE (m.full_name % 'Margret Nakamura' OR m.id = ANY('{}'))
 ORDER BY s.score DESC, m.id LIMIT 50;
COMMIT;
\echo '=== member fuzzy search: "member99", the members matched by email (0.8) or containing it'
BEGIN;
SELECT set_config('pg_trgm.similarity_threshold', '0.8', true);
EXPLAIN (ANALYZE, BUFFERS) SELECT coalesce(array_agg(c.id), '{}') AS ids FROM (SELECT m.id FROM members m
 WHERE (m.full_name ILIKE '%member99%' OR m.email ILIKE '%member99%' OR m.email % 'member99')
 ORDER BY greatest(similarity(m.full_name, 'member99'),
          CASE WHEN m.email ILIKE '%member99%' OR similarity(m.email, 'member99') >= CAST('0.8' AS float8)
               THEN similarity(m.email, 'member99') ELSE 0 END) DESC, m.id LIMIT 50) c;
COMMIT;
\echo '=== dashboard: occupancy today'
EXPLAIN (ANALYZE, BUFFERS) SELECT s.type, count(*) AS spaces, count(l.id) AS leased
FROM spaces s
LEFT JOIN leases l ON l.space_id = s.id AND l.status <> 'CANCELLED' AND l.period @> current_date
WHERE s.active GROUP BY s.type ORDER BY s.type;
\echo '=== dashboard: MRR today'
EXPLAIN (ANALYZE, BUFFERS) SELECT lr.active_leases, lr.lease_revenue, pr.paying_members, pr.plan_revenue
FROM (SELECT count(*) AS active_leases, coalesce(sum(l.monthly_rate), 0) AS lease_revenue
      FROM leases l WHERE l.status <> 'CANCELLED' AND l.period @> current_date) lr,
     (SELECT coalesce(sum(c.members), 0) AS paying_members,
             round(coalesce(sum(c.members * (p.price / CASE p.billing_period WHEN 'QUARTERLY' THEN 3 WHEN 'YEARLY' THEN 12 ELSE 1 END)), 0), 2) AS plan_revenue
      FROM plans p CROSS JOIN LATERAL (SELECT count(*) AS members FROM members m
            WHERE m.status = 'ACTIVE' AND m.plan_id IS NOT NULL AND m.plan_id = p.id) c) pr;
\echo '=== single lease'
EXPLAIN (ANALYZE, BUFFERS) SELECT l.id, m.full_name, s.code, l.period FROM leases l
 JOIN members m ON m.id = l.member_id JOIN spaces s ON s.id = l.space_id WHERE l.id = 500000;
SQL
