#!/usr/bin/env bash
# Worker processes on PostgreSQL reading real scans (issue 20, "two worker
# processes on 2 cores >= 1.8x the throughput of one"): SCANS generated scans
# (default 24; Tesseract, one thread per engine: OMP_THREAD_LIMIT=1) queued by
# `quai ingest --queue-only --db postgresql://…`, read by one `quai worker
# --jobs 1`, then by two, each run on a fresh PostgreSQL 15 and data directory;
# documents/s for each and the ratio, ROUNDS times (default 3), every document
# checked read exactly once. Then the upload-to-read round trip of one `quai
# serve --jobs 1` on SQLite and on PostgreSQL (ROUND_TRIP scans, default 5).
# bench/worker_scaling.py says how. Exit 1 when a document is lost or read
# twice; the ratio is printed, not enforced (the cores are shared: the load
# average is printed beside each run). --short (CI): 4 scans, 1 round, 2 trips.
# Exit 77 when PostgreSQL 15 is not installed (1 under QUAI_REQUIRE_SERVICES=1).
#
# Measured 2026-12-07 (bash bench/worker_scaling.sh) on the shared 2-core
# machine while other helpers built, load average 8-13 throughout: one worker
# 0.155/0.156/0.164 documents/s, two 0.184/0.190/0.227, ratio 1.18x/1.22x/1.38x
# (median 1.22x). Again with ROUNDS=2 ROUND_TRIP=0 (load 6.5-8.3): 1.35x and
# 1.62x, while the processor time per second the workers got rose 1.38x and
# 1.63x, and a document cost 1.82-1.88 s of processor either way: the ratio
# follows the cores the machine gave, not the queue (bench/job_queue_scaling.sh:
# 1.86x with a stand-in reader); the 1.8x target remains to be measured on idle
# cores. Upload to read, 5 scans: SQLite median 2.62 s, PostgreSQL 2.77 s.
# See docs/architecture.md, "The PostgreSQL backend".
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
scans=${SCANS:-24} rounds=${ROUNDS:-3} trips=${ROUND_TRIP:-5}
if [ "${1:-}" = "--short" ]; then scans=4 rounds=1 trips=2; fi
if [ ! -x "${QUAI_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
  if [ "${QUAI_REQUIRE_SERVICES:-}" = 1 ]; then
    echo "FAIL: PostgreSQL 15 is not installed (QUAI_REQUIRE_SERVICES=1)" >&2; exit 1
  fi
  echo "SKIP: PostgreSQL 15 is not installed"; exit 77
fi
work=$(mktemp -d /tmp/quai-worker-scaling.XXXXXX)
chmod 755 "$work"  # the PostgreSQL servers run as another user under root (tests/services/postgres.sh)
trap 'pkill -KILL -f "quai (worker|serve) --data $work" 2>/dev/null || true
      for s in "$work"/pg-*; do [ -d "$s" ] && bash tests/services/postgres.sh stop "$s" >/dev/null 2>&1; done
      rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1
# One password for every server, given to quai and psql as $PGPASSWORD (never on a command line).
export QUAI_PG_PASSWORD PGPASSWORD
QUAI_PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
PGPASSWORD=$QUAI_PG_PASSWORD
echo "generating $scans scanned documents..."
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs" --family dev --count "$scans" --seed 31 --form scan \
  --degrade mild --dpi 200 --scan-formats png,pdf --rotate-prob 0 --jobs 1 >/dev/null
/usr/bin/python3 bench/worker_scaling.py --quai "$QUAI" --docs "$work/docs" --work "$work" --rounds "$rounds" \
  --round-trip "$trips"
