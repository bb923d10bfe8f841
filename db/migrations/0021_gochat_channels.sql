-- Official broadcast channels (issue 16). A channel's subscribers are rows of gochat_cursors with kind 3 (Channel): the
-- row that gives every chat its place in the user's list, its unread count, mute/pin/archive and its delivered and read
-- cursors. A second subscriber table would be a second row per subscriber to keep in step with it. A post is one row
-- of gochat_messages, however many subscribe; read statistics are counts over the cursor rows.
CREATE TABLE gochat_channels (
    id                uuid        PRIMARY KEY,
    agency_id         uuid        NOT NULL REFERENCES gochat_agencies (id),
    name              text        NOT NULL,
    description       text        NULL,
    -- 0 own agency, 1 the agencies named (the owner's among them), 2 everyone
    audience          smallint    NOT NULL CHECK (audience BETWEEN 0 AND 2),
    audience_agencies uuid[]      NOT NULL DEFAULT '{}',
    mandatory         boolean     NOT NULL,
    created_by        uuid        NOT NULL,
    created_at        timestamptz NOT NULL
);
-- New staff are enrolled in the mandatory channels of their audience on registration: one statement over these.
CREATE INDEX gochat_channels_mandatory ON gochat_channels (agency_id) WHERE mandatory;
CREATE INDEX gochat_channels_audience ON gochat_channels USING gin (audience_agencies);

-- A broadcast's classification, tags and signature, beside its text: stored with the entry in the same batch, so a
-- broadcast is never without its seal.
ALTER TABLE gochat_messages ADD COLUMN broadcast jsonb NULL;
-- Leak tracing lists an agency's marked broadcasts (the gateway, which holds the mark secret, picks the one a
-- recovered mark's hint names).
CREATE INDEX gochat_messages_broadcast_agency ON gochat_messages (((broadcast ->> 'agencyId')::uuid)) WHERE broadcast IS NOT NULL;
-- The public check (/semak) finds a pasted text by the SHA-256 of its canonical form.
CREATE INDEX gochat_messages_broadcast_text ON gochat_messages ((broadcast ->> 'textSha256')) WHERE broadcast IS NOT NULL;
