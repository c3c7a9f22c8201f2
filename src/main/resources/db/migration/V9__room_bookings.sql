-- Room bookings (issue J, part B): members and staff book bookable spaces (meeting rooms and the like) by the
-- hour. A location gains booking settings and opening hours (per ISO weekday, local times in its time zone);
-- a space an hourly rate (null: not bookable); a plan room credit per billing period (minutes). Bookings use
-- the member's credits first (one grant per plan membership and billing period, created on first use); the
-- rest is charged at the room's hourly rate, fixed at booking, and invoiced by the next run on a BOOKING line.
-- The rules that keep this right live here:
--   * a room is never booked twice at once (exclusion constraint on the BOOKED bookings' slots);
--   * a credit balance never goes below zero (used_minutes BETWEEN 0 AND granted_minutes);
--   * every minute of a booking is either credit or charged, and the amount is fixed with it;
--   * a booking is charged on at most one invoice line (unique index, V9_2).
--
-- Expand only: new tables, new nullable columns or columns with constant defaults on existing tables (no
-- rewrite). The CHECKs on existing tables are added NOT VALID (new rows are checked at once); V9_1 validates
-- them in a transaction of its own, under a lock that lets writes go on.
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, require-lock-timeout, require-statement-timeout, prefer-bigint-over-int, prefer-bigint-over-smallint
-- Reasons: the indexes here are on tables created in this same migration (empty, no traffic), the index on
-- invoice_lines is built concurrently by V9_2, and Flyway runs the file in one transaction; lock and
-- statement timeouts are set for every migration session by the application (database/Migrations);
-- integers here count minutes, days or weekdays.

-- How a location's rooms are booked: slots start and end on multiples of slot_minutes (from midnight, local
-- time); a booking lasts between min and max minutes; members may cancel until cancel_cutoff_minutes before
-- the start; nothing is booked more than horizon_days ahead.
ALTER TABLE locations ADD COLUMN booking_slot_minutes integer NOT NULL DEFAULT 30;
ALTER TABLE locations ADD COLUMN booking_min_minutes integer NOT NULL DEFAULT 30;
ALTER TABLE locations ADD COLUMN booking_max_minutes integer NOT NULL DEFAULT 480;
ALTER TABLE locations ADD COLUMN booking_cancel_cutoff_minutes integer NOT NULL DEFAULT 120;
ALTER TABLE locations ADD COLUMN booking_horizon_days integer NOT NULL DEFAULT 90;
ALTER TABLE locations ADD CONSTRAINT locations_booking_settings_valid
    CHECK (booking_slot_minutes IN (5, 10, 15, 20, 30, 60)
           AND booking_min_minutes BETWEEN booking_slot_minutes AND booking_max_minutes
           AND booking_min_minutes % booking_slot_minutes = 0
           AND booking_max_minutes % booking_slot_minutes = 0
           AND booking_max_minutes <= 1440
           AND booking_cancel_cutoff_minutes BETWEEN 0 AND 10080
           AND booking_horizon_days BETWEEN 1 AND 730) NOT VALID;

-- When a location is open, per ISO weekday (1 = Monday … 7 = Sunday), in its own time zone; a weekday
-- without a row is closed. One opening per day.
CREATE TABLE opening_hours (
    location_id bigint   NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    weekday     smallint NOT NULL,
    opens       time     NOT NULL,
    closes      time     NOT NULL,
    CONSTRAINT opening_hours_pkey PRIMARY KEY (location_id, weekday),
    CONSTRAINT opening_hours_weekday_valid CHECK (weekday BETWEEN 1 AND 7),
    CONSTRAINT opening_hours_order CHECK (opens < closes)
);

-- Existing locations open Monday to Friday, 08:00–18:00; so does every new location until staff change it.
INSERT INTO opening_hours (location_id, weekday, opens, closes)
SELECT l.id, d, '08:00', '18:00' FROM locations l CROSS JOIN generate_series(1, 5) d;

CREATE FUNCTION locations_default_opening_hours() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO opening_hours (location_id, weekday, opens, closes)
    SELECT NEW.id, d, '08:00', '18:00' FROM generate_series(1, 5) d;
    RETURN NULL;
