-- Validates the CHECKs V7 added NOT VALID (SHARE UPDATE EXCLUSIVE: reads and writes go on).
--
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
-- Reasons: lock and statement timeouts are set for every migration session by the application.

ALTER TABLE locations VALIDATE CONSTRAINT locations_sender_email_shape;
ALTER TABLE locations VALIDATE CONSTRAINT locations_reminder_days_valid;
ALTER TABLE audit_log VALIDATE CONSTRAINT audit_log_entity_valid;
ALTER TABLE audit_log VALIDATE CONSTRAINT audit_log_action_valid;
