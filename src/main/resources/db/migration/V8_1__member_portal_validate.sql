-- Validates the CHECKs V8 added NOT VALID (SHARE UPDATE EXCLUSIVE: reads and writes go on).
--
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
-- Reasons: lock and statement timeouts are set for every migration session by the application.

ALTER TABLE members VALIDATE CONSTRAINT members_billing_address_length;
ALTER TABLE members VALIDATE CONSTRAINT members_erased_have_left;
ALTER TABLE audit_log VALIDATE CONSTRAINT audit_log_action_valid;
