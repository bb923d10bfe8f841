-- A user's place in each of their conversations: the conversation list (kind, peer, joined seq) and the delivered
-- and read cursors, one narrow row per (user, conversation). Cursors change every few seconds for every active
-- member; as rows here they cost one batched UPDATE per silo (CursorWriter) instead of a rewrite of the whole user
-- and conversation grain state (2,000 conversations, 10,000 members). A row exists exactly while the user is a
-- member: joining inserts it, leaving deletes it, and the batched writer only ever updates, so a late cursor can
-- never bring a left conversation back.
CREATE TABLE gochat_cursors (
    user_id         uuid     NOT NULL,
    conversation_id uuid     NOT NULL,
    kind            smallint NOT NULL,
    peer_user_id    uuid     NULL,
    joined_seq      bigint   NOT NULL,
    delivered_seq   bigint   NOT NULL DEFAULT 0,
    read_seq        bigint   NOT NULL DEFAULT 0,
    -- The user's read receipts setting, copied to every row so that a conversation learns its members' settings
    -- with the one query that loads their cursors; changing the setting is one UPDATE by user_id.
    shares_read     boolean  NOT NULL DEFAULT true,
    CONSTRAINT gochat_cursors_pk PRIMARY KEY (user_id, conversation_id)
) WITH (fillfactor = 80); -- room on each page so cursor updates stay HOT (no indexed column changes)

-- A conversation activating loads its members' cursors by conversation id; no cursor column is indexed, so the
-- frequent updates never touch an index.
CREATE INDEX gochat_cursors_conversation ON gochat_cursors (conversation_id);
