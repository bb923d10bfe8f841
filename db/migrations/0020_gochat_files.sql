-- Files, images and voice notes (issue 15).
--
-- An upload (the tus resource) belongs to the user who made it and holds its bytes until it is sent or expires. When
-- its last byte arrives its bytes are checked, hashed and, when the agency already stores the same bytes, replaced by
-- that copy: gochat_blobs holds each distinct content once per agency, and messages refer to blobs. A blob is freed
-- when no message and no upload refers to it any more.

CREATE TABLE gochat_uploads (
    upload_id     uuid        PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    scope_id      uuid        NOT NULL, -- the owner's agency (dedupe happens within it), or the owner without one
    store         text        NOT NULL,
    name          text        NOT NULL,
    declared_type text        NULL,
    encrypted     boolean     NOT NULL DEFAULT false, -- ciphertext for a secret chat: never sniffed, scanned or pictured
    length        bigint      NOT NULL CHECK (length >= 0),
    received      bigint      NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= length),
    writers       int         NOT NULL DEFAULT 0, -- requests that wrote bytes; each wrote under a file id of its own
    status        smallint    NOT NULL, -- see UploadStatus
    blob_id       uuid        NULL, -- set once checked; the foreign key is added below, with gochat_blobs
    refusal_code  text        NULL,
    refusal       text        NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX gochat_uploads_expiry ON gochat_uploads (expires_at);
CREATE INDEX gochat_uploads_blob ON gochat_uploads (blob_id) WHERE blob_id IS NOT NULL;

CREATE TABLE gochat_blobs (
    blob_id       uuid        PRIMARY KEY,
    scope_id      uuid        NOT NULL,
    sha256        bytea       NOT NULL,
    store         text        NOT NULL,
    length        bigint      NOT NULL,
    content_type  text        NOT NULL,
    kind          smallint    NOT NULL, -- see AttachmentKind: File, Image, Audio or Video, as the bytes decided
    encrypted     boolean     NOT NULL DEFAULT false,
    scan          smallint    NOT NULL, -- see ScanOutcome: only Clean (and NotScanned, by policy) are ever served
    scan_detail   text        NULL,
    width         int         NULL,
    height        int         NULL,
    -- Pictures made from an image or a video: stored like any blob's bytes, under their own ids.
    preview_id     uuid       NULL,
    preview_length bigint     NULL,
    preview_type   text       NULL,
    thumb_id       uuid       NULL,
    thumb_length   bigint     NULL,
    thumb_type     text       NULL,
    placeholder    bytea      NULL,
    created_at    timestamptz NOT NULL,
    -- Ciphertext is kept apart: plaintext with the same bytes must still be scanned, never take its unscanned verdict.
    CONSTRAINT gochat_blobs_content UNIQUE (scope_id, sha256, encrypted)
);

-- An upload holds its blob until it is sent or expires: the sweeper cannot free a blob an upload still names.
ALTER TABLE gochat_uploads ADD CONSTRAINT gochat_uploads_blob_fk FOREIGN KEY (blob_id) REFERENCES gochat_blobs (blob_id);
CREATE INDEX gochat_uploads_checking ON gochat_uploads (updated_at) WHERE status = 1;

-- A chunk of a file's bytes in PostgreSQL (the default store). EXTERNAL: stored out of line uncompressed, so reading a
-- byte range fetches only the pages it needs, and compressed formats (JPEG, zip, Opus) are not compressed again in vain.
CREATE TABLE gochat_file_chunks (
    file_id  uuid   NOT NULL,
    "offset" bigint NOT NULL,
    data     bytea  NOT NULL,
    CONSTRAINT gochat_file_chunks_pk PRIMARY KEY (file_id, "offset")
);
ALTER TABLE gochat_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- The messages that show a blob. Written in the same batch as the message, removed with its deletion; the foreign key
-- keeps a blob from being freed while a message that refers to it is being stored.
CREATE TABLE gochat_blob_refs (
    blob_id         uuid   NOT NULL REFERENCES gochat_blobs (blob_id),
    conversation_id uuid   NOT NULL,
    seq             bigint NOT NULL,
    CONSTRAINT gochat_blob_refs_pk PRIMARY KEY (blob_id, conversation_id, seq)
);
CREATE INDEX gochat_blob_refs_message ON gochat_blob_refs (conversation_id, seq);

-- A message's attachments, as delivered (name, size, type, dimensions, voice note waveform...).
ALTER TABLE gochat_messages ADD COLUMN attachments jsonb NULL;
