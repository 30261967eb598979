#!/usr/bin/env bash
# Kill campaign for the durable job queue (issue 15): two `quai worker`
# processes and one `quai serve` on one data directory, documents queued by
# `quai ingest --queue-only` and by uploads, each worker killed with SIGKILL at
# random moments and restarted; the result is compared with an undisturbed run
# (bench/worker_kills.py says what is checked). Exit 0 when every check passes.
#   KILL_BORN (default 160) born-digital and KILL_SCANS (default 40) scanned
#   documents; KILLS (default 10) kills per worker; LEASE (default 5) seconds.
#   --short: 24 + 6 documents, 3 kills per worker (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
born=${KILL_BORN:-160} scans=${KILL_SCANS:-40} kills=${KILLS:-10}
if [ "${1:-}" = "--short" ]; then born=24 scans=6 kills=3; fi
work=$(mktemp -d)
trap 'pkill -KILL -f "quai (worker|serve) --data $work" 2>/dev/null || true; rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1
echo "generating $born born-digital and $scans scanned documents..."
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs/born" --family dev --count "$born" --seed 21 --form born >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs/scans" --family dev --count "$scans" --seed 22 --form scan \
  --degrade mild --dpi 200 --scan-formats png,pdf --rotate-prob 0 --start "$born" >/dev/null
/usr/bin/python3 bench/worker_kills.py --quai "$QUAI" --docs "$work/docs" --work "$work" --kills "$kills" \
  --lease "${LEASE:-5}"
