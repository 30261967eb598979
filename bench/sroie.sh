#!/usr/bin/env bash
# Real receipts (issue 14): the public SROIE 2019 set (626 scanned Malaysian till
# receipts with company, date, address and total) learned as a company's own
# `receipt` type (config/examples/receipt/receipt.json, no label words): `quai learn`
# on the first 500 in file order, `quai train --data`, then `quai eval` on the other
# 126. The set is not part of quai and is never committed: fetch it yourself,
#   git clone https://github.com/zzzDavid/ICDAR-2019-SROIE /some/where
#   bash bench/sroie.sh /some/where/data
# The test part prints its summary only (it is for measuring, not tuning). With
# --dev, the first 400 are learned and receipts 401-500 read instead, with each
# error printed: tune there.
#   usage: bench/sroie.sh [--dev] SROIE_DATA_DIR      (the folder holding img/ and key/)
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=""
if [ "${1:-}" = --dev ]; then DEV=1; shift; fi
SOURCE=${1:?usage: bench/sroie.sh [--dev] SROIE_DATA_DIR (holding img/ and key/)}
[ -d "$SOURCE/img" ] && [ -d "$SOURCE/key" ] || { echo "sroie: $SOURCE has no img/ and key/ folders" >&2; exit 2; }
QUAI=${QUAI:-$PWD/build/quai}
OUT=${BENCH_DIR:-$PWD/build/bench-sroie}
export OMP_THREAD_LIMIT=1
mkdir -p "$OUT"
if [ -n "$DEV" ]; then
  PREP=$OUT/prep-dev LEARN=$OUT/prep-dev/train READ=$OUT/prep-dev/test DATA=$OUT/data-dev
  [ -d "$PREP" ] || { /usr/bin/python3 bench/sroie_prepare.py "$SOURCE" "$PREP" 400 \
    && for f in "$PREP"/test/sroie-5[0-9][0-9].* "$PREP"/test/sroie-6[0-9][0-9].*; do rm -f "$f"; done; }
else
  PREP=$OUT/prep LEARN=$OUT/prep/train READ=$OUT/prep/test DATA=$OUT/data
  [ -d "$PREP" ] || /usr/bin/python3 bench/sroie_prepare.py "$SOURCE" "$PREP" 500
fi
echo "learning $(ls "$LEARN"/*.json | wc -l) receipts, reading $(ls "$READ"/*.json | wc -l)"
rm -rf "$OUT/config" && mkdir -p "$OUT/config/schemas"
cp config/schemas/*.json config/examples/receipt/receipt.json "$OUT/config/schemas/"
export QUAI_CONFIG=$OUT/config
rm -rf "$DATA"
"$QUAI" learn "$LEARN" --data "$DATA" --jobs 2 >"$OUT/learn.log"
"$QUAI" train --data "$DATA" >"$OUT/train.log"
grep -E "promoted|held out|kept" "$OUT/train.log" | sed 's/^/  /' || true
if [ -n "$DEV" ]; then
  "$QUAI" eval "$READ" --data "$DATA" --page-cache "$OUT/page-cache" --jobs 2
else
  "$QUAI" eval "$READ" --data "$DATA" --page-cache "$OUT/page-cache" --jobs 2 --json >"$OUT/eval.json"
  python3 - "$OUT/eval.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["overall"]
h = o["header_fields"]
print(f"SROIE test part ({o.get('documents', '?')} receipts): header F1 {h['all']['f1']:.3f}")
for name, figure in sorted(h["by_field"].items()):
    print(f"  {name:<8} F1 {figure['f1']:.3f}  precision {figure['precision']:.3f}  recall {figure['recall']:.3f}")
print(f"  auto-accepted {100 * o['auto_accepted']['share']:.1f} %")
PY
fi
