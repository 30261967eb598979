#!/usr/bin/env bash
# Cross-generator extraction figures (issue 14): models trained on one
# generator's training family are read on the other generator's held-out
# family, which no training or tuning ever sees.
#   A: the shipped models (trained on tools/docgen's dev family only)
#   B: models trained here on docgen dev + tools/gen2's train family
# each read on gen2's holdout family and on docgen's holdout family. Prints the
# `quai eval` summaries only: the per-document errors of held-out families are
# not printed, so nothing is tuned on them. About 15 minutes on 2 cores (the
# scans' OCR, cached per page).
#   usage: bench/cross_generator.sh [DOCS per holdout form (default 60 born / 20 scans)]
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
OUT=${BENCH_DIR:-$PWD/build/bench-cross-generator}
BORN=${1:-60}
SCANS=$(( BORN / 3 ))
TYPES=delivery_note,certificate_of_conformity,safety_data_sheet,invoice,other
export OMP_THREAD_LIMIT=1
mkdir -p "$OUT"
gen() { [ -d "$1" ] || "${@:2}" >/dev/null; }
echo "generating training sets (docgen dev, gen2 train) and held-out sets (gen2 holdout, docgen holdout)..."
gen "$OUT/train/docgen-born" /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/train/docgen-born" --family dev \
  --count 400 --seed 101 --form born --types "$TYPES" --jobs 2
gen "$OUT/train/docgen-scan" /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/train/docgen-scan" --family dev \
  --count 100 --seed 102 --form scan --degrade mild --dpi 200,300 --types "$TYPES" --jobs 2
gen "$OUT/train/gen2-born" /usr/bin/python3 tools/gen2/gen2.py --out "$OUT/train/gen2-born" --family train \
  --count 300 --seed 501 --form born
gen "$OUT/train/gen2-scan" /usr/bin/python3 tools/gen2/gen2.py --out "$OUT/train/gen2-scan" --family train \
  --count 60 --seed 502 --form scan
gen "$OUT/holdout/gen2-born" /usr/bin/python3 tools/gen2/gen2.py --out "$OUT/holdout/gen2-born" --family holdout \
  --count "$BORN" --seed 7 --form born
gen "$OUT/holdout/gen2-scan" /usr/bin/python3 tools/gen2/gen2.py --out "$OUT/holdout/gen2-scan" --family holdout \
  --count "$SCANS" --seed 8 --form scan
gen "$OUT/holdout/docgen-born" /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/holdout/docgen-born" \
  --family holdout --count "$BORN" --seed 401 --form born --types "$TYPES" --jobs 2
gen "$OUT/holdout/docgen-scan" /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/holdout/docgen-scan" \
  --family holdout --count "$SCANS" --seed 402 --form scan --degrade mild --dpi 200,300 --types "$TYPES" --jobs 2

if [ ! -f "$OUT/models-mixed/field_scorer.qsc" ]; then
  echo "training B on docgen dev + gen2 train..."
  mkdir -p "$OUT/models-mixed"
  "$QUAI" train "$OUT"/train/* --out "$OUT/models-mixed" --page-cache "$OUT/cache" --jobs 2 >"$OUT/train.log"
fi
for models in shipped mixed; do
  flag=()
  [ "$models" = mixed ] && flag=(--models "$OUT/models-mixed")
  for family in gen2 docgen; do
    echo "== models $models, read on $family holdout (born + scans) =="
    "$QUAI" eval "${flag[@]}" --page-cache "$OUT/cache" --jobs 2 "$OUT/holdout/$family-born" "$OUT/holdout/$family-scan" \
      | grep -v "^    " | sed '/^errors:/,$d'
  done
done
