-- Newplos core schema: plans, spaces, members, leases and the staff users who manage them.
-- The business rules live here so that no code path and no race can break them.
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, prefer-bigint-over-int, require-lock-timeout, require-statement-timeout
-- Reasons: every index here is on a table created in this same migration (empty, no traffic), and
-- Flyway runs the file in one transaction, so it either applies whole or not at all. Lock and
-- statement timeouts are set for every migration session by the application (database/).
-- spaces.capacity is a head count, for which integer is plenty.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TABLE plans (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text          NOT NULL,
    description    text          NOT NULL DEFAULT '',
    price          numeric(12, 2) NOT NULL,
    billing_period text          NOT NULL,
    space_type     text,
    active         boolean       NOT NULL DEFAULT true,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT plans_name_key UNIQUE (name),
    CONSTRAINT plans_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT plans_price_not_negative CHECK (price >= 0),
    CONSTRAINT plans_billing_period_valid CHECK (billing_period IN ('MONTHLY', 'QUARTERLY', 'YEARLY')),
    CONSTRAINT plans_space_type_valid
        CHECK (space_type IN ('DESK', 'OFFICE', 'STUDIO', 'LOCKER', 'MEETING_ROOM', 'WORKSHOP'))
);

CREATE TABLE spaces (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text           NOT NULL,
    name         text           NOT NULL,
    type         text           NOT NULL,
    capacity     integer        NOT NULL DEFAULT 1,
    monthly_rate numeric(12, 2) NOT NULL,
    location     text           NOT NULL DEFAULT '',
    active       boolean        NOT NULL DEFAULT true,
    created_at   timestamptz    NOT NULL DEFAULT now(),
    updated_at   timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT spaces_code_key UNIQUE (code),
    CONSTRAINT spaces_code_not_blank CHECK (btrim(code) <> ''),
    CONSTRAINT spaces_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT spaces_type_valid
        CHECK (type IN ('DESK', 'OFFICE', 'STUDIO', 'LOCKER', 'MEETING_ROOM', 'WORKSHOP')),
    CONSTRAINT spaces_capacity_not_negative CHECK (capacity >= 0),
    CONSTRAINT spaces_monthly_rate_not_negative CHECK (monthly_rate >= 0)
);

CREATE INDEX spaces_type_idx ON spaces (type) WHERE active;

CREATE TABLE members (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name  text        NOT NULL,
    email      text        NOT NULL,
    phone      text        NOT NULL DEFAULT '',
    company    text        NOT NULL DEFAULT '',
    status     text        NOT NULL DEFAULT 'ACTIVE',
    plan_id    bigint REFERENCES plans (id) ON DELETE RESTRICT,
    joined_on  date        NOT NULL DEFAULT current_date,
    notes      text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT members_full_name_not_blank CHECK (btrim(full_name) <> ''),
    CONSTRAINT members_email_shape CHECK (email LIKE '_%@_%'),
    CONSTRAINT members_status_valid CHECK (status IN ('ACTIVE', 'PAUSED', 'LEFT'))
);

-- One member per email address, whatever its case.
CREATE UNIQUE INDEX members_email_lower_key ON members (lower(email));
CREATE INDEX members_plan_id_idx ON members (plan_id);
CREATE INDEX members_joined_on_idx ON members (joined_on);
-- Typo-tolerant search by name or email (pg_trgm: %, similarity, ILIKE).
CREATE INDEX members_full_name_trgm_idx ON members USING gin (full_name gin_trgm_ops);
CREATE INDEX members_email_trgm_idx ON members USING gin (email gin_trgm_ops);

CREATE TABLE leases (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id    bigint         NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
    space_id     bigint         NOT NULL REFERENCES spaces (id) ON DELETE RESTRICT,
    period       daterange      NOT NULL,
    monthly_rate numeric(12, 2) NOT NULL,
    deposit      numeric(12, 2) NOT NULL DEFAULT 0,
    status       text           NOT NULL DEFAULT 'ACTIVE',
    notes        text           NOT NULL DEFAULT '',
    created_at   timestamptz    NOT NULL DEFAULT now(),
    updated_at   timestamptz    NOT NULL DEFAULT now(),
    -- [start, end): a start day is required, the end may be open.
    CONSTRAINT leases_period_valid
        CHECK (NOT isempty(period) AND NOT lower_inf(period) AND lower_inc(period) AND NOT upper_inc(period)),
    CONSTRAINT leases_monthly_rate_not_negative CHECK (monthly_rate >= 0),
    CONSTRAINT leases_deposit_not_negative CHECK (deposit >= 0),
    CONSTRAINT leases_status_valid CHECK (status IN ('ACTIVE', 'ENDED', 'CANCELLED')),
    -- The rule Newplos exists for: a space is never let twice for the same day.
    CONSTRAINT leases_no_overlap
        EXCLUDE USING gist (space_id WITH =, period WITH &&) WHERE (status <> 'CANCELLED')
);

CREATE INDEX leases_member_id_idx ON leases (member_id);
CREATE INDEX leases_space_id_idx ON leases (space_id);
-- "Active on a date" and occupancy: containment on the period of non-cancelled leases.
CREATE INDEX leases_period_idx ON leases USING gist (period) WHERE status <> 'CANCELLED';
-- "Expiring within N days": range scan on the end day.
CREATE INDEX leases_period_end_idx ON leases (upper(period)) WHERE status <> 'CANCELLED';

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL,
    display_name  text        NOT NULL DEFAULT '',
    password_hash text        NOT NULL,
    role          text        NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_role_valid CHECK (role IN ('ADMIN', 'STAFF', 'VIEWER')),
    CONSTRAINT users_email_shape CHECK (email LIKE '_%@_%')
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TRIGGER plans_touch_updated_at BEFORE UPDATE ON plans
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER spaces_touch_updated_at BEFORE UPDATE ON spaces
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER members_touch_updated_at BEFORE UPDATE ON members
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER leases_touch_updated_at BEFORE UPDATE ON leases
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
