-- Benchmark only: the index for the new column, built without blocking writes. CONCURRENTLY cannot run in
-- a transaction, hence V9001__bench_expand_index.sql.conf (executeInTransaction=false). Like V5, it may wait
-- for running transactions longer than the migration lock_timeout (which bounds how long writes queue
-- behind a lock, and a concurrent build blocks no writes), and it drops a leftover INVALID index first.
SET lock_timeout = 0;
DROP INDEX CONCURRENTLY IF EXISTS leases_bench_external_ref_idx;
CREATE INDEX CONCURRENTLY leases_bench_external_ref_idx ON leases (bench_external_ref);
