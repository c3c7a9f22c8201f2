-- Admin UI sessions, stored in PostgreSQL (Spring Session JDBC) so that any replica serves any request.
-- The tables are Spring Session's own PostgreSQL schema (spring-session-jdbc schema-postgresql.sql),
-- kept as is because Spring Session's SQL names these columns and types; the application sets
-- spring.session.jdbc.initialize-schema=never so that only Flyway creates them.
--
-- squawk-ignore-file require-concurrent-index-creation, prefer-robust-stmts, prefer-bigint-over-int, prefer-text-field, require-lock-timeout, require-statement-timeout, prefer-identity, ban-char-field
-- Reasons: the indexes are on tables created in this same migration (empty, no traffic); Flyway runs the
-- file in one transaction; the column types are the ones Spring Session's queries expect.

CREATE TABLE spring_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval int          NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
