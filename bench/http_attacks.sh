#!/usr/bin/env bash
# Hostile HTTP clients against `quai serve` (issue 21): sets up a data directory with an
# admin user and an API token, and for each attack starts a fresh `quai serve` on a free
# loopback port (so that no attack inherits another's memory), waits for /api/v1/health,
# runs bench/http_attacks.py on it, then stops it with SIGTERM. A server that died during
# an attack is reported (and fails). Ends with one table; exit 0 when every attack passes.
#   QUAI (default build/quai); HTTP_ATTACKS_ONE_SERVER=1 runs every attack on one server.
#   Arguments go to http_attacks.py: [--short] [--only NAME[,NAME]] [--json FILE] [--rss-cap-mib N]
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-build/quai}
PY=bench/http_attacks.py
only="" json="" pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=$2; shift 2 ;;
    --only=*) only=${1#--only=}; shift ;;
    --json) json=$2; shift 2 ;;
    --json=*) json=${1#--json=}; shift ;;
    *) pass+=("$1"); shift ;;
  esac
done
attacks=$(python3 "$PY" --list ${only:+--only "$only"})
"$QUAI" --version >/dev/null || { echo "http_attacks: $QUAI --version fails" >&2; exit 2; }

work=$(mktemp -d)
server=""
stop_server() {  # SIGTERM, up to 30 s, then SIGKILL; sets server_exit
  server_exit=""
  [ -n "$server" ] || return 0
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  server_exit=0
  wait "$server" 2>/dev/null || server_exit=$?
  server=""
}
trap 'stop_server; rm -rf "$work"' EXIT

data=$work/data
"$QUAI" user add bench --role admin --data "$data" >/dev/null
export QUAI_TOKEN
QUAI_TOKEN=$("$QUAI" token create --user bench --data "$data" | tail -n 1)

starts=0
start_server() {
  starts=$((starts + 1))
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$QUAI" serve --data "$data" --listen "127.0.0.1:$port" >"$work/serve-$starts.out" 2>"$work/serve-$starts.err" &
  server=$!
  for _ in $(seq 600); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/api/v1/health" 2>/dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "http_attacks: quai serve did not answer /api/v1/health on port $port" >&2
  tail -n 20 "$work/serve-$starts.err" >&2
  return 1
}

# One run of http_attacks.py against the running server; notes a death.
run_py() {  # $1: comma-separated attacks, $2: json file
  local code=0
  python3 "$PY" --server "127.0.0.1:$port" --pid "$server" --only "$1" --json "$2" --no-table ${pass[@]+"${pass[@]}"} || code=$?
  if ! kill -0 "$server" 2>/dev/null; then
    stop_server
    died=1
    echo "  SERVER DIED during $1 (exit status $server_exit$( [ "$server_exit" = 137 ] && echo ", SIGKILL: the bench's RSS cap, or the OOM killer")); its last log lines:"
    tail -n 5 "$work/serve-$starts.err" | sed 's/^/    /'
  fi
  [ "$code" -le 1 ] || { echo "http_attacks: http_attacks.py failed ($code) on $1" >&2; return 1; }
}

echo "http_attacks: $QUAI ($("$QUAI" --version 2>&1 | head -n 1)), $(nproc) cores, $(echo $attacks | wc -w) attacks${pass[*]:+, ${pass[*]}}"
results=()
if [ "${HTTP_ATTACKS_ONE_SERVER:-0}" = 1 ]; then
  start_server
  run_py "$(echo $attacks | tr ' ' ,)" "$work/all.json"
  results+=("$work/all.json")
  stop_server
else
  for attack in $attacks; do
    echo "== $attack"
    died=0
    start_server
    run_py "$attack" "$work/$attack.json"
    results+=("$work/$attack.json")
    stop_server
    [ "$died" = 1 ] || [ -z "$server_exit" ] || [ "$server_exit" = 0 ] || echo "  (quai serve exited with status $server_exit after SIGTERM)"
  done
fi
echo
code=0
python3 "$PY" --report "${results[@]}" ${json:+--json "$json"} || code=$?
exit "$code"
