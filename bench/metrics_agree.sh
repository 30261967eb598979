#!/usr/bin/env bash
# /metrics against the benchmark's own counts: N documents uploaded to a real
# `quai serve`, /metrics scraped during and after (bench/metrics_agree.py).
# Usage: bench/metrics_agree.sh [N=200] [JOBS=2]   (run after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/metrics_agree.py "$PWD" "$PWD/build/quai" "${1:-200}" "${2:-2}"
