-- Single lease (Leases.find, GET /api/v1/leases/{id}): a random existing id.
\set id random(1, :leases)
SELECT l.id, l.member_id, m.full_name AS member_name, l.space_id, s.code AS space_code,
       lower(l.period) AS start_day, upper(l.period) AS end_day, l.monthly_rate, l.deposit,
       l.status, l.notes, l.created_at, l.updated_at
 FROM leases l JOIN members m ON m.id = l.member_id JOIN spaces s ON s.id = l.space_id WHERE l.id = :id;
