-- Search across chats (issue 14): the full-text index also holds each message's chat, so a search's index scan keeps
-- only the searcher's chats. With the vector alone, a word common in other people's chats and absent from the
-- searcher's ("audit" in W9, 80,000 matches) read every match's heap page before the membership join threw them all
-- away (0.8 s); with the chat beside it GIN intersects the word's postings with the searcher's chats' postings and
-- reads no heap page at all (70 ms). The chat is a one-element array because GIN compares arrays by overlap (&&),
-- which takes all the searcher's chats in one condition, where btree_gin's `=` would need a scan per chat.
-- A search by vector alone uses this index too, so it replaces the old one rather than adding a second to every write.
CREATE INDEX gochat_messages_search_by_chat ON gochat_messages
    USING gin (search_tsv, (ARRAY[conversation_id])) WHERE search_tsv IS NOT NULL;
DROP INDEX gochat_messages_search;
