#!/usr/bin/env bash
# A throwaway Tryton 6.0 server for the ERP tests: SQLite database in a fresh
# temporary directory, modules purchase + stock_lot_sled (and what they need),
# listening on 127.0.0.1 on a free port, run as an unprivileged user.
#
#   tryton.sh start         prints url=..., database=..., user=..., password=...,
#                           dir=... (one per line) once the server answers
#   tryton.sh stop DIR      stops the server started in DIR and removes DIR
#
# Needs Debian's tryton-server and tryton-modules-* (scripts/test.sh installs them).
# Exit 77 when trytond is not installed. Runs as root (then the server runs as
# the system user quaitest, created if missing) or as any user (then as that user).
set -euo pipefail

DATABASE=quai
ADMIN_PASSWORD=quai-test-admin
MODULES=(purchase stock_lot_sled)

die() { echo "tryton.sh: $*" >&2; exit 1; }

# as_server_user COMMAND...: runs COMMAND as the server's user.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u quaitest -- "$@"
  else
    "$@"
  fi
}

start() {
  command -v trytond >/dev/null && command -v trytond-admin >/dev/null || {
    echo "tryton.sh: trytond is not installed (apt-get install tryton-server tryton-modules-purchase tryton-modules-stock-lot-sled)" >&2
    exit 77
  }
  if [ "$(id -u)" -eq 0 ] && ! id quaitest >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin quaitest
  fi
  local dir port
  dir=$(mktemp -d /tmp/quai-tryton.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown quaitest: "$dir"
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # Our own configuration only: never /etc/tryton/trytond.conf, nor the package's service.
  as_server_user tee "$dir/trytond.conf" >/dev/null <<CONF
[database]
uri = sqlite://
path = $dir
[web]
listen = 127.0.0.1:$port
root = $dir/www
[session]
max_attempt = 1000
CONF
  as_server_user mkdir "$dir/www"
  as_server_user touch "$dir/$DATABASE.sqlite"
  as_server_user sh -c "printf '%s' '$ADMIN_PASSWORD' > '$dir/admin-password'"
  if ! as_server_user env -u TRYTOND_CONFIG -u TRYTOND_DATABASE_URI TRYTONPASSFILE="$dir/admin-password" \
      trytond-admin -c "$dir/trytond.conf" -d "$DATABASE" --email admin@example.com \
      -u "${MODULES[@]}" --activate-dependencies >"$dir/admin.log" 2>&1; then
    tail -20 "$dir/admin.log" >&2
    die "trytond-admin could not initialise the database in $dir (log above)"
  fi
  # trytond writes its own pid (the runuser and shell around it are not the server).
  as_server_user env -u TRYTOND_CONFIG -u TRYTOND_DATABASE_URI \
    setsid trytond -c "$dir/trytond.conf" --pidfile "$dir/trytond.pid" >"$dir/trytond.log" 2>&1 </dev/null &
  local launcher=$!
  local url="http://127.0.0.1:$port/"
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
        --data '{"method":"common.server.version","params":[],"id":0}' "$url"; then
      echo "url=$url"
      echo "database=$DATABASE"
      echo "user=admin"
      echo "password=$ADMIN_PASSWORD"
      echo "dir=$dir"
      return 0
    fi
    kill -0 "$launcher" 2>/dev/null || { tail -20 "$dir/trytond.log" >&2; stop "$dir"; die "trytond exited (log above)"; }
    sleep 0.1
  done
  tail -20 "$dir/trytond.log" >&2
  stop "$dir"
  die "trytond did not answer on $url within 30 s"
}

stop() {
  local dir=${1:?usage: tryton.sh stop DIR}
  case "$dir" in /tmp/quai-tryton.*) ;; *) die "not a directory of tryton.sh: $dir" ;; esac
  if [ -s "$dir/trytond.pid" ]; then
    local pid
    pid=$(cat "$dir/trytond.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) die "usage: tryton.sh start | stop DIR" ;;
esac
