-- Personal API tokens for integrations: `Authorization: Bearer <token>` on /api/**.
-- Only the SHA-256 hash of a token is stored; the token itself is shown once, when it is created.
-- A token acts with its user's role; revoking sets revoked_at (kept for the record).
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, require-lock-timeout, require-statement-timeout
-- Reasons: the index is on a table created in this same migration (empty, no traffic), and Flyway runs
-- the file in one transaction. Lock and statement timeouts are set for migration sessions by the application.

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_sha256 text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_tokens_token_sha256_key UNIQUE (token_sha256),
    CONSTRAINT api_tokens_token_sha256_shape CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT api_tokens_name_not_blank CHECK (btrim(name) <> '')
);

CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);
