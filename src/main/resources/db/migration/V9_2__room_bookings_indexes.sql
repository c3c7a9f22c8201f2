-- A room booking is charged on at most one BOOKING line: a unique partial index on invoice_lines, built with
-- CREATE INDEX CONCURRENTLY so that writes go on while it builds (invoice_lines can be large): this file runs
-- outside a transaction (V9_2__room_bookings_indexes.sql.conf: executeInTransaction=false). Dropped first if
-- present, so that after a failed run (an INVALID index left behind) the file can simply be applied again.
-- A line of a voided draft is deleted, which frees its booking for the next run; a BOOKING line credited by a
-- credit note stays, so a credited booking is never charged again.
--
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, prefer-robust-stmts, require-lock-timeout, require-statement-timeout
-- Reasons: as V5 — Flyway runs this file outside a transaction (see the .conf file), which squawk cannot
-- know; drop-then-create is the re-runnable form. Timeouts are set by the application; lock_timeout is
-- lifted for the concurrent build (which waits for running transactions) and put back at the end.

SELECT set_config('newplos.migration_lock_timeout', current_setting('lock_timeout'), false);
SET lock_timeout = 0;

DROP INDEX CONCURRENTLY IF EXISTS invoice_lines_booking_once;
CREATE UNIQUE INDEX CONCURRENTLY invoice_lines_booking_once
    ON invoice_lines (room_booking_id)
    WHERE kind = 'BOOKING';

SELECT set_config('lock_timeout', current_setting('newplos.migration_lock_timeout'), false);
