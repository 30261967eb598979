#!/usr/bin/env bash
# Kill campaign for the exports outbox: N accepted delivery notes exported to a
# webhook that fails 30 % of the calls and holds 5 % past quai's 2 s timeout,
# while `quai serve` and a `quai worker` (4 export threads each) are killed
# KILLS times with SIGKILL at random moments and started again; then, once no
# export is pending, every document must be at the receiver exactly once
# (bench/exports_campaign.py says what is checked and printed).
#   bench/exports_campaign.sh [N] [KILLS]   (defaults 10000 and 10)
#   --short: 150 documents, 2 kills (what CI runs: 30 s, up to 3 minutes when
#   an export is unlucky with its retries).
# The documents are born-digital delivery notes from tools/docgen, each read
# by the product: 40 imported with their values (`quai learn`, validated),
# the rest queued with `quai ingest --queue-only` and read by the workers:
# about three in four are read straight through, the others validated through
# the API by a reviewer thread. Generating 10,000 takes about a minute here
# (2 cores); reading them about 0.03 s of a core each on a quiet machine
# (N=1000, 10 kills: 67 s in all), several times that while other builds
# share the cores (N=10000 took 22 minutes to read so). After the reading, the run waits
# for the last retries: one export in 10,000 fails about 9 times in a row, and
# its backoff then alone takes minutes (capped at 15 minutes, x 1.5 jitter).
# Retries start after 0.25 s (--retry-ms 250, not the 5 s default; doubled
# per attempt) and leases are 5 s, so that the campaign waits less for what it
# tests.
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
count=${1:-10000} kills=${2:-10}
if [ "${1:-}" = "--short" ]; then count=150 kills=2; fi
learn=40
[ "$count" -lt 400 ] && learn=$((count / 5))
work=$(mktemp -d)
# The driver ends the processes it started; KEEP_WORK=1 keeps the data directory and logs.
trap '[ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1
start=$(date +%s)
/usr/bin/python3 tools/docgen/docgen.py --out "$work/learn" --family dev --count "$learn" --seed 31 \
  --types delivery_note --form born --jobs 2 >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs" --family dev --count "$((count - learn))" --seed 32 \
  --types delivery_note --form born --jobs 2 --start "$learn" >/dev/null
echo "generated $count born-digital delivery notes in $(($(date +%s) - start)) s"
/usr/bin/python3 bench/exports_campaign.py --quai "$QUAI" --docs "$work/docs" --learn "$work/learn" \
  --work "$work" --kills "$kills"