END;
$$;

CREATE TRIGGER locations_default_opening_hours AFTER INSERT ON locations
    FOR EACH ROW EXECUTE FUNCTION locations_default_opening_hours();

-- The price of an hour of a bookable space; null: the space is not booked by the hour.
ALTER TABLE spaces ADD COLUMN hourly_rate numeric(12, 2);
ALTER TABLE spaces ADD CONSTRAINT spaces_hourly_rate_not_negative
    CHECK (hourly_rate IS NULL OR hourly_rate >= 0) NOT VALID;

-- Room time a plan includes per billing period, in minutes (0: none).
ALTER TABLE plans ADD COLUMN room_credit_minutes integer NOT NULL DEFAULT 0;
ALTER TABLE plans ADD CONSTRAINT plans_room_credit_minutes_valid
    CHECK (room_credit_minutes BETWEEN 0 AND 100000) NOT VALID;

-- A member's room credit for one billing period of one plan membership: granted from the plan when first
-- used, spent by bookings, given back by cancellations before the cut-off. Gone with its period.
CREATE TABLE credit_grants (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id          bigint      NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
    plan_membership_id bigint      NOT NULL REFERENCES plan_memberships (id) ON DELETE RESTRICT,
    period             daterange   NOT NULL,
    granted_minutes    integer     NOT NULL,
    used_minutes       integer     NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credit_grants_period_valid
        CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)
               AND lower_inc(period) AND NOT upper_inc(period)),
    CONSTRAINT credit_grants_granted_not_negative CHECK (granted_minutes >= 0),
    -- The balance (granted − used) never goes below zero, whatever the application does.
    CONSTRAINT credit_grants_balance_not_negative CHECK (used_minutes BETWEEN 0 AND granted_minutes),
    CONSTRAINT credit_grants_one_per_period UNIQUE (plan_membership_id, period)
);

CREATE INDEX credit_grants_member_idx ON credit_grants (member_id, period);

