#!/usr/bin/env bash
# Learning curve of a new supplier layout (issues 5 and 14): after 0, 1, 3 and 5
# validated documents of each supplier and type, header-field F1, line-item F1,
# the auto-accepted share on its next 10, the share of the auto-accepted
# documents' fields that are right and of those documents fully right.
#   usage: bench/learning_curve.sh [born|scan] [--generator docgen|gen2] [--family F] [--count N] [--details] [--models DIR]
# docgen (default): its `eval` family (suppliers and layouts never used in
# development), 600 documents. gen2 (tools/gen2): `--family train` for tuning,
# `--family holdout` (the default) for the reported figure only: of a held-out
# family only the summary is printed (bench/learning_curve.py --summary-only).
# gen2 draws each document's supplier among 17, so its default count (delivery
# notes, certificates and invoices) leaves most (supplier, type) with 15.
# --details (tuning families only): why documents were held, what was wrong.
set -euo pipefail
cd "$(dirname "$0")/.."
FORM=born
GENERATOR=docgen
FAMILY=""
COUNT=""
DETAILS=()
MODELS=()
while [ $# -gt 0 ]; do
  case "$1" in
    born|scan) FORM=$1 ;;
    --generator) GENERATOR=$2; shift ;;
    --family) FAMILY=$2; shift ;;
    --count) COUNT=$2; shift ;;
    --details) DETAILS=(--details) ;;
    --models) MODELS=(--models "$2"); shift ;;
    *) echo "learning_curve.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
case "$GENERATOR" in
  docgen) FAMILY=${FAMILY:-eval}; COUNT=${COUNT:-600}
          SEED=$([ "$FORM" = scan ] && echo 22 || echo 21) ;;
  gen2) FAMILY=${FAMILY:-holdout}; COUNT=${COUNT:-$([ "$FORM" = scan ] && echo 400 || echo 1100)}
        SEED=$([ "$FORM" = scan ] && echo 32 || echo 31) ;;
  *) echo "learning_curve.sh: --generator must be docgen or gen2, not '$GENERATOR'" >&2; exit 2 ;;
esac
SUFFIX=$([ "$GENERATOR" = docgen ] && [ "$FAMILY" = eval ] && echo "" || echo "-$GENERATOR-$FAMILY")
OUT=${BENCH_DIR:-$PWD/build/bench-learning-$FORM$SUFFIX}
mkdir -p "$OUT"
if [ ! -f "$OUT/corpus/manifest.jsonl" ]; then
  if [ "$GENERATOR" = docgen ]; then
    extra=$([ "$FORM" = scan ] && echo "--degrade mild --dpi 200,300" || echo "")
    # shellcheck disable=SC2086
    /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/corpus" --family "$FAMILY" --count "$COUNT" --seed "$SEED" \
      --form "$FORM" $extra --jobs 2 >/dev/null
  else
    /usr/bin/python3 tools/gen2/gen2.py --out "$OUT/corpus" --family "$FAMILY" --count "$COUNT" --seed "$SEED" \
      --form "$FORM" --types delivery_note certificate_of_conformity invoice >/dev/null
  fi
fi
held_out=()
case "$GENERATOR/$FAMILY" in docgen/dev|gen2/train) ;; *) held_out=(--summary-only) ;; esac
/usr/bin/python3 bench/learning_curve.py "$OUT/corpus" "$OUT/work" --quai "${QUAI:-build/quai}" "${held_out[@]}" "${DETAILS[@]}" "${MODELS[@]}" \
  --label "$GENERATOR $FAMILY $FORM"
