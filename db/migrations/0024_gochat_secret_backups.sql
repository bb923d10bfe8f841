-- Secret chats' history that never locks (issue 17, item 5). Each user's history key is wrapped on their device under a
-- key made from their encryption passcode and a key share that only the server can compute, inside a PKCS#11 token
-- (grains/SecretBackup/Pkcs11KeyShareVault.cs). This table holds what the server needs to check a passcode without
-- seeing it: the salt and work factor the device stretches it with, and a verifier that is itself an HMAC computed in
-- the token, so a copy of this table alone cannot test a single guess. Wrong tries are counted here, in one UPDATE
-- per try; at the tenth the backup locks.
CREATE TABLE gochat_secret_backups (
    user_id         uuid        PRIMARY KEY,
    -- A new backup (a new history key) is a new version: shares and verifiers of older versions mean nothing.
    version         integer     NOT NULL,
    salt            bytea       NOT NULL,
    iterations      integer     NOT NULL,
    verifier        bytea       NOT NULL,
    -- The history key under the passcode and the share: AES-256-GCM, nonce first. Opaque to the server.
    wrapped_key     bytea       NOT NULL,
    failed_attempts integer     NOT NULL DEFAULT 0,
    locked_at       timestamptz NULL,
    created_at      timestamptz NOT NULL
);

-- What a user's devices decrypted, re-encrypted under the user's history key (AES-256-GCM; the server cannot read
-- it), so a new device that obtains the key reads every secret chat's past. One row per message per user.
CREATE TABLE gochat_secret_history (
    user_id         uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    blob            bytea       NOT NULL,
    PRIMARY KEY (user_id, conversation_id, seq)
);
