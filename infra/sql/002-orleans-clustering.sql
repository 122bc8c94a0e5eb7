-- 002-orleans-clustering.sql
--
-- Membership (cluster) tables, functions and queries for Microsoft.Orleans.Clustering.AdoNet
-- with the "Npgsql" invariant. Silos register themselves here, gossip their liveness
-- (IAmAliveTime) and vote on suspected silos; clients read the gateway list from it.
--
-- Optimistic concurrency: each deployment has one row in OrleansMembershipVersionTable whose
-- Version is bumped by every membership change; a change carrying a stale version is refused
-- (result 0) and Orleans re-reads and retries.
--
-- Query keys registered (all read by the 10.x provider): UpdateIAmAlivetimeKey,
-- InsertMembershipVersionKey, InsertMembershipKey, UpdateMembershipKey, MembershipReadRowKey,
-- MembershipReadAllKey, DeleteMembershipTableEntriesKey, GatewaysQueryKey,
-- CleanupDefunctSiloEntriesKey.
--
-- Requires 001-orleans-main.sql. Idempotent.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId
        PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Liveness heartbeat of one silo. Orleans never checks its outcome.
CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    deployment_id   varchar,
    address_arg     varchar,
    port_arg        integer,
    generation_arg  integer,
    i_am_alive_time timestamptz)
RETURNS void
LANGUAGE sql
AS $body$
    UPDATE OrleansMembershipTable AS m
       SET IAmAliveTime = i_am_alive_time
     WHERE m.DeploymentId = deployment_id
       AND m.Address      = address_arg
       AND m.Port         = port_arg
       AND m.Generation   = generation_arg;
$body$;

-- Creates the version row of a deployment. 1 = created, 0 = it already existed.
CREATE OR REPLACE FUNCTION insert_membership_version(
    DeploymentIdArg varchar)
RETURNS TABLE (row_count integer)
LANGUAGE sql
AS $body$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (DeploymentIdArg)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM created;
$body$;

-- Adds a silo row and bumps the deployment version, both or neither.
-- 1 = done; 0 = the silo row already exists or VersionArg is stale.
CREATE OR REPLACE FUNCTION insert_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    SiloNameArg     varchar,
    HostNameArg     varchar,
    StatusArg       integer,
    ProxyPortArg    integer,
    StartTimeArg    timestamptz,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $body$
DECLARE
    affected integer;
BEGIN
    row_count := 0;

    -- Inner block = savepoint: raising 'OR001' undoes the insert when the version is stale.
    BEGIN
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName,
             Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES
            (DeploymentIdArg, AddressArg, PortArg, GenerationArg, SiloNameArg, HostNameArg,
             StatusArg, ProxyPortArg, StartTimeArg, IAmAliveTimeArg)
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;

        GET DIAGNOSTICS affected = ROW_COUNT;

        IF affected > 0 THEN
            UPDATE OrleansMembershipVersionTable AS v
               SET Version   = v.Version + 1,
                   Timestamp = now()
             WHERE v.DeploymentId = DeploymentIdArg
               AND v.Version      = VersionArg;

            GET DIAGNOSTICS affected = ROW_COUNT;

            IF affected = 0 THEN
                RAISE EXCEPTION USING ERRCODE = 'OR001', MESSAGE = 'stale membership version';
            END IF;

            row_count := 1;
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'OR001' THEN
            row_count := 0;
    END;

    RETURN NEXT;
END
$body$;

-- Updates a silo row (status, suspicions, liveness) and bumps the deployment version,
-- both or neither. 1 = done; 0 = VersionArg is stale or the silo row does not exist.
CREATE OR REPLACE FUNCTION update_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    StatusArg       integer,
    SuspectTimesArg varchar,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $body$
DECLARE
    affected integer;
BEGIN
    row_count := 0;

    -- Inner block = savepoint: raising 'OR001' undoes the version bump when the row is missing.
    BEGIN
        UPDATE OrleansMembershipVersionTable AS v
           SET Version   = v.Version + 1,
               Timestamp = now()
         WHERE v.DeploymentId = DeploymentIdArg
           AND v.Version      = VersionArg;

        GET DIAGNOSTICS affected = ROW_COUNT;

        IF affected > 0 THEN
            UPDATE OrleansMembershipTable AS m
               SET Status       = StatusArg,
                   SuspectTimes = SuspectTimesArg,
                   IAmAliveTime = IAmAliveTimeArg
             WHERE m.DeploymentId = DeploymentIdArg
               AND m.Address      = AddressArg
               AND m.Port         = PortArg
               AND m.Generation   = GenerationArg;

            GET DIAGNOSTICS affected = ROW_COUNT;

            IF affected = 0 THEN
                RAISE EXCEPTION USING ERRCODE = 'OR001', MESSAGE = 'membership row not found';
            END IF;

            row_count := 1;
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'OR001' THEN
            row_count := 0;
    END;

    RETURN NEXT;
END
$body$;

-- The query texts the provider loads at start-up. Parameters are bound by Npgsql (@Name).
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'UpdateIAmAlivetimeKey',
    $q$
    SELECT update_i_am_alive_time(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);
    $q$
),
(
    'InsertMembershipVersionKey',
    $q$
    SELECT row_count FROM insert_membership_version(@DeploymentId);
    $q$
),
(
    'InsertMembershipKey',
    $q$
    SELECT row_count
      FROM insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                             @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
    $q$
),
(
    'UpdateMembershipKey',
    $q$
    SELECT row_count
      FROM update_membership(@DeploymentId, @Address, @Port, @Generation,
                             @Status, @SuspectTimes, @IAmAliveTime, @Version);
    $q$
),
(
    -- One row even when the silo is unknown, so the caller always gets the version.
    'MembershipReadRowKey',
    $q$
    SELECT v.DeploymentId,
           m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime,
           v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = v.DeploymentId
            AND m.Address      = @Address
            AND m.Port         = @Port
            AND m.Generation   = @Generation
     WHERE v.DeploymentId = @DeploymentId;
    $q$
),
(
    'MembershipReadAllKey',
    $q$
    SELECT v.DeploymentId,
           m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime,
           v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
    $q$
),
(
    'DeleteMembershipTableEntriesKey',
    $q$
    DELETE FROM OrleansMembershipTable        WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
    $q$
),
(
    -- Gateways = silos in the requested status (Active) that expose a proxy port.
    'GatewaysQueryKey',
    $q$
    SELECT m.Address, m.ProxyPort, m.Generation
      FROM OrleansMembershipTable AS m
     WHERE m.DeploymentId = @DeploymentId
       AND m.Status       = @Status
       AND m.ProxyPort    > 0;
    $q$
),
(
    -- Removes silos not heard from since @IAmAliveTime, except Active (3) ones.
    'CleanupDefunctSiloEntriesKey',
    $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND IAmAliveTime < @IAmAliveTime
       AND Status <> 3;
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
