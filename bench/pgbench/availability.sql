-- Availability search (Availability.freeSpaces, GET /api/v1/spaces/available?from&to&type): the same
-- SQL, with a random period of 30-90 days starting in the next year and a random space type.
\set d random(0, 364)
\set len random(30, 90)
\set t random(1, 5)
SELECT s.id, s.code, s.name, s.type, s.capacity, s.monthly_rate, s.location, s.active, s.created_at, s.updated_at
 FROM spaces s
 WHERE s.active AND s.id > 0
   AND (CAST((ARRAY['DESK','OFFICE','STUDIO','LOCKER','MEETING_ROOM'])[:t] AS text) IS NULL OR s.type = (ARRAY['DESK','OFFICE','STUDIO','LOCKER','MEETING_ROOM'])[:t])
   AND NOT EXISTS (
       SELECT 1 FROM leases l
       WHERE l.space_id = s.id AND l.status <> 'CANCELLED'
         AND coalesce(upper(l.period), 'infinity') > CAST(current_date + CAST(:d AS integer) AS date)
         AND lower(l.period) < coalesce(CAST(current_date + CAST(:d AS integer) + CAST(:len AS integer) AS date), 'infinity')
       OFFSET 0)
 ORDER BY s.id
 LIMIT 51;
