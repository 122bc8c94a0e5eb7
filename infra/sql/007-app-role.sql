-- 007-app-role.sql
--
-- The least-privilege role the silos and the Api connect as (default name instagram_app). The schema job runs every
-- infra/sql file as the server administrator (which owns the tables); the applications only read and write rows:
--
--   * LOGIN, and none of SUPERUSER, CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS; member of no other role;
--   * SELECT, INSERT, UPDATE, DELETE on the tables of schema public (UPDATE also covers the search rebuild's
--     LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE), USAGE/SELECT/UPDATE on the sequences (nextval('search_stamp')),
--     EXECUTE on the Orleans ADO.NET functions;
--   * no TRUNCATE, REFERENCES or TRIGGER, owns nothing, no CREATE on the schema or the database: it cannot create,
--     alter or drop a table.
-- ALTER DEFAULT PRIVILEGES extends the same rights to tables, sequences and functions the role running this file (the
-- administrator) creates later, e.g. in a future 008-*.sql of the same schema run.
--
-- Inputs (psql variables, read from the environment with \getenv, so the password never appears on a command line):
--   APP_DB_PASSWORD  the role's password (>= 12 characters). Set: the role is created if missing and its password is
--                    (re)set, so changing the secret and re-running the schema job rotates it. The schema job always
--                    sets it (apply-schema.sh refuses to run without it).
--                    Not set (infra/local/services.sh, where the apps connect as the database owner): no role is created;
--                    the grants are refreshed only if the role already exists.
--   APP_DB_ROLE      the role's name; default instagram_app.
-- The administrator needs CREATEROLE (Azure's server administrator has it). Idempotent.

\getenv app_password APP_DB_PASSWORD
\getenv app_role APP_DB_ROLE
\if :{?app_role}
\else
\set app_role instagram_app
\endif

-- Transaction-local settings, for the DO blocks below (psql does not substitute variables inside them).
SELECT set_config('instagram.app_role', :'app_role', true) AS app_role_setting \gset

\if :{?app_password}
SELECT set_config('instagram.app_password', :'app_password', true) AS app_password_setting \gset
DO $$
DECLARE
    role_name text := current_setting('instagram.app_role');
    password  text := current_setting('instagram.app_password');
BEGIN
    IF length(password) < 12 THEN
        RAISE EXCEPTION 'APP_DB_PASSWORD must have at least 12 characters';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
        EXECUTE format('CREATE ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', role_name);
    END IF;
    EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L', role_name, password);
END
$$;
SELECT set_config('instagram.app_password', '', true) AS app_password_setting \gset
\endif

SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') AS app_role_exists \gset
\if :app_role_exists

SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app_role') \gexec
GRANT USAGE ON SCHEMA public TO :"app_role";

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
GRANT EXECUTE ON FUNCTION
    update_i_am_alive_time, insert_membership_version, insert_membership, update_membership,
    writetostorage, upsert_reminder_row, delete_reminder_row
    TO :"app_role";

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO :"app_role";

-- Refuse to finish if the role can do more than it should (e.g. someone widened it by hand).
DO $$
DECLARE
    role_name text := current_setting('instagram.app_role');
    r pg_roles;
BEGIN
    SELECT * INTO r FROM pg_roles WHERE rolname = role_name;
    IF r.rolsuper OR r.rolcreatedb OR r.rolcreaterole OR r.rolreplication OR r.rolbypassrls THEN
        RAISE EXCEPTION 'role % must be a plain login (it has rolsuper, rolcreatedb, rolcreaterole, rolreplication or rolbypassrls)', role_name;
    END IF;
    IF EXISTS (SELECT FROM pg_auth_members WHERE member = r.oid) THEN
        RAISE EXCEPTION 'role % must not be a member of other roles', role_name;
    END IF;
    IF has_schema_privilege(r.oid, 'public', 'CREATE') OR has_database_privilege(r.oid, current_database(), 'CREATE') THEN
        RAISE EXCEPTION 'role % must not be able to create objects (revoke CREATE on schema public / the database)', role_name;
    END IF;
    IF EXISTS (SELECT FROM pg_class WHERE relowner = r.oid) OR EXISTS (SELECT FROM pg_proc WHERE proowner = r.oid)
       OR EXISTS (SELECT FROM pg_namespace WHERE nspowner = r.oid) THEN
        RAISE EXCEPTION 'role % must not own tables, functions or schemas', role_name;
    END IF;
END
$$;

\else
\echo '007-app-role.sql: APP_DB_PASSWORD is not set and role' :"app_role" 'does not exist: no application role (the apps connect as the database owner)'
\endif
