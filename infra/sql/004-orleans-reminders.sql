-- 004-orleans-reminders.sql
--
-- Durable reminders for Microsoft.Orleans.Reminders.AdoNet with the "Npgsql" invariant.
--
-- One row per (service, grain, reminder name). GrainHash is the grain's uniform hash: each
-- silo reads the reminders of its slice of the hash ring (ReadRangeRows1Key for a plain range,
-- ReadRangeRows2Key when the range wraps around). Version is the reminder's ETag.
-- Period is stored in milliseconds.
--
-- Query keys registered: UpsertReminderRowKey, ReadReminderRowsKey, ReadReminderRowKey,
-- ReadRangeRows1Key, ReadRangeRows2Key, DeleteReminderRowKey, DeleteReminderRowsKey.
--
-- Requires 001-orleans-main.sql. Idempotent.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Serves the hash-range reads every silo does when it (re)acquires its ring range.
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Creates a reminder at version 0 or replaces its schedule and bumps the version.
-- Returns the row's version (the new ETag). PL/pgSQL rather than SQL: its statement plan is cached per connection,
-- where a SQL function with ON CONFLICT is planned again on every call (most of the cost of a reminder's upsert).
CREATE OR REPLACE FUNCTION upsert_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    StartTimeArg    timestamptz,
    PeriodArg       bigint,
    GrainHashArg    integer)
RETURNS TABLE (version integer)
LANGUAGE plpgsql
AS $body$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (ServiceIdArg, GrainIdArg, ReminderNameArg, StartTimeArg, PeriodArg, GrainHashArg, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
       SET StartTime = EXCLUDED.StartTime,
           Period    = EXCLUDED.Period,
           GrainHash = EXCLUDED.GrainHash,
           Version   = r.Version + 1
    RETURNING r.Version;
END
$body$;

-- Deletes one reminder if it is still at VersionArg. Returns the number of rows deleted (0/1). PL/pgSQL for the
-- same reason as above.
CREATE OR REPLACE FUNCTION delete_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    VersionArg      integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $body$
DECLARE
    deleted integer;
BEGIN
    DELETE FROM OrleansRemindersTable AS r
     WHERE r.ServiceId    = ServiceIdArg
       AND r.GrainId      = GrainIdArg
       AND r.ReminderName = ReminderNameArg
       AND r.Version      = VersionArg;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN QUERY SELECT deleted;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'UpsertReminderRowKey',
    $q$
    SELECT version AS Version
      FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash);
    $q$
),
(
    'ReadReminderRowsKey',
    $q$
    SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId = @ServiceId
       AND r.GrainId   = @GrainId;
    $q$
),
(
    'ReadReminderRowKey',
    $q$
    SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId    = @ServiceId
       AND r.GrainId      = @GrainId
       AND r.ReminderName = @ReminderName;
    $q$
),
(
    -- Range (@BeginHash, @EndHash] when BeginHash < EndHash.
    'ReadRangeRows1Key',
    $q$
    SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId = @ServiceId
       AND r.GrainHash > @BeginHash
       AND r.GrainHash <= @EndHash;
    $q$
),
(
    -- Wrapped range: everything above @BeginHash plus everything up to @EndHash.
    'ReadRangeRows2Key',
    $q$
    SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId = @ServiceId
       AND (r.GrainHash > @BeginHash OR r.GrainHash <= @EndHash);
    $q$
),
(
    'DeleteReminderRowKey',
    $q$
    SELECT row_count
      FROM delete_reminder_row(@ServiceId, @GrainId, @ReminderName, @Version);
    $q$
),
(
    'DeleteReminderRowsKey',
    $q$
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId;
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
