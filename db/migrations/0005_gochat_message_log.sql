-- GoChat's message log: every conversation's entries, append-only, keyed by (conversation, seq).
-- It lives outside grain state so a message costs one row in a group-committed batch, not a rewrite
-- of the conversation's state, and sync is a range read on the primary key.
CREATE TABLE gochat_messages (
    conversation_id   uuid        NOT NULL,
    seq               bigint      NOT NULL,
    sender_id         uuid        NOT NULL,
    kind              smallint    NOT NULL,
    body              text        NULL,
    client_message_id text        NULL,
    reply_to_seq      bigint      NULL,
    target_seq        bigint      NULL,
    subject_user_id   uuid        NULL,
    sent_at           timestamptz NOT NULL,
    edited_at         timestamptz NULL,
    deleted           boolean     NOT NULL DEFAULT false,
    CONSTRAINT gochat_messages_pk PRIMARY KEY (conversation_id, seq),
    CONSTRAINT gochat_messages_seq_positive CHECK (seq > 0)
);

-- A resend with the same client message id must never become a second row.
CREATE UNIQUE INDEX gochat_messages_client_id
    ON gochat_messages (conversation_id, sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;

-- Conversation names come from the log (Created = 10, Renamed = 14): the conversation list reads the
-- newest of these per conversation without a separate table to keep in step.
CREATE INDEX gochat_messages_names
    ON gochat_messages (conversation_id, seq DESC)
    WHERE kind IN (10, 14);
