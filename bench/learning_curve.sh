#!/usr/bin/env bash
# Learning curve of a new supplier layout (issue 5): docgen's evaluation family
# (suppliers and layouts never used in development), 15 documents of each
# supplier and type; after 0, 1, 3 and 5 validated documents of each supplier,
# header-field F1, line-item F1 and the auto-accepted share on its next 10.
#   usage: bench/learning_curve.sh [born|scan]     (default born)
set -euo pipefail
cd "$(dirname "$0")/.."
FORM=${1:-born}
OUT=${BENCH_DIR:-$PWD/build/bench-learning-$FORM}
SEED=$([ "$FORM" = scan ] && echo 22 || echo 21)
mkdir -p "$OUT"
if [ ! -f "$OUT/corpus/manifest.jsonl" ]; then
  extra=$([ "$FORM" = scan ] && echo "--degrade mild --dpi 200,300" || echo "")
  # shellcheck disable=SC2086
  /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/corpus" --family eval --count 600 --seed "$SEED" \
    --form "$FORM" $extra --jobs 2 >/dev/null
fi
/usr/bin/python3 bench/learning_curve.py "$OUT/corpus" "$OUT/work" --quai "${QUAI:-build/quai}"
