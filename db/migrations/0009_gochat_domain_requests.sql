-- Domain requests (issue 12, finding 1: domain takeover). A domain row is now a request until it is active:
--   status 1 = pending consent of consent_agency_id (the agency whose domain contains this one),
--          2 = pending a platform admin's approval, 3 = active.
-- Only active rows decide where a sign-up lands. The primary key on domain keeps pending and active rows unique
-- across agencies; the checks below keep a row from becoming active without its approval and any consent it needs,
-- whatever code writes it. The hierarchy rules (none above another agency's domain, consent inside one) are checked
-- by DomainPolicy inside the inserting transaction under an advisory lock, so two racing requests cannot both pass.
ALTER TABLE gochat_agency_domains
    ADD COLUMN status            smallint    NOT NULL DEFAULT 3,
    ADD COLUMN consent_agency_id uuid        NULL REFERENCES gochat_agencies (id),
    ADD COLUMN consented_by      uuid        NULL,
    ADD COLUMN consented_at      timestamptz NULL,
    ADD COLUMN approved_by       uuid        NULL,
    ADD COLUMN approved_at       timestamptz NULL,
    ADD COLUMN requested_by      uuid        NULL,
    ADD COLUMN requested_at      timestamptz NOT NULL DEFAULT now();

-- Domains stored before this migration were added under the old rules; they stay active, approved by the migration
-- (approved_by NULL says so).
UPDATE gochat_agency_domains SET approved_at = requested_at;
ALTER TABLE gochat_agency_domains ALTER COLUMN status DROP DEFAULT;

ALTER TABLE gochat_agency_domains
    ADD CONSTRAINT gochat_agency_domains_status CHECK (status IN (1, 2, 3)),
    ADD CONSTRAINT gochat_agency_domains_active_is_approved CHECK (status <> 3 OR approved_at IS NOT NULL),
    ADD CONSTRAINT gochat_agency_domains_consent_before_approval
        CHECK (status = 1 OR consent_agency_id IS NULL OR consented_at IS NOT NULL),
    ADD CONSTRAINT gochat_agency_domains_consent_of_another CHECK (consent_agency_id IS DISTINCT FROM agency_id);

CREATE INDEX gochat_agency_domains_pending ON gochat_agency_domains (status) WHERE status <> 3;
CREATE INDEX gochat_agency_domains_consent ON gochat_agency_domains (consent_agency_id) WHERE consent_agency_id IS NOT NULL;
