-- 0002: cluster membership for UseAdoNetClustering (silos) and the ADO.NET gateway list (clients).
--
-- Why: Orleans 10's clustering provider keeps one version row per cluster (ClusterId, passed as
-- @DeploymentId) and one row per silo incarnation (address, port, generation). Every membership
-- change must move the version forward by exactly one, compare-and-swap style, and fail (return
-- false, not raise) when the caller's version is stale. The provider finds the SQL below in
-- orleansquery by key (see 0001).
--
-- Keys it requires: InsertMembershipVersionKey, InsertMembershipKey, UpdateMembershipKey,
-- UpdateIAmAlivetimeKey, MembershipReadRowKey, MembershipReadAllKey, GatewaysQueryKey,
-- DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey. Optional since 10.x and provided
-- here: CleanupDefunctSiloEntryKey (per-row cleanup of Dead silos; when present the provider uses it
-- instead of CleanupDefunctSiloEntriesKey).
--
-- Timestamps are timestamptz: the provider sends UTC DateTimes with DbType.DateTime, which Npgsql
-- sends as timestamptz, so no session time zone is ever involved.
-- Silo status numbers are Orleans' SiloStatus: 3 = Active, 6 = Dead.

CREATE TABLE orleansmembershipversiontable
(
    deploymentid text        NOT NULL,
    modifiedon   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT orleansmembershipversiontable_pk PRIMARY KEY (deploymentid)
);

CREATE TABLE orleansmembershiptable
(
    deploymentid text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    proxyport    integer     NOT NULL DEFAULT 0,
    suspecttimes text        NULL,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    CONSTRAINT orleansmembershiptable_pk PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT orleansmembershiptable_version_fk FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Adds a silo row and bumps the cluster version, both or neither.
-- Lock order (version row first, then silo row) is the same as in orleans_membership_update.
CREATE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
BEGIN
    -- The EXCEPTION clause makes this block a savepoint: if the silo row already exists, the
    -- version bump made inside the block is undone too and the caller simply gets false.
    BEGIN
        UPDATE orleansmembershipversiontable
           SET version = version + 1,
               modifiedon = now()
         WHERE deploymentid = p_deployment_id
           AND version = p_version;
        IF NOT FOUND THEN
            RETURN false;  -- stale table version (or no version row): nothing was changed
        END IF;

        INSERT INTO orleansmembershiptable
            (deploymentid, address, port, generation, siloname, hostname,
             status, proxyport, starttime, iamalivetime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
             p_status, coalesce(p_proxy_port, 0), p_start_time, p_i_am_alive_time);

        RETURN true;
    EXCEPTION
        WHEN unique_violation THEN
            RETURN false;
    END;
END;
$$;

-- Changes a silo's status/suspicions and bumps the cluster version, both or neither.
CREATE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
BEGIN
    BEGIN
        UPDATE orleansmembershipversiontable
           SET version = version + 1,
               modifiedon = now()
         WHERE deploymentid = p_deployment_id
           AND version = p_version;
        IF NOT FOUND THEN
            RETURN false;
        END IF;

        -- Heartbeats write iamalivetime on their own (UpdateIAmAlivetimeKey); an update built from an
        -- older snapshot must not move it backwards.
        UPDATE orleansmembershiptable
           SET status = p_status,
               suspecttimes = p_suspect_times,
               iamalivetime = greatest(iamalivetime, p_i_am_alive_time)
         WHERE deploymentid = p_deployment_id
           AND address = p_address
           AND port = p_port
           AND generation = p_generation;
        IF NOT FOUND THEN
            -- No such silo: undo the version bump above (rolls back to the block's savepoint).
            RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'GC001';
        END IF;

        RETURN true;
    EXCEPTION
        WHEN SQLSTATE 'GC001' THEN
            RETURN false;
    END;
END;
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the cluster's version row if missing. One row, one boolean: true when it was created.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid)
    VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 AS created FROM created;
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS inserted;
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS updated;
$q$),

-- Heartbeat: touches only the silo's own row and never the version (result is not read).
('UpdateIAmAlivetimeKey', $q$
UPDATE orleansmembershiptable
   SET iamalivetime = greatest(iamalivetime, @IAmAliveTime)
 WHERE deploymentid = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation;
$q$),

-- The version row always comes back (left join); silo columns are NULL when the silo is unknown,
-- which the provider detects through a NULL starttime.
('MembershipReadRowKey', $q$
SELECT m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable AS v
  LEFT JOIN orleansmembershiptable AS m
         ON m.deploymentid = v.deploymentid
        AND m.address = @Address
        AND m.port = @Port
        AND m.generation = @Generation
 WHERE v.deploymentid = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable AS v
  LEFT JOIN orleansmembershiptable AS m
         ON m.deploymentid = v.deploymentid
 WHERE v.deploymentid = @DeploymentId;
$q$),

-- Used by clients (and silos) to find gateways; @Status is always Active (3).
('GatewaysQueryKey', $q$
SELECT address, proxyport, generation
  FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND status = @Status
   AND proxyport > 0;
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),

-- Legacy bulk cleanup: Dead silos that neither started nor heartbeated since the cut-off.
-- Still required by the provider at start-up, but unused while CleanupDefunctSiloEntryKey exists.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND status = 6
   AND iamalivetime < @IAmAliveTime
   AND starttime < @IAmAliveTime;
$q$),

-- Per-row cleanup: the provider reads the table, picks Dead rows older than its cut-off and deletes
-- each one only if it is still exactly as read (start, heartbeat and suspicion list unchanged).
-- It deliberately does not touch the version row.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND starttime = @StartTime
   AND iamalivetime = @IAmAliveTime
   AND coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '');
$q$);
