-- Agencies, their email domains and the user directory. Grain state stays the source of truth for a
-- user or an agency; these tables are its queryable mirror (directory search, admin lists, domain lookup)
-- and the place where uniqueness (one owner per domain, one account per email) is enforced.
CREATE TABLE gochat_agencies (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    category   smallint    NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE gochat_agency_domains (
    domain    text PRIMARY KEY CHECK (domain = lower(domain)),
    agency_id uuid NOT NULL REFERENCES gochat_agencies (id) ON DELETE CASCADE
);
CREATE INDEX gochat_agency_domains_agency ON gochat_agency_domains (agency_id);

CREATE TABLE gochat_users (
    id           uuid        PRIMARY KEY,
    email        text        NULL,
    display_name text        NOT NULL,
    position     text        NULL,
    department   text        NULL,
    agency_id    uuid        NULL REFERENCES gochat_agencies (id),
    is_external  boolean     NOT NULL,
    role         smallint    NOT NULL,
    status       smallint    NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX gochat_users_email ON gochat_users (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX gochat_users_agency_status ON gochat_users (agency_id, status);
