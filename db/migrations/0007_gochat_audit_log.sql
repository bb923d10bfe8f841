-- Tamper-evident audit log of admin actions and security events. Each row carries the SHA-256 of the
-- previous row's hash and its own content, so changing or deleting any row breaks every hash after it.
-- Rows are appended one at a time under a transaction-scoped advisory lock, which keeps the chain linear.
CREATE TABLE gochat_audit_log (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    agency_id  uuid        NULL,
    actor_id   uuid        NULL,
    action     text        NOT NULL,
    subject_id uuid        NULL,
    details    text        NOT NULL DEFAULT '',
    prev_hash  bytea       NOT NULL,
    hash       bytea       NOT NULL
);
CREATE INDEX gochat_audit_log_agency ON gochat_audit_log (agency_id, id DESC);
