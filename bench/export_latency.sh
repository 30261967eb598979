#!/usr/bin/env bash
# Export latency: N delivery notes validated one at a time through the API of
# a running `quai serve`, each timed from the validate call to the webhook
# receiver's receipt of its export (target p95 < 1 s), beside the round trip
# of a GET in the same run (bench/export_latency.py).
#   bench/export_latency.sh [N]   (default 200)
#   --short: 20 validations (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
count=${1:-200}
[ "${1:-}" = "--short" ] && count=20
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT  # the driver ends the processes it started
export OMP_THREAD_LIMIT=1
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs" --family dev --count "$count" --seed 41 \
  --types delivery_note --form born --jobs 2 >/dev/null
/usr/bin/python3 bench/export_latency.py --quai "$QUAI" --docs "$work/docs" --work "$work"
