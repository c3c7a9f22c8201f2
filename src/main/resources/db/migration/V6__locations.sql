-- Locations: the billing context of every space (time zone, currency, invoice numbers, VAT, payment terms,
-- the legal lines printed on invoices, and the lock date that closes the books up to a day).
-- Expand step of moving spaces into locations: the new table, one default location, and a nullable
-- spaces.location_id without a table rewrite. V6_1 backfills it, V6_2 makes it required.
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, require-lock-timeout, require-statement-timeout, prefer-bigint-over-int
-- Reasons: payment_terms_days counts days (at most 365), for which integer is plenty; the indexes here are on a table created in this same migration (empty, no traffic), and Flyway
-- runs the file in one transaction. Lock and statement timeouts are set for every migration session by the
-- application (database/Migrations).

CREATE TABLE locations (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               text          NOT NULL,
    name               text          NOT NULL,
    time_zone          text          NOT NULL DEFAULT 'UTC',
    currency           text          NOT NULL DEFAULT 'EUR',
    invoice_prefix     text          NOT NULL,
    default_vat_rate   numeric(5, 2) NOT NULL DEFAULT 0,
    payment_terms_days integer       NOT NULL DEFAULT 14,
    legal_lines        text          NOT NULL DEFAULT '',
    -- Service days before this day were billed outside Newplos (e.g. by the previous system); null: bill
    -- every lease and plan membership from its first day.
    billing_starts_on  date,
    -- Nothing dated on or before this day can be created, changed or credited (closed books).
    lock_date          date,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT locations_code_key UNIQUE (code),
    CONSTRAINT locations_code_shape CHECK (code ~ '^[A-Z0-9]{2,10}$'),
    CONSTRAINT locations_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT locations_currency_shape CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT locations_invoice_prefix_shape CHECK (invoice_prefix ~ '^[A-Z0-9]{1,10}$'),
    CONSTRAINT locations_default_vat_rate_valid CHECK (default_vat_rate >= 0 AND default_vat_rate <= 100),
    CONSTRAINT locations_payment_terms_valid CHECK (payment_terms_days BETWEEN 0 AND 365)
);

CREATE TRIGGER locations_touch_updated_at BEFORE UPDATE ON locations
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- The default location every existing space moves to. Billing starts with the month of the upgrade, so
-- that history billed before Newplos is not billed again; an admin can move the day.
INSERT INTO locations (code, name, invoice_prefix, billing_starts_on)
VALUES ('MAIN', 'Main location', 'MAIN', date_trunc('month', current_date)::date);

-- New spaces without a location go to the first one (the default above).
CREATE FUNCTION default_location_id() RETURNS bigint
    LANGUAGE sql STABLE AS
$$
SELECT id FROM locations ORDER BY id LIMIT 1
$$;

-- Nullable, no default yet: adding it does not rewrite spaces.
ALTER TABLE spaces ADD COLUMN location_id bigint;
-- Only rows inserted from now on use the default; existing rows are backfilled by V6_1.
ALTER TABLE spaces ALTER COLUMN location_id SET DEFAULT default_location_id();
ALTER TABLE spaces
    ADD CONSTRAINT spaces_location_id_fkey FOREIGN KEY (location_id) REFERENCES locations (id) NOT VALID;
