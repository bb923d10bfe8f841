-- 0004: durable reminders for UseAdoNetReminderService.
--
-- Why: the ADO.NET reminder table reads these keys from orleansquery (see 0001) at start-up and fails
-- if any is missing: ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key, ReadRangeRows2Key,
-- UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey.
--
-- Parameters: @ServiceId (ClusterOptions.ServiceId), @GrainId (GrainId.ToString(), e.g. "user/42"),
-- @ReminderName, @StartTime (UTC), @Period (milliseconds, int or bigint), @GrainHash
-- (GrainId.GetUniformHashCode() as a signed int), @BeginHash / @EndHash (a ring range, signed ints)
-- and @Version (the reminder's ETag). Result columns read by name: grainid, remindername, starttime,
-- period (as int64), version.
--
-- Ranges: each silo owns the reminders whose grainhash lies in (BeginHash, EndHash] on the hash ring.
-- The provider picks ReadRangeRows1Key when BeginHash < EndHash as signed ints (a plain interval) and
-- ReadRangeRows2Key otherwise (the range wraps past the end of the ring, or covers all of it when
-- BeginHash = EndHash).

CREATE TABLE orleansreminderstable
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    period       bigint      NOT NULL,   -- milliseconds
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT orleansreminderstable_pk PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX orleansreminderstable_hash_ix ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadReminderRowsKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainid = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainid = @GrainId
   AND remindername = @ReminderName;
$q$),

-- Plain interval (BeginHash, EndHash].
('ReadRangeRows1Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainhash > @BeginHash
   AND grainhash <= @EndHash;
$q$),

-- Wrapping interval: above BeginHash or up to EndHash.
('ReadRangeRows2Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

-- Insert or replace; every upsert yields a new version (the new ETag), returned as "version".
('UpsertReminderRowKey', $q$
INSERT INTO orleansreminderstable AS r
    (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
   SET starttime = excluded.starttime,
       period = excluded.period,
       grainhash = excluded.grainhash,
       version = CASE WHEN r.version = 2147483647 THEN 0 ELSE r.version + 1 END
RETURNING r.version;
$q$),

-- Deletes only the expected version; always one row with one boolean (true = deleted).
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 AS deleted FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;
$q$);
