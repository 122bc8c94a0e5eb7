#!/usr/bin/env bash
# Local backing services for the "Cluster" profile: PostgreSQL (Orleans ADO.NET clustering,
# persistence, reminders), Redis and Azurite (blob storage emulator), all on 127.0.0.1.
#
#   infra/local/services.sh up      install what is missing, start (or reuse) the services, apply
#                                   infra/sql/*.sql, then print the connection strings on stdout
#   infra/local/services.sh down    stop what this script started (nothing else)
#   infra/local/services.sh status  running/stopped per service
#   infra/local/services.sh reset   down, then delete the services' data
#
# No systemd: PostgreSQL runs from the Debian binaries (as the "postgres" OS user when run as
# root), Redis and Azurite as plain background processes tracked by pid files. Everything
# (data, logs, pid files, the PostgreSQL socket) lives under $SERVICES_DIR.
#
# Environment: SERVICES_DIR (default <repo>/.local/services), PG_PORT (55432), REDIS_PORT (56379),
# AZURITE_BLOB_PORT (10000), PG_EXTRA_OPTS (extra postgres options, e.g. "-c fsync=off"),
# SERVICES_TIMEOUT (seconds to wait for each service, 60).
#
# Only the connection-string lines of `up` go to stdout; every progress message goes to stderr.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd -P)"

SERVICES_DIR="${SERVICES_DIR:-$REPO_ROOT/.local/services}"
PG_PORT="${PG_PORT:-55432}"
REDIS_PORT="${REDIS_PORT:-56379}"
AZURITE_BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
PG_EXTRA_OPTS="${PG_EXTRA_OPTS:-}"
SERVICES_TIMEOUT="${SERVICES_TIMEOUT:-60}"

PG_USER_DB=instagram          # role, password and database name
SQL_DIR="$REPO_ROOT/infra/sql"
AZURITE_PKG_DIR="$SCRIPT_DIR/azurite"

# Well-known development account of the Azure Storage emulator (public, not a secret).
AZURITE_ACCOUNT=devstoreaccount1
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

case "$SERVICES_DIR" in /*) ;; *) SERVICES_DIR="$PWD/$SERVICES_DIR" ;; esac
for p in PG_PORT REDIS_PORT AZURITE_BLOB_PORT SERVICES_TIMEOUT; do
    [[ "${!p}" =~ ^[0-9]+$ ]] || die "$p must be a number (got '${!p}')"
done

PG_DIR="$SERVICES_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCKET_DIR="$PG_DIR/run"
PG_LOG="$PG_DIR/log/postgres.log"
REDIS_DIR="$SERVICES_DIR/redis"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"
REDIS_PORT_FILE="$REDIS_DIR/redis.port"
AZ_DIR="$SERVICES_DIR/azurite"
AZ_DATA="$AZ_DIR/data"
AZ_PID="$AZ_DIR/azurite.pid"
AZ_LOG="$AZ_DIR/azurite.log"
AZ_PORT_FILE="$AZ_DIR/azurite.port"

IS_ROOT=false
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=true

# ---------------------------------------------------------------------------------- helpers

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the pid stored in file $1 if that process is alive and its command line contains $2.
live_pid() {
    local file="$1" pattern="$2" pid
    [[ -s "$file" ]] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
    local cmdline
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ "$cmdline" == *"$pattern"* ]] || return 1
    printf '%s\n' "$pid"
}

# Sends SIGTERM to $1, waits up to $2 seconds, then SIGKILL.
stop_pid() {
    local pid="$1" wait_s="$2" i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < wait_s * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "pid $pid did not stop after ${wait_s}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

redis_ping() {
    [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

tail_log() {
    [[ -f "$1" ]] && { log "last lines of $1:"; tail -n 20 "$1" >&2 || true; }
    return 0
}

pg_bin_dir() {
    local d best=""
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/pg_ctl" && -x "$d/initdb" ]] || continue
        if [[ -z "$best" ]] || [[ "$(printf '%s\n%s\n' "$best" "$d" | sort -V | tail -n1)" == "$d" ]]; then
            best="$d"
        fi
    done
    [[ -n "$best" ]] && printf '%s\n' "$best"
}

# Runs a command as the OS user owning the PostgreSQL cluster (postgres when we are root).
as_pg() {
    if $IS_ROOT; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# --------------------------------------------------------------------------------- install

install_missing() {
    local pkgs=()
    pg_bin_dir >/dev/null || pkgs+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
    command -v redis-cli >/dev/null 2>&1 || pkgs+=(redis-tools)
    command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
    command -v npm >/dev/null 2>&1 || pkgs+=(npm)
    ((${#pkgs[@]} == 0)) && return 0

    local sudo=()
    if ! $IS_ROOT; then
        command -v sudo >/dev/null 2>&1 || die "missing packages (${pkgs[*]}) and not root: install them or re-run as root"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing packages (${pkgs[*]}) and no apt-get on this machine"

    log "installing: ${pkgs[*]}"
    # Keep the packages' maintainer scripts from starting their own system-wide daemons
    # (default postgres cluster on 5432, redis on 6379): we run our own instances.
    local policy=/usr/sbin/policy-rc.d created_policy=false
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod 755 "$policy"
        created_policy=true
        # shellcheck disable=SC2064 # expand now: remove exactly this file even if we are interrupted
        trap "${sudo[*]} rm -f '$policy'" EXIT
    fi
    local rc=0
    {
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"
    } >&2 || rc=$?
    if $created_policy; then "${sudo[@]}" rm -f "$policy"; trap - EXIT; fi
    ((rc == 0)) || die "apt-get failed (exit $rc)"

    pg_bin_dir >/dev/null || die "postgresql installed but no /usr/lib/postgresql/*/bin/pg_ctl found"
    command -v redis-server >/dev/null 2>&1 || die "redis-server still missing after install"
    command -v node >/dev/null 2>&1 || die "node still missing after install"
    command -v npm >/dev/null 2>&1 || die "npm still missing after install"
}

