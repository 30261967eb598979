#!/usr/bin/env bash
# Cost of extraction (everything after page text: classify, candidates,
# features, scorer, line items, findings) against OCR, from the timings that
# `quai extract --json` reports per file. Targets: <= 10 % of the OCR time of a
# scanned page, and <= 20 ms per born-digital page.
#   BENCH_DOCS (default 12) documents of each form, docgen development family.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_DIR:-$PWD/build/bench-extract}
DOCS=${BENCH_DOCS:-12}
export OMP_THREAD_LIMIT=1
rm -rf "$OUT"
mkdir -p "$OUT"
/usr/bin/python3 tools/docgen/docgen.py --out "$OUT/born" --family dev --count "$DOCS" --seed 31 --form born >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$OUT/scan" --family dev --count "$DOCS" --seed 32 --form scan \
  --degrade mild --dpi 300 >/dev/null
build/quai extract --jobs 1 --json $(ls "$OUT"/born/*.pdf) > "$OUT/born.jsonl"
build/quai extract --jobs 1 --json $(ls "$OUT"/scan/*.{pdf,png,jpg,tif} 2>/dev/null) > "$OUT/scan.jsonl"
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
def load(name):
    return [json.loads(l) for l in open(f"{out}/{name}.jsonl") if l.strip()]
born, scan = load("born"), load("scan")
pages = sum(d["pages"] for d in born)
extract = sum(d["timings_ms"]["extract"] for d in born)
print(f"born-digital: {len(born)} documents, {pages} pages: extraction {extract / pages:.1f} ms per page (target <= 20)")
pages = sum(d["pages"] for d in scan)
extract = sum(d["timings_ms"]["extract"] for d in scan)
ocr = sum(d["timings_ms"]["ocr"] for d in scan)
print(f"scans: {len(scan)} documents, {pages} pages: OCR {ocr / pages:.0f} ms per page, extraction {extract / pages:.1f} ms "
      f"per page = {100 * extract / ocr:.1f} % of OCR (target <= 10 %)")
PY
