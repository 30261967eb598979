#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests, in a directory of its own.
#
#   postgres.sh start DIR   initdb in DIR/data, start listening on 127.0.0.1 at a
#                           free port and on a unix socket in DIR, create a role
#                           and a database it owns; print the conninfo (without
#                           the password) on stdout. Also writes DIR/conninfo and
#                           DIR/password (mode 600).
#   postgres.sh stop DIR    stop it (fast shutdown); DIR stays for the caller to remove.
#
# The server never runs as root: when started by root (as in CI) it runs as the
# system user `quaitest` (created if missing) and DIR is handed to that user, so
# DIR's parents must be traversable by others (/tmp/... is). Role and database
# names come from QUAI_PG_USER and QUAI_PG_DATABASE (default quai_test); the
# password from QUAI_PG_PASSWORD (default: a random one).
#
# Exit codes: 0 done; 77 PostgreSQL 15 is not installed (the caller decides
# whether that skips or fails: QUAI_REQUIRE_SERVICES=1 means fail); 1 anything else.
set -euo pipefail

BIN=${QUAI_PG_BIN:-/usr/lib/postgresql/15/bin}
ACCOUNT=quaitest

die() { echo "postgres.sh: $*" >&2; exit 1; }
usage() { die "usage: postgres.sh start|stop DIR"; }

[ $# -eq 2 ] || usage
command=$1
dir=$(realpath -m "$2")

if [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "postgres.sh: PostgreSQL 15 is not installed ($BIN/initdb missing; apt-get install postgresql-15)" >&2
  exit 77
fi

# as_owner CMD...: runs CMD as the user that owns the server.
if [ "$(id -u)" -eq 0 ]; then
  as_owner() { runuser -u "$ACCOUNT" -- "$@"; }
else
  as_owner() { "$@"; }
fi

start() {
  if [ "$(id -u)" -eq 0 ]; then
    # Tests start servers in parallel: a useradd that loses the race for
    # /etc/passwd's lock is tried again, and one that finds the user made is done.
    local try
    for try in 1 2 3 4 5; do
      id "$ACCOUNT" >/dev/null 2>&1 && break
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ACCOUNT" 2>/dev/null ||
        sleep 1
    done
    id "$ACCOUNT" >/dev/null 2>&1 || die "cannot create the system user $ACCOUNT"
    mkdir -p "$dir"
    chown "$ACCOUNT" "$dir"
    chmod 700 "$dir"
    as_owner test -w "$dir" || die "$ACCOUNT cannot write to $dir (are its parent directories closed to others?)"
  else
    mkdir -p "$dir"
  fi
  [ ! -e "$dir/data" ] || die "$dir/data already exists"

  local role=${QUAI_PG_USER:-quai_test}
  local database=${QUAI_PG_DATABASE:-quai_test}
  local password=${QUAI_PG_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
  [[ $role =~ ^[a-z_][a-z0-9_]*$ ]] || die "role name '$role' must be a plain lower-case identifier"
  [[ $database =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '$database' must be a plain lower-case identifier"

  # The superuser `postgres` has no password and may connect only through the
  # socket in DIR; everyone else needs a password (SCRAM).
  as_owner "$BIN/initdb" --pgdata="$dir/data" --username=postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -5 "$dir/initdb.log")"

  # A free port: try random ones until the server binds one.
  local port="" attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    local candidate=$((20000 + RANDOM % 40000))
    if as_owner "$BIN/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
      -o "-c listen_addresses=127.0.0.1 -p $candidate -k $dir -c fsync=off -c max_connections=100 -c shared_buffers=16MB" \
      start >/dev/null 2>&1; then
      port=$candidate
      break
    fi
    grep -q "could not bind\|could not create any TCP/IP sockets\|Address already in use" "$dir/server.log" ||
      die "the server did not start: $(tail -5 "$dir/server.log")"
  done
  [ -n "$port" ] || die "no free port found after 8 attempts: $(tail -3 "$dir/server.log")"

  local waited=0
  until pg_isready --quiet --host=127.0.0.1 --port="$port" --timeout=2; do
    waited=$((waited + 1))
    [ $waited -lt 60 ] || die "the server on port $port is not ready after 60 s: $(tail -5 "$dir/server.log")"
    sleep 1
  done

  # The password goes through psql's variable quoting (:'password'), never a command line.
  printf '%s' "$password" >"$dir/password"
  chmod 600 "$dir/password"
  as_owner "$BIN/psql" --quiet --no-psqlrc --set=ON_ERROR_STOP=1 --host="$dir" --port="$port" \
    --username=postgres --dbname=postgres --set=role="$role" --set=database="$database" \
    --set=password="$password" >/dev/null <<'SQL' || die "could not create the role and database"
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
SQL

  local conninfo="host=127.0.0.1 port=$port dbname=$database user=$role"
  echo "$conninfo" >"$dir/conninfo"
  echo "$conninfo"
}

stop() {
  [ -d "$dir/data" ] || die "no server in $dir"
  if ! as_owner "$BIN/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --timeout=60 stop >/dev/null 2>&1; then
    # pg_ctl status: 0 running, 3 not running (already stopped is fine).
    if as_owner "$BIN/pg_ctl" --pgdata="$dir/data" status >/dev/null 2>&1; then
      die "could not stop the server in $dir"
    fi
  fi
}

case $command in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
