#!/usr/bin/env bash
# Character error rate of quai's page text against what tools/docgen printed,
# on scans of the development family: 300 dpi mild (the target: <= 2 %), 200 dpi
# mild, 300 dpi heavy degradation, and dotted-line tables with and without line
# removal. Each corpus is generated with a fixed seed, so runs are comparable.
#   BENCH_DOCS (default 16 documents per corpus) sets the size.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_DIR:-$PWD/build/bench-quality}
DOCS=${BENCH_DOCS:-16}
ACCURACY=$PWD/build/bench/ocr_accuracy
export OMP_THREAD_LIMIT=1
rm -rf "$OUT"
mkdir -p "$OUT"

generate() {  # name dpi degrade [types]
  /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/$1" --family dev --count "$DOCS" --seed 11 --form scan \
    --dpi "$2" --degrade "$3" --types "${4:-delivery_note,certificate_of_conformity,safety_data_sheet,invoice}" >/dev/null
}
cer() {  # dir [options] -> prints "x.xx%"
  "$ACCURACY" "$@" | tail -n 1 | /usr/bin/python3 -c 'import json, sys; d = json.load(sys.stdin); print("%.2f%% (%d pages, %d characters)" % (100 * d["cer"], d["pages"], d["characters"]))'
}

generate mild300 300 mild
generate mild200 200 mild
generate heavy300 300 heavy
# Dotted tables: the documents of suppliers whose layout draws dotted row separators.
mkdir -p "$OUT/dotted"
/usr/bin/python3 - "$OUT" <<'PY'
import json, os, shutil, sys
out = sys.argv[1]
for line in open(os.path.join(out, "mild300", "manifest.jsonl")):
    doc = json.loads(line)
    if doc.get("table_style") == "dotted":
        for name in doc["files"]:
            shutil.copy(os.path.join(out, "mild300", name), os.path.join(out, "dotted", name))
PY

echo "Character error rate (docgen development family, scans):"
printf '  300 dpi, mild degradation:            %s   target <= 2%%\n' "$(cer "$OUT/mild300")"
printf '  200 dpi, mild degradation:            %s\n' "$(cer "$OUT/mild200")"
printf '  300 dpi, heavy degradation:           %s\n' "$(cer "$OUT/heavy300")"
if ls "$OUT"/dotted/*.txt >/dev/null 2>&1; then
  printf '  dotted tables, with line removal:     %s\n' "$(cer "$OUT/dotted")"
  printf '  dotted tables, without line removal:  %s\n' "$(cer "$OUT/dotted" --no-line-removal)"
fi
