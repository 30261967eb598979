#!/usr/bin/env bash
# tools/docgen: the same seed gives the same truth and printed text; every
# document passes verify.py (canonical truth, invoice arithmetic, embedded
# fonts and a text layer holding every printed line for born-digital PDFs, no
# text layer for scans, dpi recorded); and the eval family shares no supplier
# with the dev family.
#   usage: docgen_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SOURCE=$1
OUT=$2/test-corpus/docgen
DOCGEN="/usr/bin/python3 $SOURCE/tools/docgen/docgen.py"
rm -rf "$OUT"
$DOCGEN --out "$OUT/a" --family dev --count 8 --seed 3 --form mixed --degrade mild >/dev/null
$DOCGEN --out "$OUT/b" --family dev --count 8 --seed 3 --form mixed --degrade mild >/dev/null
$DOCGEN --out "$OUT/eval" --family eval --count 8 --seed 3 --form born >/dev/null
for f in "$OUT"/a/*.json "$OUT"/a/*.txt; do
  cmp -s "$f" "$OUT/b/$(basename "$f")" || { echo "not reproducible: $(basename "$f")"; exit 1; }
done
/usr/bin/python3 "$SOURCE/tools/docgen/verify.py" "$OUT/a"
/usr/bin/python3 "$SOURCE/tools/docgen/verify.py" "$OUT/eval"
/usr/bin/python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
def suppliers(d):
    return {json.loads(l)["supplier_name"] for l in open(os.path.join(out, d, "manifest.jsonl"))}
dev, ev = suppliers("a"), suppliers("eval")
assert dev and ev and not (dev & ev), f"suppliers shared between families: {dev & ev}"
print(f"OK: {len(dev)} dev and {len(ev)} eval suppliers, none shared")
PY
