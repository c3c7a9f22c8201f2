-- Contract step: every space has a location. The foreign key added NOT VALID by V6 is validated (a scan
-- under SHARE UPDATE EXCLUSIVE, which lets writes go on); NOT NULL is proved by the CHECK added by V6_1, validated here first,
-- so SET NOT NULL needs no second scan under its exclusive lock.
--
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
-- Reasons: lock and statement timeouts are set for every migration session by the application.

ALTER TABLE spaces VALIDATE CONSTRAINT spaces_location_id_fkey;
ALTER TABLE spaces VALIDATE CONSTRAINT spaces_location_id_not_null;
ALTER TABLE spaces ALTER COLUMN location_id SET NOT NULL;
ALTER TABLE spaces DROP CONSTRAINT spaces_location_id_not_null;
