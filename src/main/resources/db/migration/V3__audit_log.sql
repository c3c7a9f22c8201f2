-- History: one row per change to a plan, space, member, lease or user, written in the same transaction
-- as the change itself, so a change and its audit row commit (or roll back) together.
-- changes holds {"field": {"before": ..., "after": ...}} for the fields that changed.
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, require-lock-timeout, require-statement-timeout
-- Reasons: the index is on a table created in this same migration (empty, no traffic), and Flyway runs
-- the file in one transaction.

CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    entity     text        NOT NULL,
    entity_id  bigint      NOT NULL,
    action     text        NOT NULL,
    changes    jsonb       NOT NULL DEFAULT '{}',
    CONSTRAINT audit_log_entity_valid CHECK (entity IN ('plan', 'space', 'member', 'lease', 'user')),
    CONSTRAINT audit_log_action_valid CHECK (action IN ('created', 'updated', 'deleted', 'ended', 'cancelled'))
);

-- A record's history, newest first.
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
