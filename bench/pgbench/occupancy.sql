-- Dashboard, part 1 (Reports.occupancy, GET /api/v1/reports/occupancy): occupancy today.
WITH leased AS (
    SELECT DISTINCT l.space_id FROM leases l
    WHERE l.status <> 'CANCELLED' AND l.period @> CAST(current_date AS date)
      AND l.monthly_rate >= 0)
SELECT s.type, count(*) AS spaces, count(leased.space_id) AS leased
FROM spaces s LEFT JOIN leased ON leased.space_id = s.id
WHERE s.active
GROUP BY s.type
ORDER BY s.type;
