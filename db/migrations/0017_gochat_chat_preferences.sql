-- Mute, pin and archive a chat (issue 14), per user and the same on every device: columns of the user's own row of
-- gochat_cursors, so the conversation list reads them in the query it already runs and leaving a chat drops them.
-- Not indexed: changing one is a HOT update like a cursor's. Muted "always" is a date in the year 9999.
ALTER TABLE gochat_cursors
    ADD COLUMN muted_until  timestamptz NULL,
    ADD COLUMN pinned_at    timestamptz NULL,
    ADD COLUMN archived_seq bigint      NULL;
