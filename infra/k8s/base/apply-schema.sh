#!/bin/sh
# Applies the Orleans schema (every /schema/*.sql, in name order, each in one transaction) to the PostgreSQL
# database named by the libpq variables PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (and PGSSLMODE).
# The files are idempotent, so running this on every deployment is safe. Used by the Kubernetes Job
# (base/schema-job.yaml) and, through loadTextContent(), by the Container Apps Job (azure/modules/schema-job.bicep).
# PGUSER is the administrator (it owns the tables); APP_DB_PASSWORD (required) and APP_DB_ROLE (default instagram_app)
# are the least-privilege role the apps connect as, which 007-app-role.sql creates and whose password it (re)sets.
set -eu
if [ -z "${APP_DB_PASSWORD:-}" ]; then
  echo "APP_DB_PASSWORD is not set: the apps' database role (APP_DB_ROLE, default instagram_app) needs a password" >&2
  exit 1
fi
export APP_DB_PASSWORD
schema_dir="${SCHEMA_DIR:-/schema}"
tries=0
until pg_isready -q; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "PostgreSQL at ${PGHOST:-?}:${PGPORT:-5432} did not answer" >&2
    exit 1
  fi
  sleep 5
done
applied=0
for f in "$schema_dir"/*.sql; do
  [ -e "$f" ] || continue
  echo "applying $(basename "$f")"
  psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$f"
  applied=$((applied + 1))
done
if [ "$applied" -eq 0 ]; then
  echo "no .sql files in $schema_dir" >&2
  exit 1
fi
echo "schema applied ($applied files)"
