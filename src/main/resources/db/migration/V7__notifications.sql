-- Notifications (issue I): a transactional outbox of everything that leaves the system (email, signed
-- webhooks), the endpoints webhooks go to, a log of every delivery attempt, per-location sender and reminder
-- thresholds, and the table of the cluster-safe scheduler (db-scheduler) that runs the dispatcher and the
-- reminder scan on one replica at a time.
--
-- Expand only: new tables, and new columns on locations with constant defaults (no table rewrite). The
-- CHECKs on existing tables are added NOT VALID (new rows are checked at once); V7_1 validates them in a
-- transaction of its own, under a lock that lets writes go on.
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, require-lock-timeout, require-statement-timeout, prefer-bigint-over-int, prefer-bigint-over-smallint
-- Reasons: the indexes are on tables created in this same migration (empty, no traffic) and Flyway runs
-- the file in one transaction; lock and statement timeouts are set for every migration session by the
-- application (database/Migrations); integers here count days, attempts or milliseconds, and
-- scheduled_tasks is db-scheduler's own table, in the shape its code expects.

-- Who a location's mail comes from, and when its reminders go out (days before a lease's last day; days
-- after an invoice's due day). Null sender: the application-wide default (newplos.mail.from).
ALTER TABLE locations ADD COLUMN sender_name text;
ALTER TABLE locations ADD COLUMN sender_email text;
ALTER TABLE locations ADD COLUMN lease_reminder_days integer[] NOT NULL DEFAULT '{30,7,1}';
ALTER TABLE locations ADD COLUMN overdue_reminder_days integer[] NOT NULL DEFAULT '{3,10,30}';
ALTER TABLE locations ADD CONSTRAINT locations_sender_email_shape
    CHECK (sender_email IS NULL OR sender_email ~ '^[^@\s]+@[^@\s]+$') NOT VALID;
ALTER TABLE locations ADD CONSTRAINT locations_reminder_days_valid
    CHECK (cardinality(lease_reminder_days) BETWEEN 0 AND 10
           AND cardinality(overdue_reminder_days) BETWEEN 0 AND 10
           AND 0 < ALL (lease_reminder_days) AND 366 > ALL (lease_reminder_days)
           AND 0 < ALL (overdue_reminder_days) AND 366 > ALL (overdue_reminder_days)
           AND array_position(lease_reminder_days, NULL) IS NULL
           AND array_position(overdue_reminder_days, NULL) IS NULL) NOT VALID;

-- Where webhooks go. The secret signs every delivery (Standard Webhooks, "whsec_" + base64); it is shown
-- once, when the endpoint is made. A deleted endpoint stays (its delivery log does) but gets nothing new.
CREATE TABLE webhook_endpoints (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url         text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    event_types text[]      NOT NULL,
    secret      text        NOT NULL,
    enabled     boolean     NOT NULL DEFAULT true,
    created_by  text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT webhook_endpoints_url_shape CHECK (url ~* '^https?://[^\s]+$' AND length(url) <= 2000),
    CONSTRAINT webhook_endpoints_event_types_not_empty CHECK (cardinality(event_types) BETWEEN 1 AND 50),
    CONSTRAINT webhook_endpoints_secret_shape CHECK (secret ~ '^whsec_[A-Za-z0-9+/=]{32,}$'),
    CONSTRAINT webhook_endpoints_description_length CHECK (length(description) <= 500)
);

