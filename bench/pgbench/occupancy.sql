-- Dashboard, part 1 (Reports.occupancy, GET /api/v1/reports/occupancy): occupancy today.
SELECT s.type, count(*) AS spaces, count(l.id) AS leased
FROM spaces s
LEFT JOIN leases l ON l.space_id = s.id AND l.status <> 'CANCELLED'
                  AND l.period @> CAST(current_date AS date)
WHERE s.active
GROUP BY s.type
ORDER BY s.type;
