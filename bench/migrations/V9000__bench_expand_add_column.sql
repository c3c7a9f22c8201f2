-- Benchmark only (bench/run.sh, "migration under load"): the expand step of an expand/contract change,
-- applied by `newplos migrate` while lease writes run. A nullable column without a default is a catalog
-- change; the cost is the ACCESS EXCLUSIVE lock it must get behind in-flight writes (bounded by lock_timeout).
ALTER TABLE leases ADD COLUMN bench_external_ref text;