CREATE TABLE room_bookings (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    space_id        bigint         NOT NULL REFERENCES spaces (id) ON DELETE RESTRICT,
    member_id       bigint         NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
    -- The location whose books and VAT the charge goes to (the space's when booked).
    location_id     bigint         NOT NULL REFERENCES locations (id) ON DELETE RESTRICT,
    slot            tstzrange      NOT NULL,
    -- BOOKED; CANCELLED (before the cut-off: credits given back, nothing charged); LATE_CANCELLED (by staff
    -- after the cut-off: the room is free again, the booking is charged as booked).
    status          text           NOT NULL DEFAULT 'BOOKED',
    grant_id        bigint         REFERENCES credit_grants (id) ON DELETE RESTRICT,
    credit_minutes  integer        NOT NULL,
    charged_minutes integer        NOT NULL,
    hourly_rate     numeric(12, 2) NOT NULL,
    amount          numeric(12, 2) NOT NULL,
    booked_by       text           NOT NULL,
    cancelled_by    text,
    -- The BOOKING line that charges it (set by the invoice run; a voided draft's deleted line sets it back to
    -- null, so the next run charges the booking again). Lets a run read only what is still to charge.
    charge_line_id  bigint         REFERENCES invoice_lines (id) ON DELETE SET NULL,
    created_at      timestamptz    NOT NULL DEFAULT now(),
    cancelled_at    timestamptz,
    CONSTRAINT room_bookings_slot_valid
        CHECK (NOT isempty(slot) AND NOT lower_inf(slot) AND NOT upper_inf(slot)
               AND lower_inc(slot) AND NOT upper_inc(slot)),
    CONSTRAINT room_bookings_status_valid CHECK (status IN ('BOOKED', 'CANCELLED', 'LATE_CANCELLED')),
    CONSTRAINT room_bookings_cancelled_complete CHECK ((status = 'BOOKED') = (cancelled_at IS NULL)),
    CONSTRAINT room_bookings_minutes_add_up CHECK (
        credit_minutes >= 0 AND charged_minutes >= 0
        AND (credit_minutes + charged_minutes) * 60 = extract(epoch FROM upper(slot) - lower(slot))),
    CONSTRAINT room_bookings_credit_has_grant CHECK (credit_minutes = 0 OR grant_id IS NOT NULL),
    CONSTRAINT room_bookings_amounts_not_negative CHECK (hourly_rate >= 0 AND amount >= 0),
    -- The rule bookings exist for: a room is never booked twice at the same time.
    CONSTRAINT room_bookings_no_overlap
        EXCLUDE USING gist (space_id WITH =, slot WITH &&) WHERE (status = 'BOOKED')
);

-- A member's bookings by start (portal, API filter); a location's charges not yet invoiced (runs read only
-- these, however many bookings were charged before).
CREATE INDEX room_bookings_member_idx ON room_bookings (member_id, lower(slot), id);
CREATE INDEX room_bookings_to_charge_idx ON room_bookings (location_id, lower(slot))
    WHERE status <> 'CANCELLED' AND charged_minutes > 0 AND amount > 0 AND charge_line_id IS NULL;
CREATE INDEX room_bookings_charge_line_idx ON room_bookings (charge_line_id) WHERE charge_line_id IS NOT NULL;
CREATE INDEX room_bookings_grant_idx ON room_bookings (grant_id) WHERE grant_id IS NOT NULL;

-- Invoice lines gain the kind BOOKING (the charged part of one room booking). The kind and sign CHECKs are
-- replaced: the new ones are added NOT VALID (V9_1 validates them), then the old ones dropped.
ALTER TABLE invoice_lines ADD COLUMN room_booking_id bigint;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_room_booking_id_fkey
    FOREIGN KEY (room_booking_id) REFERENCES room_bookings (id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_valid_v9
    CHECK (kind IN ('RENT', 'PLAN', 'DEPOSIT', 'DEPOSIT_REFUND', 'CHARGE', 'DISCOUNT', 'CREDIT', 'BOOKING')) NOT VALID;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_sign_v9 CHECK (
    (kind IN ('RENT', 'PLAN', 'DEPOSIT', 'CHARGE', 'BOOKING') AND amount >= 0)
    OR (kind IN ('DEPOSIT_REFUND', 'DISCOUNT', 'CREDIT') AND amount <= 0)) NOT VALID;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_booking_source CHECK (
    kind <> 'BOOKING' OR (room_booking_id IS NOT NULL AND lease_id IS NULL AND plan_membership_id IS NULL))
    NOT VALID;
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_valid;
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_sign;

-- Lines of issued documents never change (as V6_3), now including the booking they charge.
CREATE OR REPLACE FUNCTION invoice_lines_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    parent_status text;
BEGIN
    SELECT status INTO parent_status FROM invoices WHERE id = OLD.invoice_id;
    IF TG_OP = 'DELETE' THEN
        IF parent_status IS NOT NULL AND parent_status <> 'DRAFT' THEN
            RAISE EXCEPTION 'line % belongs to an issued document and cannot be deleted', OLD.id
                USING ERRCODE = 'NPIMM';
        END IF;
        RETURN OLD;
    END IF;
    IF parent_status <> 'DRAFT' THEN
        IF (NEW.invoice_id, NEW.kind, NEW.lease_id, NEW.plan_membership_id, NEW.description, NEW.service_period,
            NEW.billed, NEW.monthly_rate, NEW.rate_offset, NEW.amount, NEW.vat_rate, NEW.credits_line_id,
            NEW.room_booking_id)
           IS DISTINCT FROM
           (OLD.invoice_id, OLD.kind, OLD.lease_id, OLD.plan_membership_id, OLD.description, OLD.service_period,
            OLD.billed, OLD.monthly_rate, OLD.rate_offset, OLD.amount, OLD.vat_rate, OLD.credits_line_id,
            OLD.room_booking_id)
           OR NOT (NEW.active_days <@ OLD.active_days) THEN
            RAISE EXCEPTION 'line % belongs to an issued document; only a credit note can take days back', OLD.id
                USING ERRCODE = 'NPIMM';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
