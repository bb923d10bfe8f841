-- Per-message features (issue 14): reactions, forwarded copies, mentions and stars.

-- A forwarded copy is a new text entry in the target conversation that says so in every client.
ALTER TABLE gochat_messages ADD COLUMN forwarded boolean NOT NULL DEFAULT false;
-- The members a text mentions, as user ids the conversation checked were members when it was sent.
ALTER TABLE gochat_messages ADD COLUMN mentions uuid[] NULL;

-- Reactions are entries (kinds 3 and 4) that name their message in target_seq: a conversation learns one
-- message's reactions with one probe here instead of a scan of its whole log.
CREATE INDEX gochat_messages_reactions
    ON gochat_messages (conversation_id, target_seq)
    WHERE kind IN (3, 4);

-- "Mesej berbintang": each user's private marks on messages, never shown to anyone else and never part of
-- a conversation's log.
CREATE TABLE gochat_stars (
    user_id         uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    starred_at      timestamptz NOT NULL,
    CONSTRAINT gochat_stars_pk PRIMARY KEY (user_id, conversation_id, seq)
);

-- The list reads a user's newest stars first.
CREATE INDEX gochat_stars_newest ON gochat_stars (user_id, starred_at DESC);
