#!/usr/bin/env bash
# Scanned pages: quai ingest+OCR (intake, orientation, deskew, line removal,
# Tesseract, SQLite) against the `tesseract` command alone on the same page
# images, same models, OMP_THREAD_LIMIT=1, in one run; then --jobs 2 against
# --jobs 1, beside two tesseract commands at once against one (the ceiling of
# the machine's two cores); born-digital pages per second on one core; peak resident memory of
# one OCR worker. Prints each figure and its ratio.
#   BENCH_DOCS (default 20 one- or two-page scans) sets the corpus size.
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=$PWD/build/quai
OUT=${BENCH_DIR:-$PWD/build/bench-speed}
DOCS=${BENCH_DOCS:-20}
export OMP_THREAD_LIMIT=1
rm -rf "$OUT"
mkdir -p "$OUT"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
pages_in_summary() { sed -n 's/.*pages read: \([0-9]*\) from text layer, \([0-9]*\) by OCR.*/\1 \2/p' "$1"; }

echo "generating $DOCS scanned documents (300 dpi, mild degradation, PNG/TIFF) and 60 born-digital ones..."
/usr/bin/python3 tools/docgen/docgen.py --out "$OUT/scans" --family dev --count "$DOCS" --seed 7 --form scan \
  --degrade mild --dpi 300 --scan-formats png,tif --rotate-prob 0 >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$OUT/born" --family dev --count 60 --seed 8 --form born >/dev/null
scans=$(find "$OUT/scans" -name '*.png' -o -name '*.tif' | sort)

echo "reference: tesseract command, one page image after another"
start=$(now)
for image in $scans; do
  tesseract "$image" "$OUT/reference" -l fra+eng >/dev/null 2>&1
done
t_reference=$(elapsed "$start" "$(now)")

echo "reference: two tesseract commands at once, each on half the page images (what this machine's two cores give)"
half_a=$(echo "$scans" | awk 'NR % 2 == 1')
half_b=$(echo "$scans" | awk 'NR % 2 == 0')
start=$(now)
( for image in $half_a; do tesseract "$image" "$OUT/reference-a" -l fra+eng >/dev/null 2>&1; done ) &
( for image in $half_b; do tesseract "$image" "$OUT/reference-b" -l fra+eng >/dev/null 2>&1; done ) &
wait
t_reference2=$(elapsed "$start" "$(now)")

echo "quai ingest --jobs 1"
start=$(now)
/usr/bin/time -f "%M" -o "$OUT/rss1.txt" "$QUAI" ingest "$OUT/scans" --data "$OUT/data1" --jobs 1 -q >"$OUT/ingest1.txt"
t_quai1=$(elapsed "$start" "$(now)")
read -r layer1 ocr1 < <(pages_in_summary "$OUT/ingest1.txt")

echo "quai ingest --jobs 2"
start=$(now)
"$QUAI" ingest "$OUT/scans" --data "$OUT/data2" --jobs 2 -q >"$OUT/ingest2.txt"
t_quai2=$(elapsed "$start" "$(now)")

echo "quai ingest born-digital --jobs 1"
start=$(now)
"$QUAI" ingest "$OUT/born" --data "$OUT/data3" --jobs 1 -q >"$OUT/ingest3.txt"
t_born=$(elapsed "$start" "$(now)")
read -r born_pages born_ocr < <(pages_in_summary "$OUT/ingest3.txt")

rss_mb=$(echo "$(cat "$OUT/rss1.txt") / 1024" | bc)
printf '\nScanned pages: %d (%d read by OCR)\n' "$((layer1 + ocr1))" "$ocr1"
printf '  tesseract command:       %7.1f s\n' "$t_reference"
printf '  quai ingest --jobs 1:    %7.1f s   ratio to tesseract %.3f (target <= 1.15)\n' "$t_quai1" "$(echo "$t_quai1 / $t_reference" | bc -l)"
printf '  two tesseract at once:   %7.1f s   throughput x%.2f of one (the ceiling this machine gives two workers)\n' "$t_reference2" "$(echo "$t_reference / $t_reference2" | bc -l)"
printf '  quai ingest --jobs 2:    %7.1f s   throughput x%.2f of --jobs 1 (target >= 1.8)\n' "$t_quai2" "$(echo "$t_quai1 / $t_quai2" | bc -l)"
printf 'Born-digital: %d pages in %.2f s = %.0f pages/s on one core (target >= 50)\n' "$born_pages" "$t_born" "$(echo "$born_pages / $t_born" | bc -l)"
printf 'Peak resident memory, quai ingest --jobs 1 (one OCR worker): %d MB (target < 400)\n' "$rss_mb"
