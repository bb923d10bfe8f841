-- 0003: grain state for AddAdoNetGrainStorage (every storage name, e.g. "Default", shares this table).
--
-- Why: the ADO.NET grain storage provider loads only the keys WriteToStorageKey, ReadFromStorageKey,
-- ClearStorageKey and (optional, needed for DeleteStateOnClear = true) DeleteStorageKey from
-- orleansquery (see 0001). Every call passes the same identity parameters, computed in .NET:
--   @GrainIdHash, @GrainTypeHash  32-bit hashes of the grain key and of @GrainTypeString
--   @GrainIdN0, @GrainIdN1        the Guid key as two int64, or 0 and the integer key
--   @GrainIdExtensionString       key extension, or the whole key of string-keyed grains (may be NULL)
--   @GrainTypeString              the *state name* (e.g. the [PersistentState("name")] argument)
--   @ServiceId                    ClusterOptions.ServiceId
-- plus @GrainStateVersion (the ETag the grain holds, NULL when it has never stored anything) and, on
-- write, @PayloadBinary.
--
-- The hashes only narrow the search; a row is identified by all of the values above, so hash
-- collisions cannot mix two grains' state. NOTE: the provider sends neither the grain's type nor the
-- storage name, so two grain classes that use the same key AND the same state name share one row;
-- give every persistent state in GoChat a name unique across grain classes. Likewise a string key
-- made only of digits is sent as an integer key, so "020235" and "20235" share a row: prefix such keys.
--
-- Versioning (optimistic concurrency): the version is the ETag. A write or clear succeeds only if
-- @GrainStateVersion equals the stored version (or, for a first write, no row exists) and returns the
-- new version; otherwise it returns no row, which the provider turns into InconsistentStateException.

CREATE TABLE orleansstorage
(
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    graintypehash          integer     NOT NULL,
    graintypestring        text        NOT NULL,
    grainidextensionstring text        NULL,
    serviceid              text        NOT NULL,
    payloadbinary          bytea       NULL,   -- NULL after ClearStateAsync: row kept, version kept
    version                integer     NOT NULL,
    modifiedon             timestamptz NOT NULL DEFAULT now()
);

-- One row per grain state. The two text parts are indexed through md5 so that long keys never hit the
-- btree entry size limit; NULLS NOT DISTINCT (PostgreSQL 15+) keeps "no extension" unique as well,
-- and md5(NULL) stays NULL, so NULL and '' remain different identities.
-- The leading hash columns also make this the lookup index for every query below.
CREATE UNIQUE INDEX orleansstorage_identity_ux
    ON orleansstorage (grainidhash, graintypehash, grainidn0, grainidn1, serviceid,
                       md5(graintypestring), md5(grainidextensionstring))
    NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- No row: never written. Row with NULL payload: cleared (the version is still returned as ETag).
('ReadFromStorageKey', $q$
SELECT payloadbinary, version
  FROM orleansstorage
 WHERE grainidhash = @GrainIdHash
   AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND serviceid = @ServiceId
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- First write (@GrainStateVersion IS NULL) inserts version 1; ON CONFLICT turns a concurrent first
-- write into "no row" (a conflict) instead of an error. Later writes update only the expected version.
-- The version wraps from 2147483647 to 1 instead of overflowing.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleansstorage
       SET payloadbinary = @PayloadBinary,
           version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END,
           modifiedon = now()
     WHERE @GrainStateVersion IS NOT NULL
       AND grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND serviceid = @ServiceId
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
         grainidextensionstring, serviceid, payloadbinary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT (grainidhash, graintypehash, grainidn0, grainidn1, serviceid,
                 md5(graintypestring), md5(grainidextensionstring))
    DO NOTHING
    RETURNING version
)
SELECT version AS newgrainstateversion FROM updated
UNION ALL
SELECT version FROM inserted;
$q$),

-- Clear keeps the row (payload NULL) and advances the version; the new version is the grain's ETag.
('ClearStorageKey', $q$
UPDATE orleansstorage
   SET payloadbinary = NULL,
       version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END,
       modifiedon = now()
 WHERE grainidhash = @GrainIdHash
   AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND serviceid = @ServiceId
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version;
$q$),

-- DeleteStateOnClear = true: removes the row. The provider treats a returned value equal to the ETag
-- it sent as a conflict, so the "next" version is returned (the grain's ETag becomes NULL anyway).
('DeleteStorageKey', $q$
DELETE FROM orleansstorage
 WHERE grainidhash = @GrainIdHash
   AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND serviceid = @ServiceId
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END AS version;
$q$);
