#!/usr/bin/env bash
# tools/gen2, the second, independent generator: the same seed gives the same
# truths, manifest and PDF bytes; every document passes --verify (schema
# names, canonical truth read back from its printed form, invoice arithmetic,
# every printed truth value in the text layer of born-digital PDFs, no text
# layer on scans); and the holdout family shares no supplier with train and
# shows wordings and layouts train never shows.
#   usage: gen2_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SOURCE=$1
OUT=$2/test-corpus/gen2
GEN2="/usr/bin/python3 $SOURCE/tools/gen2/gen2.py"
rm -rf "$OUT"
$GEN2 --out "$OUT/a" --family train --count 12 --seed 5 --form mixed >/dev/null
$GEN2 --out "$OUT/b" --family train --count 12 --seed 5 --form mixed >/dev/null
$GEN2 --out "$OUT/holdout" --family holdout --count 24 --seed 5 --form born >/dev/null
for f in "$OUT"/a/*; do
  cmp -s "$f" "$OUT/b/$(basename "$f")" || { echo "not reproducible: $(basename "$f")"; exit 1; }
done
$GEN2 --verify "$OUT/a"
$GEN2 --verify "$OUT/holdout"
$GEN2 --families-apart "$OUT/a" "$OUT/holdout"
