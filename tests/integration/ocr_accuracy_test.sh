#!/usr/bin/env bash
# Real Tesseract on docgen scans (300 dpi, mild degradation, every scan format
# and document type): the character error rate against the printed text must
# stay within 2 %, and no scan may be refused.
#   usage: ocr_accuracy_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SOURCE=$1
BUILD=$2
OUT=$BUILD/test-corpus/ocr-accuracy
rm -rf "$OUT"
/usr/bin/python3 "$SOURCE/tools/docgen/docgen.py" --out "$OUT" --family dev --count 8 --seed 5 --form scan \
  --dpi 300 --degrade mild >/dev/null
OMP_THREAD_LIMIT=1 "$BUILD/bench/ocr_accuracy" "$OUT" --jobs 2 | tee "$OUT/result.txt"
tail -n 1 "$OUT/result.txt" | /usr/bin/python3 -c "$(cat <<'PY'
import json, sys
result = json.load(sys.stdin)
assert result['refused'] == 0, '%d scans refused' % result['refused']
assert result['pages'] >= 8, 'only %d pages read' % result['pages']
assert result['cer'] <= 0.02, 'character error rate %.2f%% is over 2%%' % (100 * result['cer'])
print('OK: CER %.2f%% on %d pages' % (100 * result['cer'], result['pages']))
PY
)"
