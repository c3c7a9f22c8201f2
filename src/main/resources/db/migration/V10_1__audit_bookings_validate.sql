-- Validates the audit_log CHECKs widened by V10 (SHARE UPDATE EXCLUSIVE: reads and writes go on).
--
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
-- Reasons: lock and statement timeouts are set for every migration session by the application.

ALTER TABLE audit_log VALIDATE CONSTRAINT audit_log_entity_valid;
ALTER TABLE audit_log VALIDATE CONSTRAINT audit_log_action_valid;
