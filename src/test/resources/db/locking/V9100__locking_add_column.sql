-- Test migration (MigrationLockTests): needs an ACCESS EXCLUSIVE lock on plans, like any ALTER TABLE.
ALTER TABLE plans ADD COLUMN locking_test_note text;
