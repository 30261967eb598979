#!/usr/bin/env bash
# The job queue on PostgreSQL across worker processes (issue 20), against
# SQLite as the reference, in one run (bench/job_queue_scaling.cc):
#   1. claims per second of the queue alone (stand-in work 0 ms) for 1, 2, 4,
#      8 worker processes; target: >= 500 jobs/s with 8 on PostgreSQL;
#   2. two worker processes against one, each job a stand-in reader waiting
#      WORK_MS (default 20) ms: target >= 1.8x on PostgreSQL (claims with
#      FOR UPDATE SKIP LOCKED do not queue workers behind one lock).
# Every run checks that each job was done exactly once. Exit 1 when a target
# is missed or a job lost or repeated; --short (CI): fewer jobs, targets printed, not enforced.
#   JOBS (default 3000) jobs per run; BENCH=path of the job_queue_scaling binary.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH:-$PWD/build/bench/job_queue_scaling}
jobs=${JOBS:-3000} work_ms=${WORK_MS:-20} enforce=1
if [ "${1:-}" = "--short" ]; then jobs=400; enforce=0; fi
server=$(mktemp -d /tmp/quai-queue-bench.XXXXXX)
work=$(mktemp -d)
trap 'bash tests/services/postgres.sh stop "$server" >/dev/null 2>&1 || true; rm -rf "$server" "$work"' EXIT
chmod 755 "$server"
bash tests/services/postgres.sh start "$server" >/dev/null
conninfo=$(cat "$server/conninfo")
pg() { "$BENCH" --backend postgres --conninfo "$conninfo" --password-file "$server/password" "$@"; }

echo "== claims per second, queue alone (PostgreSQL)"
pg --jobs "$jobs" --workers 1,2,4,8 --work-ms 0 | tee "$work/claims.txt"
echo "== claims per second, queue alone (SQLite, reference)"
# SQLite's claims queue on the file's write lock: past its 10 s busy timeout a worker fails ("database is locked").
"$BENCH" --backend sqlite --file "$work/q.db" --jobs "$jobs" --workers 1,2,4,8 --work-ms 0 || echo "(SQLite reference stopped)"
echo "== two workers against one, stand-in reader of $work_ms ms per job (PostgreSQL)"
pg --jobs $((jobs / 10)) --workers 1,2 --work-ms "$work_ms" | tee "$work/two.txt"
echo "== the same on SQLite (reference)"
"$BENCH" --backend sqlite --file "$work/q2.db" --jobs $((jobs / 10)) --workers 1,2 --work-ms "$work_ms" ||
  echo "(SQLite reference stopped)"

eight=$(awk '$1 == 8 {print $3}' "$work/claims.txt")
two=$(awk '$1 == 2 {print $4}' "$work/two.txt")
echo "PostgreSQL: 8 workers claim $eight jobs/s (target >= 500); 2 workers do ${two}x one (target >= 1.8)"
if [ "$enforce" = 1 ]; then
  awk -v e="$eight" -v t="$two" 'BEGIN { exit !(e >= 500 && t >= 1.8) }' || { echo "TARGET MISSED"; exit 1; }
fi
