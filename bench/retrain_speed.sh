#!/usr/bin/env bash
# Retraining time: a data directory holding N training examples (docgen dev
# family, born-digital, imported with `quai learn`), retrained with
# `quai train --data`, timed. Also times `quai train` on the same documents
# from their folder as the reference (what building the shipped models costs).
#   usage: bench/retrain_speed.sh [N]     (default 2000; target: under 120 s on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
OUT=${BENCH_DIR:-$PWD/build/bench-retrain}
QUAI=${QUAI:-$PWD/build/quai}
export OMP_THREAD_LIMIT=1
if [ ! -f "$OUT/docs/manifest.jsonl" ] || [ "$(wc -l < "$OUT/docs/manifest.jsonl")" -ne "$N" ]; then
  rm -rf "$OUT" && mkdir -p "$OUT"
  /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/docs" --family dev --count "$N" --seed 31 --form born --jobs 2 >/dev/null
fi
rm -rf "$OUT/data"
start=$(date +%s.%N)
"$QUAI" learn "$OUT/docs" --data "$OUT/data" > "$OUT/learn.log"
learned=$(date +%s.%N)
"$QUAI" train --data "$OUT/data" > "$OUT/train.log"
trained=$(date +%s.%N)
"$QUAI" train "$OUT/docs" --out "$OUT/reference-models" > "$OUT/reference.log" 2>&1
reference=$(date +%s.%N)
tail -1 "$OUT/learn.log"
cat "$OUT/train.log"
learn_s=$(echo "$learned - $start" | bc)
train_s=$(echo "$trained - $learned" | bc)
ref_s=$(echo "$reference - $trained" | bc)
printf 'import of %d documents: %.1f s\n' "$N" "$learn_s"
printf 'RESULT retraining on %d examples: %.1f s (target 120 s); training from the folder (reference): %.1f s; ratio %.2f\n' \
  "$N" "$train_s" "$ref_s" "$(echo "$train_s / $ref_s" | bc -l)"
