#!/usr/bin/env bash
# Extraction quality on a docgen family that training never sees: generates
# born-digital and scanned documents of all five types (seeded), then runs
# `quai eval` on them, scans and born-digital reported apart.
#   usage: bench/extraction_quality.sh [eval|holdout] [DOCS per form]
# `holdout` is for final measurements only: read its summary, never its errors.
set -euo pipefail
cd "$(dirname "$0")/.."
FAMILY=${1:-holdout}
DOCS=${2:-100}
OUT=${BENCH_DIR:-$PWD/build/bench-extraction-$FAMILY}
TYPES=delivery_note,certificate_of_conformity,safety_data_sheet,invoice,other
SEED=$([ "$FAMILY" = holdout ] && echo 401 || echo 201)
rm -rf "$OUT/born" "$OUT/scan"
mkdir -p "$OUT"
/usr/bin/python3 tools/docgen/docgen.py --out "$OUT/born" --family "$FAMILY" --count "$DOCS" --seed "$SEED" \
  --form born --types "$TYPES" --jobs 2 >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$OUT/scan" --family "$FAMILY" --count "$DOCS" --seed $((SEED + 1)) \
  --form scan --degrade mild --dpi 200,300 --types "$TYPES" --jobs 2 >/dev/null
OMP_THREAD_LIMIT=1 build/quai eval "$OUT/born" "$OUT/scan" --page-cache "$OUT/page-cache" | grep -v "^    " 
