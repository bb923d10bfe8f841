-- Search by recency (issue 14): a search reads the newest stretch of time first and widens only while it holds few
-- matches (see docs/architecture.md, "Search"). Messages are appended in the order they are sent, so the heap is in
-- sent_at order and a BRIN index finds the pages of the last hour from a few summary entries: 80 kB for a million
-- rows, where a btree would add a page split and a WAL record to every message written. Pages not summarised yet (the
-- newest ones, until autovacuum's summarisation reaches them) are always read, so a new message is never missed.
CREATE INDEX gochat_messages_sent_at ON gochat_messages USING brin (sent_at) WITH (pages_per_range = 32, autosummarize = on);
