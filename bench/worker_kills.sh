#!/usr/bin/env bash
# Kill campaign for the durable job queue (issue 15; on PostgreSQL, issue 20):
# two `quai worker` processes and one `quai serve` on one data directory,
# documents queued by `quai ingest --queue-only` and by uploads, each worker
# killed with SIGKILL at random moments and restarted; the result is compared
# with an undisturbed run (bench/worker_kills.py says what is checked). Exit 0
# when every check passes.
#   KILL_BORN (default 160) born-digital and KILL_SCANS (default 40) scanned
#   documents; KILLS (default 10) kills per worker; LEASE (default 5) seconds.
#   --short: 24 + 6 documents, 3 kills per worker (what CI runs).
#   KEEP_WORK=1: keep the run's directory (logs, data directories, servers' logs).
#   --postgresql: the stores in a fresh PostgreSQL 15 (tests/services/postgres.sh,
#   one server for the campaign and one for its control), every process given
#   --db postgresql://…; the originals stay in the run's data directory, shared
#   by the server and the workers as machines share it over NFS. Exit 77 when
#   PostgreSQL 15 is not installed (1 under QUAI_REQUIRE_SERVICES=1).
#
# Measured 2026-12-07 on the shared 2-core machine (other helpers building):
#   SQLite (issue 15): 200/200 documents identical to the control, 0 dead jobs,
#   0 suppliers twice, a killed worker's job taken again within 0.1 s.
#   PostgreSQL (`bash bench/worker_kills.sh --postgresql`, load average 8-12 from
#   other builds): control read in 348 s; 200/200 documents identical to the
#   control, 11 read jobs taken again after a kill (at most 3 attempts), each
#   done once, 0 dead jobs, 12 suppliers (0 doubled), 46 training and layout
#   examples as the control, no job left live or leased; 13 of 20 kills hit a
#   job in hand, taken again after a median 0.9 s, at most 1.2 s (lease 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
born=${KILL_BORN:-160} scans=${KILL_SCANS:-40} kills=${KILLS:-10} postgresql=0
for arg in "$@"; do
  case "$arg" in
    --short) born=24 scans=6 kills=3 ;;
    --postgresql) postgresql=1 ;;
    *) echo "usage: bench/worker_kills.sh [--short] [--postgresql]" >&2; exit 2 ;;
  esac
done
if [ "$postgresql" = 1 ] && [ ! -x "${QUAI_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
  if [ "${QUAI_REQUIRE_SERVICES:-}" = 1 ]; then
    echo "FAIL: PostgreSQL 15 is not installed (QUAI_REQUIRE_SERVICES=1)" >&2; exit 1
  fi
  echo "SKIP: PostgreSQL 15 is not installed"; exit 77
fi
work=$(mktemp -d /tmp/quai-worker-kills.XXXXXX)
chmod 755 "$work"  # the PostgreSQL servers run as another user under root (tests/services/postgres.sh)
trap 'pkill -KILL -f "quai (worker|serve) --data $work" 2>/dev/null || true
      for s in "$work"/pg-*; do [ -d "$s" ] && bash tests/services/postgres.sh stop "$s" >/dev/null 2>&1; done
      if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT
export OMP_THREAD_LIMIT=1
databases=()
if [ "$postgresql" = 1 ]; then
  # One password for both servers, given to quai and psql as $PGPASSWORD (never on a command line).
  export QUAI_PG_PASSWORD PGPASSWORD
  QUAI_PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  PGPASSWORD=$QUAI_PG_PASSWORD
  for name in control killed; do
    server="$work/pg-$name"; mkdir -p "$server"; chmod 755 "$server"
    bash tests/services/postgres.sh start "$server" >/dev/null
    port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' "$server/conninfo")
    url="postgresql://quai_test@127.0.0.1:$port/quai_test"
    if [ "$name" = control ]; then databases+=(--control-db "$url"); else databases+=(--db "$url"); fi
  done
  echo "stores on PostgreSQL: ${databases[*]}"
fi
echo "generating $born born-digital and $scans scanned documents..."
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs/born" --family dev --count "$born" --seed 21 --form born >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs/scans" --family dev --count "$scans" --seed 22 --form scan \
  --degrade mild --dpi 200 --scan-formats png,pdf --rotate-prob 0 --start "$born" >/dev/null
/usr/bin/python3 bench/worker_kills.py --quai "$QUAI" --docs "$work/docs" --work "$work" --kills "$kills" \
  --lease "${LEASE:-5}" "${databases[@]}"
