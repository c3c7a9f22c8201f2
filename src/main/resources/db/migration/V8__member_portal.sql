-- Member portal (issue 18, part A): members sign in by a one-time link sent by email (or a password they
-- set), see their own leases and invoices, keep their details, download what Newplos holds about them, and
-- staff erase a member who has left.
--
--   member_sign_in_links   one row per link sent: only the SHA-256 of the token is stored; single use
--                          (used_at), short-lived (expires_at); SIGN_IN, or EMAIL_CHANGE to new_email
--   member_sign_in_requests every request for a link (also for unknown addresses) and every failed password
--                          sign-in: the per-address and per-client limits count these rows
--   member_sign_ins        the member's sign-in history (exported to them, deleted when they are erased)
--
-- Expand only: new tables, and new columns with constant defaults on members and invoices (no table
-- rewrite). The CHECKs on existing tables are added NOT VALID (new rows are checked at once); V8_1 validates
-- them in a transaction of its own, under a lock that lets writes go on.
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, require-lock-timeout, require-statement-timeout
-- Reasons: the indexes are on tables created in this same migration (empty, no traffic) and Flyway runs
-- the file in one transaction; lock and statement timeouts are set for every migration session by the
-- application (database/Migrations).

-- Where a member's invoices go on paper, an optional password (bcrypt), and when they were erased.
ALTER TABLE members ADD COLUMN billing_address text NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN password_hash text;
ALTER TABLE members ADD COLUMN erased_at timestamptz;
ALTER TABLE members ADD CONSTRAINT members_billing_address_length
    CHECK (length(billing_address) <= 1000) NOT VALID;
ALTER TABLE members ADD CONSTRAINT members_erased_have_left
    CHECK (erased_at IS NULL OR (status = 'LEFT' AND password_hash IS NULL)) NOT VALID;

-- The billing address an invoice was issued with: copied from the member when it is drafted, like
-- billing_name and billing_company, and kept when the member changes it or is erased.
ALTER TABLE invoices ADD COLUMN billing_address text NOT NULL DEFAULT '';

CREATE TABLE member_sign_in_links (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id      bigint      NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    token_hash     bytea       NOT NULL,
    purpose        text        NOT NULL,
    new_email      text,
    requested_from text        NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    used_from      text,
    CONSTRAINT member_sign_in_links_token_hash_key UNIQUE (token_hash),
    CONSTRAINT member_sign_in_links_token_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT member_sign_in_links_purpose_valid CHECK (purpose IN ('SIGN_IN', 'EMAIL_CHANGE')),
    CONSTRAINT member_sign_in_links_new_email CHECK (
        (purpose = 'EMAIL_CHANGE') = (new_email IS NOT NULL) AND (new_email IS NULL OR new_email LIKE '_%@_%')),
    CONSTRAINT member_sign_in_links_expiry CHECK (expires_at > created_at),
    CONSTRAINT member_sign_in_links_used_in_time CHECK (used_at IS NULL OR used_at <= expires_at)
);

-- The per-address limit (links of a member lately) and "links of this member" (erase, export).
CREATE INDEX member_sign_in_links_member_idx ON member_sign_in_links (member_id, created_at);

CREATE TABLE member_sign_in_requests (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id    bigint REFERENCES members (id) ON DELETE CASCADE,
    client       text        NOT NULL,
    outcome      text        NOT NULL,
    requested_at timestamptz NOT NULL,
    CONSTRAINT member_sign_in_requests_outcome_valid
        CHECK (outcome IN ('SENT', 'UNKNOWN', 'REFUSED', 'LIMITED', 'PASSWORD_FAILED')),
    CONSTRAINT member_sign_in_requests_client_length CHECK (length(client) <= 100)
);

-- The per-client limit: requests from one address lately.
CREATE INDEX member_sign_in_requests_client_idx ON member_sign_in_requests (client, requested_at);
-- Forgetting old requests and links (30 days), a batch at a time.
CREATE INDEX member_sign_in_requests_requested_at_idx ON member_sign_in_requests (requested_at);
CREATE INDEX member_sign_in_links_expires_at_idx ON member_sign_in_links (expires_at);
CREATE INDEX member_sign_in_requests_member_idx ON member_sign_in_requests (member_id, requested_at)
    WHERE member_id IS NOT NULL;

CREATE TABLE member_sign_ins (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id    bigint      NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    method       text        NOT NULL,
    client       text        NOT NULL,
    signed_in_at timestamptz NOT NULL,
    CONSTRAINT member_sign_ins_method_valid CHECK (method IN ('LINK', 'PASSWORD')),
    CONSTRAINT member_sign_ins_client_length CHECK (length(client) <= 100)
);

CREATE INDEX member_sign_ins_member_idx ON member_sign_ins (member_id, id);

-- The audit log also records a member erased, and what members change themselves.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_valid;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_valid CHECK (
    action IN ('created', 'updated', 'deleted', 'ended', 'cancelled', 'rate_changed', 'issued', 'voided',
               'credited', 'recorded', 'deposit_settled', 'retried', 'erased')) NOT VALID;
