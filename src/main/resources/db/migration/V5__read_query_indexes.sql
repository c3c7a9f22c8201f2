-- Indexes for the read queries measured at 1M leases / 100k members (docs/benchmarks.md, "Query work").
-- Built with CREATE INDEX CONCURRENTLY so that writes go on while they build (leases and members can be
-- large): this file runs outside a transaction (V5__read_query_indexes.sql.conf: executeInTransaction=false).
-- Each index is dropped first if present, so that after a failed run (a CONCURRENTLY build that gave up
-- leaves an INVALID index behind) the file can simply be applied again.
--
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, prefer-robust-stmts, require-lock-timeout, require-statement-timeout
-- Reasons: Flyway runs this file outside a transaction (see the .conf file), which squawk cannot know
-- (.squawk.toml assumes one); drop-then-create is the re-runnable form here, since CREATE INDEX IF NOT
-- EXISTS would keep an INVALID index. Lock and statement timeouts are set for every migration session
-- by the application (database/Migrations).

-- A concurrent build never blocks writes (its lock conflicts only with schema changes and VACUUM), but it
-- waits for the transactions already running. So it may wait longer than the migration lock_timeout, which
-- exists to bound how long writes queue behind a lock: up to statement_timeout. The session's
-- lock_timeout is put back at the end, for the migrations that follow in the same run.
SELECT set_config('newplos.migration_lock_timeout', current_setting('lock_timeout'), false);
SET lock_timeout = 0;

-- Availability: "is this space let at any time in [start, end)?" is one probe per space, by space and end
-- day; period is included so that the probe reads the index only.
DROP INDEX CONCURRENTLY IF EXISTS leases_space_end_idx;
CREATE INDEX CONCURRENTLY leases_space_end_idx
    ON leases (space_id, coalesce(upper(period), 'infinity')) INCLUDE (period)
    WHERE status <> 'CANCELLED';

-- Monthly recurring revenue: active members with a plan, counted per plan from the index alone.
DROP INDEX CONCURRENTLY IF EXISTS members_paying_plan_idx;
CREATE INDEX CONCURRENTLY members_paying_plan_idx
    ON members (plan_id)
    WHERE status = 'ACTIVE' AND plan_id IS NOT NULL;

-- The member list sorted by name, page after page (MemberSort.NAME: lower(full_name), id).
DROP INDEX CONCURRENTLY IF EXISTS members_name_sort_idx;
CREATE INDEX CONCURRENTLY members_name_sort_idx
    ON members (lower(full_name), id);

SELECT set_config('lock_timeout', current_setting('newplos.migration_lock_timeout'), false);
