-- Group photos (issue 14): one per group, replaced whole, re-encoded before it gets here like a profile picture.
-- The conversation's state holds the version; members fetch the bytes through the gateway, nobody else.
CREATE TABLE gochat_group_photos (
    conversation_id uuid        PRIMARY KEY,
    content_type    text        NOT NULL,
    data            bytea       NOT NULL,
    version         bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);
