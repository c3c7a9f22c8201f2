-- The audit log also records room bookings (issue 18): booked and cancelled, with who, in the transaction of
-- the change, as for leases. The widened CHECKs are added NOT VALID (new rows are checked at once); V10_1
-- validates the old rows in a transaction of its own, under a lock that lets writes go on.
--
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
-- Reasons: lock and statement timeouts are set for every migration session by the application.

ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_valid;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_valid CHECK (
    entity IN ('plan', 'space', 'member', 'lease', 'user', 'location', 'plan_membership', 'invoice',
               'invoice_run', 'payment', 'webhook_endpoint', 'message', 'booking')) NOT VALID;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_valid;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_valid CHECK (
    action IN ('created', 'updated', 'deleted', 'ended', 'cancelled', 'rate_changed', 'issued', 'voided',
               'credited', 'recorded', 'deposit_settled', 'retried', 'erased', 'booked')) NOT VALID;