# ------------------------------------------------------------------------------- postgres

pg_running() {
    local bin
    bin="$(pg_bin_dir)" || return 1
    [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
    as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# Port the running server of our data dir listens on (4th line of postmaster.pid).
pg_running_port() {
    sed -n '4p' "$PG_DATA/postmaster.pid" 2>/dev/null | tr -dc '0-9'
}

pg_up() {
    local bin
    bin="$(pg_bin_dir)" || die "PostgreSQL binaries not found under /usr/lib/postgresql"

    mkdir -p "$PG_DIR"
    if $IS_ROOT; then
        id postgres >/dev/null 2>&1 || die "OS user 'postgres' does not exist (is the postgresql package installed?)"
        chown postgres:postgres "$PG_DIR"
    fi
    as_pg test -w "$PG_DIR" 2>/dev/null ||
        die "the postgres OS user cannot write to $PG_DIR (a parent directory is not traversable?); set SERVICES_DIR to another place, e.g. /var/tmp/instagram-services"
    as_pg mkdir -p "$PG_SOCKET_DIR" "$(dirname "$PG_LOG")"
    as_pg chmod 700 "$PG_SOCKET_DIR"
    local sock_path="$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT"
    ((${#sock_path} < 100)) || die "socket path too long for a unix socket ($sock_path); use a shorter SERVICES_DIR"

    if [[ ! -s "$PG_DATA/PG_VERSION" ]]; then
        if [[ -d "$PG_DATA" ]] && [[ -n "$(ls -A "$PG_DATA" 2>/dev/null)" ]]; then
            die "$PG_DATA exists but is not an initialised cluster; run '$0 reset' first"
        fi
        log "postgres: initdb in $PG_DATA"
        local pwfile
        pwfile="$(as_pg mktemp "$PG_DIR/.pwXXXXXX")"
        # shellcheck disable=SC2016 # $1/$2 are expanded by the inner sh
        as_pg sh -c 'umask 077; printf "%s\n" "$1" > "$2"' sh "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$pwfile"
        # Local (socket) connections are trusted: the socket lives in a 0700 directory of the
        # postgres user. TCP connections need a password (scram-sha-256).
        as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
            --auth-local=trust --auth-host=scram-sha-256 >&2 ||
            { as_pg rm -f "$pwfile"; die "initdb failed"; }
        as_pg rm -f "$pwfile"
    fi

    if pg_running; then
        local running_port
        running_port="$(pg_running_port)"
        [[ "$running_port" == "$PG_PORT" ]] ||
            die "postgres from $PG_DATA is already running on port $running_port, not PG_PORT=$PG_PORT; run '$0 down' first"
        log "postgres: already running on 127.0.0.1:$PG_PORT (reusing)"
    else
        port_open "$PG_PORT" && die "port $PG_PORT is used by another process; set PG_PORT to a free port"
        log "postgres: starting on 127.0.0.1:$PG_PORT"
        # Several silos, clients and test processes share one server: the default 100 connections is too few.
        local opts="-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='$PG_SOCKET_DIR' -c max_connections=400"
        [[ -n "$PG_EXTRA_OPTS" ]] && opts+=" $PG_EXTRA_OPTS"
        as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "$opts" -w -t "$SERVICES_TIMEOUT" start >&2 ||
            { tail_log "$PG_LOG"; die "postgres did not start"; }
    fi

    local i
    for ((i = 0; i < SERVICES_TIMEOUT; i++)); do
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
        sleep 1
    done
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" ||
        { tail_log "$PG_LOG"; die "postgres not ready on 127.0.0.1:$PG_PORT after ${SERVICES_TIMEOUT}s"; }

    # Superuser session through our private socket (trust auth). The owner gets CREATEROLE (not SUPERUSER), like the
    # Azure server administrator the schema job runs as, so infra/sql/007-app-role.sql can create the app role here too
    # (it does only when APP_DB_PASSWORD is set; the apps and tests connect as this owner).
    local psql_admin=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres)
    as_pg "${psql_admin[@]}" >&2 <<SQL || die "could not create role/database '$PG_USER_DB'"
DO \$do\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER_DB') THEN
        CREATE ROLE $PG_USER_DB LOGIN CREATEROLE PASSWORD '$PG_USER_DB';
    ELSE
        ALTER ROLE $PG_USER_DB LOGIN CREATEROLE PASSWORD '$PG_USER_DB';
    END IF;
END
\$do\$;
SELECT 'CREATE DATABASE $PG_USER_DB OWNER $PG_USER_DB'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$PG_USER_DB') \gexec
ALTER DATABASE $PG_USER_DB SET timezone TO 'UTC';
SQL

    # Schema, as the application role over TCP (exactly how the application connects).
    local f applied=0
    for f in "$SQL_DIR"/*.sql; do
        [[ -e "$f" ]] || continue
        PGPASSWORD="$PG_USER_DB" PGOPTIONS='-c client_min_messages=warning' \
            "$bin/psql" -X -q -v ON_ERROR_STOP=1 --single-transaction \
            -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER_DB" -d "$PG_USER_DB" -f "$f" >&2 ||
            die "applying $(basename "$f") failed"
        applied=$((applied + 1))
    done
    log "postgres: ready, $applied schema file(s) applied from infra/sql"
}

pg_down() {
    local bin
    if ! bin="$(pg_bin_dir)" || [[ ! -f "$PG_DATA/postmaster.pid" ]]; then
        log "postgres: not running"
        return 0
    fi
    if pg_running; then
        log "postgres: stopping"
        as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t "$SERVICES_TIMEOUT" stop >&2 ||
            die "postgres did not stop"
    else
        log "postgres: not running"
    fi
}

pg_status() {
    if pg_running; then
        echo "postgres: running (127.0.0.1:$(pg_running_port), data $PG_DATA)"
    else
        echo "postgres: stopped"
    fi
}

# ---------------------------------------------------------------------------------- redis

redis_up() {
    mkdir -p "$REDIS_DIR"
    local pid
    if pid="$(live_pid "$REDIS_PID" redis-server)"; then
        local running_port
        running_port="$(cat "$REDIS_PORT_FILE" 2>/dev/null || true)"
        [[ "$running_port" == "$REDIS_PORT" ]] ||
            die "redis from $REDIS_DIR (pid $pid) is already running on port ${running_port:-?}, not REDIS_PORT=$REDIS_PORT; run '$0 down' first"
        redis_ping || die "redis (pid $pid) from $REDIS_DIR does not answer on port $REDIS_PORT; run '$0 down' first"
        log "redis: already running on 127.0.0.1:$REDIS_PORT (pid $pid, reusing)"
        return 0
    fi
    rm -f "$REDIS_PID" "$REDIS_PORT_FILE"
    port_open "$REDIS_PORT" && die "port $REDIS_PORT is used by another process; set REDIS_PORT to a free port"

    log "redis: starting on 127.0.0.1:$REDIS_PORT"
    echo "$REDIS_PORT" >"$REDIS_PORT_FILE"
    # No RDB snapshots; the append-only file keeps the data across restarts.
    (cd "$REDIS_DIR" && redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 \
        --dir "$REDIS_DIR" --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" \
        --save "" --appendonly yes) >&2 || { tail_log "$REDIS_LOG"; die "redis-server failed to start"; }

    local i
    for ((i = 0; i < SERVICES_TIMEOUT * 5; i++)); do
        redis_ping && break
        sleep 0.2
    done
    redis_ping ||
        { tail_log "$REDIS_LOG"; die "redis not answering on 127.0.0.1:$REDIS_PORT after ${SERVICES_TIMEOUT}s"; }
    # The pid file is written right after daemonising; make sure it is there for `down`.
    for ((i = 0; i < 50; i++)); do live_pid "$REDIS_PID" redis-server >/dev/null && break; sleep 0.1; done
    log "redis: ready"
}

redis_down() {
    local pid
    if pid="$(live_pid "$REDIS_PID" redis-server)"; then
        log "redis: stopping (pid $pid)"
        stop_pid "$pid" "$SERVICES_TIMEOUT"
    else
        log "redis: not running"
    fi
    rm -f "$REDIS_PID" "$REDIS_PORT_FILE"
}

redis_status() {
    local pid
    if pid="$(live_pid "$REDIS_PID" redis-server)"; then
        echo "redis: running (127.0.0.1:$(cat "$REDIS_PORT_FILE" 2>/dev/null || echo '?'), pid $pid)"
    else
        echo "redis: stopped"
    fi
}

# -------------------------------------------------------------------------------- azurite

# Only the blob service is started (azurite-blob): the application uses blob storage only.
azurite_up() {
    mkdir -p "$AZ_DATA"
    local pid
    if pid="$(live_pid "$AZ_PID" azurite-blob)"; then
        local running_port
        running_port="$(cat "$AZ_PORT_FILE" 2>/dev/null || true)"
        [[ "$running_port" == "$AZURITE_BLOB_PORT" ]] ||
            die "azurite from $AZ_DIR (pid $pid) is already running on port ${running_port:-?}, not AZURITE_BLOB_PORT=$AZURITE_BLOB_PORT; run '$0 down' first"
        port_open "$AZURITE_BLOB_PORT" ||
            die "azurite (pid $pid) does not answer on port $AZURITE_BLOB_PORT; run '$0 down' first"
        log "azurite: already running on 127.0.0.1:$AZURITE_BLOB_PORT (pid $pid, reusing)"
        return 0
    fi
    rm -f "$AZ_PID" "$AZ_PORT_FILE"

    if [[ ! -d "$AZURITE_PKG_DIR/node_modules/azurite" ]]; then
        log "azurite: npm ci in infra/local/azurite"
        (cd "$AZURITE_PKG_DIR" && npm ci --no-audit --no-fund) >&2 || die "npm ci failed in $AZURITE_PKG_DIR"
    fi
    local bin="$AZURITE_PKG_DIR/node_modules/.bin/azurite-blob"
    [[ -e "$bin" ]] || die "$bin not found (delete $AZURITE_PKG_DIR/node_modules and retry)"

    port_open "$AZURITE_BLOB_PORT" &&
        die "port $AZURITE_BLOB_PORT is used by another process; set AZURITE_BLOB_PORT to a free port"

    log "azurite: starting blob service on 127.0.0.1:$AZURITE_BLOB_PORT"
    echo "$AZURITE_BLOB_PORT" >"$AZ_PORT_FILE"
    # exec all the way down, so $! is node itself (setsid would fork when the subshell leads a process group).
    (cd "$AZ_DIR" && exec nohup node "$bin" \
        --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" \
        --location "$AZ_DATA" --skipApiVersionCheck --disableTelemetry --silent --loose \
        </dev/null >>"$AZ_LOG" 2>&1) &
    echo $! >"$AZ_PID"

    local i
    for ((i = 0; i < SERVICES_TIMEOUT * 5; i++)); do
        port_open "$AZURITE_BLOB_PORT" && break
        # kill -0, not live_pid: until the subshell has exec'd node, its command line is still bash's.
        kill -0 "$(cat "$AZ_PID")" 2>/dev/null ||
            { tail_log "$AZ_LOG"; rm -f "$AZ_PID" "$AZ_PORT_FILE"; die "azurite exited during start-up"; }
        sleep 0.2
    done
    port_open "$AZURITE_BLOB_PORT" ||
        { tail_log "$AZ_LOG"; die "azurite not answering on 127.0.0.1:$AZURITE_BLOB_PORT after ${SERVICES_TIMEOUT}s"; }
    log "azurite: ready (pid $(cat "$AZ_PID"))"
}

azurite_down() {
    local pid
    if pid="$(live_pid "$AZ_PID" azurite-blob)"; then
        log "azurite: stopping (pid $pid)"
        stop_pid "$pid" 15
    else
        log "azurite: not running"
    fi
    rm -f "$AZ_PID" "$AZ_PORT_FILE"
}

azurite_status() {
    local pid
    if pid="$(live_pid "$AZ_PID" azurite-blob)"; then
        echo "azurite: running (blob 127.0.0.1:$(cat "$AZ_PORT_FILE" 2>/dev/null || echo '?'), pid $pid)"
    else
        echo "azurite: stopped"
    fi
}

# -------------------------------------------------------------------------------- commands

# Fails before anything is started when a port we need is held by a process that is not ours.
check_ports() {
    if ! pg_running && port_open "$PG_PORT"; then
        die "port $PG_PORT is used by another process; set PG_PORT to a free port"
    fi
    if ! live_pid "$REDIS_PID" redis-server >/dev/null && port_open "$REDIS_PORT"; then
        die "port $REDIS_PORT is used by another process; set REDIS_PORT to a free port"
    fi
    if ! live_pid "$AZ_PID" azurite-blob >/dev/null && port_open "$AZURITE_BLOB_PORT"; then
        die "port $AZURITE_BLOB_PORT is used by another process; set AZURITE_BLOB_PORT to a free port"
    fi
    return 0
}

cmd_up() {
    install_missing
    check_ports
    mkdir -p "$SERVICES_DIR"
    pg_up
    redis_up
    azurite_up
    log "all services up (data in $SERVICES_DIR)"
    printf '%s\n' \
        "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Database=$PG_USER_DB;Username=$PG_USER_DB;Password=$PG_USER_DB" \
        "ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT" \
        "ConnectionStrings__Blobs=DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/$AZURITE_ACCOUNT;"
}

cmd_down() {
    azurite_down
    redis_down
    pg_down
}

cmd_status() {
    pg_status
    redis_status
    azurite_status
    return 0
}

cmd_reset() {
    cmd_down
    local d
    for d in "$PG_DIR" "$REDIS_DIR" "$AZ_DIR"; do
        if [[ -d "$d" ]]; then
            log "deleting $d"
            rm -rf -- "$d"
        fi
    done
    rmdir -- "$SERVICES_DIR" 2>/dev/null || true
}

usage() {
    echo "usage: $0 up|down|status|reset" >&2
    exit 2
}

[[ $# -eq 1 ]] || usage
case "$1" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    *) usage ;;
esac
