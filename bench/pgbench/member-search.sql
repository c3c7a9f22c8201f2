-- Fuzzy member search (Members.search, GET /api/v1/members?q=): the same SQL, with one of the same
-- misspelt or partial names and emails the wrk script sends.
\set i random(1, 12)
SELECT m.id, m.full_name, m.email, m.phone, m.company, m.status, m.plan_id, m.joined_on, m.notes, m.created_at, m.updated_at
 FROM members m WHERE (CAST(NULL AS text) IS NULL OR m.status = NULL)
   AND (CAST(NULL AS bigint) IS NULL OR m.plan_id = NULL)
   AND (CAST(NULL AS date) IS NULL OR EXISTS (
        SELECT 1 FROM leases l
        WHERE l.member_id = m.id AND l.status <> 'CANCELLED' AND l.period @> CAST(NULL AS date)))
   AND (CAST((ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i] AS text) IS NULL
        OR m.full_name % (ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i]
        OR m.email % (ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i]
        OR m.full_name ILIKE '%' || (ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i] || '%'
        OR m.email ILIKE '%' || (ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i] || '%')
 ORDER BY greatest(similarity(m.full_name, (ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i]),
                   similarity(m.email, (ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i])) DESC, m.id
 LIMIT 50;
