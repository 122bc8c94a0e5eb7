-- 001-orleans-main.sql
--
-- Shared part of the Orleans ADO.NET schema for PostgreSQL (ADO.NET invariant "Npgsql").
--
-- Every Orleans ADO.NET provider (clustering, persistence, reminders) starts by loading
-- the SQL it will run from the OrleansQuery table, looked up by QueryKey. The later
-- scripts (002..004) create the provider tables/functions and register their queries here.
--
-- Contract notes (shared by all scripts in this folder):
--   * Orleans binds parameters by name (@Name) and reads results by column name/ordinal,
--     so names and result shapes must stay as they are; the SQL behind them may change.
--   * Queries answering "did it work?" return one integer column: > 0 means success.
--   * Every script is idempotent: it is applied on each `infra/local/services.sh up`.
--
-- Written for PostgreSQL 15 (Debian 12); needs 9.5+ (ON CONFLICT).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
