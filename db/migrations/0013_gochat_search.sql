-- Search across chats (issue 14): full text over every message a user may read, in Bahasa Melayu and English, with
-- trigram matching for misspelt words. See docs/architecture.md, "Search".

-- The searchable text of a message, kept by PostgreSQL itself: computed once when the row is written, and again when
-- the batched writer applies an edit (it rewrites the original row's body) or a delete (it nulls the body). Only
-- text entries (kind 0) get one: the Edit rows that carry the new text stay out, so the original row, which always
-- holds the latest text, is the one place a message is found. Both configurations in one vector: `indonesian`
-- stems Malay (perkhidmatan -> khidmat), `english` stems English (meetings -> meet); a query term may match either.
ALTER TABLE gochat_messages ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    CASE WHEN kind = 0 AND body IS NOT NULL
        THEN to_tsvector('indonesian'::regconfig, body) || to_tsvector('english'::regconfig, body)
    END) STORED;

-- Partial: system entries, Edit rows and deleted messages hold no vector and cost the index nothing.
CREATE INDEX gochat_messages_search ON gochat_messages USING gin (search_tsv) WHERE search_tsv IS NOT NULL;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The words ever written, lower-cased, for misspellings: a query word that is no word here is widened to the few most
-- similar words by trigrams (pekelilng -> pekeliling), and those are searched in full text. Small (the vocabulary, not
-- the messages), so a trigram lookup in it is quick; the batched writer adds the new words of each batch with one
-- statement. A word stays after its message is deleted: it only widens a query, finding still goes through
-- search_tsv, which a deleted message no longer has.
CREATE TABLE gochat_search_words (
    word text NOT NULL,
    CONSTRAINT gochat_search_words_pk PRIMARY KEY (word)
);
CREATE INDEX gochat_search_words_trgm ON gochat_search_words USING gin (word gin_trgm_ops);

-- One query term's alternatives are OR'ed, the terms AND'ed: aggregates over tsquery's own || and && functions.
CREATE AGGREGATE gochat_tsquery_or(tsquery) (SFUNC = tsquery_or, STYPE = tsquery);
CREATE AGGREGATE gochat_tsquery_and(tsquery) (SFUNC = tsquery_and, STYPE = tsquery);
