-- Passkeys (WebAuthn). Each user's passkey grain holds the public keys, names and signature counters; this
-- table only says which account a credential id belongs to: a credential id belongs to one account at most
-- (the primary key), and a sign-in finds the account from the credential id the browser returns.
CREATE TABLE gochat_passkeys (
    credential_id bytea       PRIMARY KEY,
    user_id       uuid        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE INDEX gochat_passkeys_user ON gochat_passkeys (user_id);
