-- The audit log also records locations, plan memberships, lease rate changes, invoices, runs and payments.
-- The widened CHECKs are added NOT VALID (new rows are checked at once); V6_5 validates the old rows in a
-- transaction of its own, under a lock that lets writes go on.
--
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
-- Reasons: lock and statement timeouts are set for every migration session by the application.

ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_valid;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_valid CHECK (
    entity IN ('plan', 'space', 'member', 'lease', 'user', 'location', 'plan_membership', 'invoice',
               'invoice_run', 'payment')) NOT VALID;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_valid;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_valid CHECK (
    action IN ('created', 'updated', 'deleted', 'ended', 'cancelled', 'rate_changed', 'issued', 'voided',
               'credited', 'recorded', 'deposit_settled')) NOT VALID;
