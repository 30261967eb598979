#!/usr/bin/env bash
# What parsing in child processes under limits costs (issue 21, item 7):
# the same born-digital and scanned documents ingested with --parse-in-process
# (the reference, same job) and isolated (the default); prints each time and
# the ratio, and the peak memory of the process tree. Exits 1 when isolated
# reading is more than 1.5 times slower (a gross regression) or reads
# different pages.
#   --short: 20 born-digital + 4 scans (what CI runs); else 120 + 20.
# Measured (2 cores, 2026-12-07): full 17.54 s isolated against 18.83 s in-process,
# ratio 0.932 (noise: OCR dominates), peak RSS 161 against 276 MiB; short 1.037.
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
born=120 scans=20
if [ "${1:-}" = "--short" ]; then born=20 scans=4; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1
now() { date +%s.%N; }
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs" --family dev --count "$born" --seed 31 --form born >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs" --family dev --count "$scans" --seed 32 --form scan \
  --degrade mild --dpi 300 --scan-formats png,pdf --rotate-prob 0 --start "$born" >/dev/null
files=$(find "$work/docs" -name '*.pdf' -o -name '*.png' -o -name '*.tif' | sort)
run() {  # name, extra flags
  local start end
  start=$(now)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%M" -o "$work/$1.rss" "$QUAI" ingest --data "$work/$1" --jobs 2 -q $2 $files >"$work/$1.out"
  end=$(now)
  echo "$end - $start" | bc -l
}
echo "ingesting $born born-digital and $scans scanned documents, --jobs 2"
t_in=$(run in-process --parse-in-process)
t_iso=$(run isolated "")
summary_in=$(grep -o 'pages read: .*' "$work/in-process.out")
summary_iso=$(grep -o 'pages read: .*' "$work/isolated.out")
ratio=$(echo "$t_iso / $t_in" | bc -l)
printf "in this process (reference): %.2f s, peak RSS %d MiB\n" "$t_in" $(( $(cat "$work/in-process.rss") / 1024 ))
printf "isolated (default):          %.2f s, peak RSS of the largest process %d MiB\n" "$t_iso" \
  $(( $(cat "$work/isolated.rss") / 1024 ))
printf "ratio isolated / in-process: %.3f\n" "$ratio"
echo "pages: $summary_in (in process), $summary_iso (isolated)"
status=0
if [ "$summary_in" != "$summary_iso" ]; then echo "FAIL: the two ways read different pages"; status=1; fi
if (( $(echo "$ratio > 1.5" | bc -l) )); then echo "FAIL: isolated reading over 1.5 times slower"; status=1; fi
exit $status
