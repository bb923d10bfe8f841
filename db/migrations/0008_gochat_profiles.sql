-- Profile cards and the contact directory (Akses Kontak). The user grain stays the source of truth; these
-- columns mirror what the directory searches and shows. Trigram indexes let "part of a word" searches
-- (ILIKE '%aziz%') use an index instead of scanning every civil servant.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE gochat_users
    ADD COLUMN status_text   text     NULL,
    ADD COLUMN availability  smallint NOT NULL DEFAULT 0,
    ADD COLUMN photo_version bigint   NOT NULL DEFAULT 0;

CREATE INDEX gochat_users_name_trgm ON gochat_users USING gin (display_name gin_trgm_ops);
CREATE INDEX gochat_users_position_trgm ON gochat_users USING gin (position gin_trgm_ops);
CREATE INDEX gochat_users_department_trgm ON gochat_users USING gin (department gin_trgm_ops);
CREATE INDEX gochat_users_email_trgm ON gochat_users USING gin (email gin_trgm_ops);

-- One picture per user, replaced whole; checked for size and type before it gets here.
CREATE TABLE gochat_profile_photos (
    user_id      uuid        PRIMARY KEY,
    content_type text        NOT NULL,
    data         bytea       NOT NULL,
    version      bigint      NOT NULL,
    updated_at   timestamptz NOT NULL
);
