-- Benchmark only: the index for the new column, built without blocking writes. CONCURRENTLY cannot run in
-- a transaction, hence V9001__bench_expand_index.sql.conf (executeInTransaction=false).
CREATE INDEX CONCURRENTLY leases_bench_external_ref_idx ON leases (bench_external_ref);
