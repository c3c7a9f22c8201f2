-- Test-only (reliability suite): a migration slow enough to kill the process in the middle of it.
CREATE TABLE reliability_slow_probe (id bigint PRIMARY KEY);
SELECT pg_sleep(6);
INSERT INTO reliability_slow_probe (id) VALUES (1);
