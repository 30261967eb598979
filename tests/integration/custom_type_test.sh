#!/usr/bin/env bash
# A company's own document type, taught by examples alone (issue 14, item 5):
# the `receipt` schema of config/examples (no title words, no labels) beside the
# built-in types, `quai learn` on 30 born-digital receipts of the docgen dev
# family, `quai train --data`, then `quai eval` on 12 receipts of shops never seen.
# Receipts print "TAX INVOICE", totals and VAT lines: they must still be read as
# receipts (the type the company taught), with their values.
#   usage: custom_type_test.sh SOURCE_DIR BINARY_DIR
set -euo pipefail
SOURCE=$1 BINARY=$2
QUAI=$BINARY/quai
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export OMP_THREAD_LIMIT=1
/usr/bin/python3 "$SOURCE/tools/docgen/docgen.py" --out "$WORK/learn" --family dev --seed 7 --count 30 \
  --types receipt --form born --jobs 2 >/dev/null
/usr/bin/python3 "$SOURCE/tools/docgen/docgen.py" --out "$WORK/read" --family eval --seed 11 --count 12 \
  --types receipt --form born --jobs 2 >/dev/null
mkdir -p "$WORK/config/schemas"
cp "$SOURCE"/config/schemas/*.json "$SOURCE/config/examples/receipt/receipt.json" "$WORK/config/schemas/"
export QUAI_CONFIG=$WORK/config
"$QUAI" learn "$WORK/learn" --data "$WORK/data" --jobs 2 >/dev/null
"$QUAI" train --data "$WORK/data" >"$WORK/train.log"
grep -q "promoted" "$WORK/train.log" || { echo "the retrained models were not promoted:"; cat "$WORK/train.log"; exit 1; }
"$QUAI" eval "$WORK/read" --data "$WORK/data" --jobs 2 --json >"$WORK/eval.json"
python3 - "$WORK/eval.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["overall"]
right = o["type_accuracy"]["count"]
f1 = o["header_fields"]["all"]["f1"]
print(f"receipts of shops never seen: type right {right}/12, header F1 {f1:.3f}")
assert right >= 11, "receipts must be read as the type the company taught"
assert f1 >= 0.8, "a taught type must be read with its values"
PY