CREATE TRIGGER webhook_endpoints_touch_updated_at BEFORE UPDATE ON webhook_endpoints
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- The outbox: one row per message to deliver (an email to one address, or a webhook to one endpoint),
-- written in the transaction of the change that caused it. dedup_key is unique: an event or a reminder
-- (subject, threshold) becomes at most one message per channel and endpoint, whatever retries or
-- replicas do.
--   PENDING   due at due_at (a claimed row's due_at is pushed ahead by the claim: a crashed sender's row
--             comes back by itself)
--   SENT      delivered (accepted by the SMTP server, or a 2xx from the endpoint)
--   DEAD      gave up after the last attempt, or cannot be sent (the reason is in last_error)
--   SKIPPED   no longer true when it was due (a lease extended, an invoice paid, a later reminder due)
--   KEPT      an email with no SMTP server configured: kept, readable in the admin UI, sent again on demand
--   CANCELLED its endpoint was deleted or disabled before it was sent
CREATE TABLE outbox (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel        text        NOT NULL,
    event_type     text        NOT NULL,
    dedup_key      text        NOT NULL,
    endpoint_id    bigint      REFERENCES webhook_endpoints (id) ON DELETE RESTRICT,
    recipient      text,
    location_id    bigint      REFERENCES locations (id) ON DELETE RESTRICT,
    member_id      bigint      REFERENCES members (id) ON DELETE RESTRICT,
    subject_type   text        NOT NULL,
    subject_id     bigint      NOT NULL,
    threshold_days integer,
    payload        jsonb       NOT NULL,
    status         text        NOT NULL DEFAULT 'PENDING',
    attempts       integer     NOT NULL DEFAULT 0,
    due_at         timestamptz NOT NULL DEFAULT now(),
    claimed_by     text,
    last_error     text,
    sent_at        timestamptz,
    traceparent    text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outbox_dedup_key_key UNIQUE (dedup_key),
    CONSTRAINT outbox_channel_valid CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    CONSTRAINT outbox_status_valid CHECK (status IN ('PENDING', 'SENT', 'DEAD', 'SKIPPED', 'KEPT', 'CANCELLED')),
    CONSTRAINT outbox_target CHECK (
        (channel = 'EMAIL' AND recipient IS NOT NULL AND endpoint_id IS NULL)
        OR (channel = 'WEBHOOK' AND endpoint_id IS NOT NULL AND recipient IS NULL)),
    CONSTRAINT outbox_sent_has_time CHECK ((status = 'SENT') = (sent_at IS NOT NULL)),
    CONSTRAINT outbox_attempts_not_negative CHECK (attempts >= 0),
    CONSTRAINT outbox_event_type_shape CHECK (event_type ~ '^[a-z_]+(\.[a-z_]+)+$')
);

CREATE TRIGGER outbox_touch_updated_at BEFORE UPDATE ON outbox
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- What is due, oldest first: the dispatcher's claim and the lag metric.
CREATE INDEX outbox_due_idx ON outbox (due_at, id) WHERE status = 'PENDING';
-- The admin lists (newest first, by status, by endpoint) and "messages about this invoice/lease".
CREATE INDEX outbox_status_idx ON outbox (status, id);
CREATE INDEX outbox_endpoint_idx ON outbox (endpoint_id, id) WHERE endpoint_id IS NOT NULL;
CREATE INDEX outbox_subject_idx ON outbox (subject_type, subject_id);
CREATE INDEX outbox_member_idx ON outbox (member_id) WHERE member_id IS NOT NULL;

-- Every attempt to deliver a message: when, how long, what came back.
CREATE TABLE outbox_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   bigint      NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    outcome      text        NOT NULL,
    status_code  integer,
    detail       text        NOT NULL DEFAULT '',
    duration_ms  integer     NOT NULL DEFAULT 0,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outbox_attempts_outcome_valid CHECK (outcome IN ('SENT', 'FAILED', 'DEAD', 'SKIPPED', 'KEPT'))
);

CREATE INDEX outbox_attempts_message_idx ON outbox_attempts (message_id, id);

-- db-scheduler's table (com.github.kagkarlsson:db-scheduler 16, PostgreSQL): one row per recurring task;
-- a replica picks a due row with a row lock and a heartbeat, so each task runs on one replica at a time.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- The audit log also records webhook endpoints and messages sent again by hand.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_valid;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_valid CHECK (
    entity IN ('plan', 'space', 'member', 'lease', 'user', 'location', 'plan_membership', 'invoice',
               'invoice_run', 'payment', 'webhook_endpoint', 'message')) NOT VALID;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_valid;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_valid CHECK (
    action IN ('created', 'updated', 'deleted', 'ended', 'cancelled', 'rate_changed', 'issued', 'voided',
               'credited', 'recorded', 'deposit_settled', 'retried')) NOT VALID;
