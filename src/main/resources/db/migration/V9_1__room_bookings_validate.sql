-- Validates the CHECKs and the foreign key V9 added NOT VALID (SHARE UPDATE EXCLUSIVE: reads and writes go
-- on), and gives the replaced invoice line CHECKs back their old names.
--
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
-- Reasons: lock and statement timeouts are set for every migration session by the application.

ALTER TABLE locations VALIDATE CONSTRAINT locations_booking_settings_valid;
ALTER TABLE spaces VALIDATE CONSTRAINT spaces_hourly_rate_not_negative;
ALTER TABLE plans VALIDATE CONSTRAINT plans_room_credit_minutes_valid;
ALTER TABLE invoice_lines VALIDATE CONSTRAINT invoice_lines_room_booking_id_fkey;
ALTER TABLE invoice_lines VALIDATE CONSTRAINT invoice_lines_kind_valid_v9;
ALTER TABLE invoice_lines VALIDATE CONSTRAINT invoice_lines_sign_v9;
ALTER TABLE invoice_lines VALIDATE CONSTRAINT invoice_lines_booking_source;
ALTER TABLE invoice_lines RENAME CONSTRAINT invoice_lines_kind_valid_v9 TO invoice_lines_kind_valid;
ALTER TABLE invoice_lines RENAME CONSTRAINT invoice_lines_sign_v9 TO invoice_lines_sign;
