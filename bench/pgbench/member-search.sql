-- Fuzzy member search (MemberSearch.find, GET /api/v1/members?q=): the same statements in the same
-- transaction, with one of the same misspelt or partial names and emails the wrk script sends (limit 50,
-- the API's default; status, plan and lease filters not set). First the text (q, and pattern: q escaped
-- for LIKE, between %); then the members matched by email (similarity 0.8) or containing the text; then
-- members with a similar name at thresholds 0.6, 0.5, 0.4 and 0.3 in turn, until 50 members score at
-- least the threshold (Members.search's rule; \aset keeps the last row's place and score).
\set i random(1, 12)
SELECT x.q, '%' || replace(replace(replace(x.q, '\', '\\'), '%', '\%'), '_', '\_') || '%' AS pattern
 FROM (SELECT (ARRAY['Margret Nakamura','Siobahn Okafor','Bartholomew Fitzgerld','Joaquin Muller','Priya Tanka','Ximena Quinteros','member4242@example','Hugo Duboi','Grace Lindqvst','zoe zimerman','member99','Elif Yilmas'])[:i] AS q) x \gset
BEGIN READ ONLY;
SELECT set_config('pg_trgm.similarity_threshold', '0.8', true);
SELECT coalesce(array_agg(c.id), '{}') AS ids FROM (SELECT m.id FROM members m WHERE (m.full_name ILIKE :pattern OR m.email ILIKE :pattern OR m.email % :q) AND (CAST(NULL AS text) IS NULL OR m.status = NULL)
AND (CAST(NULL AS bigint) IS NULL OR m.plan_id = NULL)
AND (CAST(NULL AS date) IS NULL OR EXISTS (
        SELECT 1 FROM leases l
        WHERE l.member_id = m.id AND l.status <> 'CANCELLED' AND l.period @> CAST(NULL AS date)))
 ORDER BY greatest(similarity(m.full_name, :q), CASE WHEN m.email ILIKE :pattern OR similarity(m.email, :q) >= CAST('0.8' AS float8) THEN similarity(m.email, :q) ELSE 0 END) DESC, m.id LIMIT 50) c \gset
SELECT set_config('pg_trgm.similarity_threshold', '0.6', true);
\set place 0
SELECT m.id, m.full_name, m.email, m.phone, m.company, m.status, m.plan_id, m.joined_on, m.notes, m.created_at, m.updated_at, s.score, row_number() OVER (ORDER BY s.score DESC, m.id) AS place FROM members m CROSS JOIN LATERAL (SELECT greatest(similarity(m.full_name, :q), CASE WHEN m.email ILIKE :pattern OR similarity(m.email, :q) >= CAST('0.8' AS float8) THEN similarity(m.email, :q) ELSE 0 END) AS score) s WHERE (m.full_name % :q OR m.id = ANY(:ids)) AND (CAST(NULL AS text) IS NULL OR m.status = NULL)
AND (CAST(NULL AS bigint) IS NULL OR m.plan_id = NULL)
AND (CAST(NULL AS date) IS NULL OR EXISTS (
        SELECT 1 FROM leases l
        WHERE l.member_id = m.id AND l.status <> 'CANCELLED' AND l.period @> CAST(NULL AS date)))
 ORDER BY s.score DESC, m.id LIMIT 50 \aset
\if :place < 50 or :score < 0.6
    SELECT set_config('pg_trgm.similarity_threshold', '0.5', true);
    \set place 0
    SELECT m.id, m.full_name, m.email, m.phone, m.company, m.status, m.plan_id, m.joined_on, m.notes, m.created_at, m.updated_at, s.score, row_number() OVER (ORDER BY s.score DESC, m.id) AS place FROM members m CROSS JOIN LATERAL (SELECT greatest(similarity(m.full_name, :q), CASE WHEN m.email ILIKE :pattern OR similarity(m.email, :q) >= CAST('0.8' AS float8) THEN similarity(m.email, :q) ELSE 0 END) AS score) s WHERE (m.full_name % :q OR m.id = ANY(:ids)) AND (CAST(NULL AS text) IS NULL OR m.status = NULL)
    AND (CAST(NULL AS bigint) IS NULL OR m.plan_id = NULL)
    AND (CAST(NULL AS date) IS NULL OR EXISTS (
            SELECT 1 FROM leases l
            WHERE l.member_id = m.id AND l.status <> 'CANCELLED' AND l.period @> CAST(NULL AS date)))
     ORDER BY s.score DESC, m.id LIMIT 50 \aset
    \if :place < 50 or :score < 0.5
        SELECT set_config('pg_trgm.similarity_threshold', '0.4', true);
        \set place 0
        SELECT m.id, m.full_name, m.email, m.phone, m.company, m.status, m.plan_id, m.joined_on, m.notes, m.created_at, m.updated_at, s.score, row_number() OVER (ORDER BY s.score DESC, m.id) AS place FROM members m CROSS JOIN LATERAL (SELECT greatest(similarity(m.full_name, :q), CASE WHEN m.email ILIKE :pattern OR similarity(m.email, :q) >= CAST('0.8' AS float8) THEN similarity(m.email, :q) ELSE 0 END) AS score) s WHERE (m.full_name % :q OR m.id = ANY(:ids)) AND (CAST(NULL AS text) IS NULL OR m.status = NULL)
        AND (CAST(NULL AS bigint) IS NULL OR m.plan_id = NULL)
        AND (CAST(NULL AS date) IS NULL OR EXISTS (
                SELECT 1 FROM leases l
                WHERE l.member_id = m.id AND l.status <> 'CANCELLED' AND l.period @> CAST(NULL AS date)))
         ORDER BY s.score DESC, m.id LIMIT 50 \aset
        \if :place < 50 or :score < 0.4
            SELECT set_config('pg_trgm.similarity_threshold', '0.3', true);
            \set place 0
            SELECT m.id, m.full_name, m.email, m.phone, m.company, m.status, m.plan_id, m.joined_on, m.notes, m.created_at, m.updated_at, s.score, row_number() OVER (ORDER BY s.score DESC, m.id) AS place FROM members m CROSS JOIN LATERAL (SELECT greatest(similarity(m.full_name, :q), CASE WHEN m.email ILIKE :pattern OR similarity(m.email, :q) >= CAST('0.8' AS float8) THEN similarity(m.email, :q) ELSE 0 END) AS score) s WHERE (m.full_name % :q OR m.id = ANY(:ids)) AND (CAST(NULL AS text) IS NULL OR m.status = NULL)
            AND (CAST(NULL AS bigint) IS NULL OR m.plan_id = NULL)
            AND (CAST(NULL AS date) IS NULL OR EXISTS (
                    SELECT 1 FROM leases l
                    WHERE l.member_id = m.id AND l.status <> 'CANCELLED' AND l.period @> CAST(NULL AS date)))
             ORDER BY s.score DESC, m.id LIMIT 50 \aset
        \endif
    \endif
\endif
COMMIT;
