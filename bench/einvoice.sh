#!/usr/bin/env bash
# Documents that carry their data (issue 18, item 3): N e-invoices (UBL
# invoices, UBL credit notes, CII invoices, Factur-X PDFs) ingested with
# `quai ingest`; every stored value must be the XML's (truth.jsonl from
# build/bench/einvoice_samples). Prints the time per e-invoice and, as the
# reference run in the same job, the time per document of the same Factur-X
# pages read from their text layer (PDFs without XML). Exits 1 when a value is
# wrong or missing, or an e-invoice costs 50 ms or more.
#   --short: 24 documents (what CI runs); else 200.
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
SAMPLES=${SAMPLES:-$PWD/build/bench/einvoice_samples}
count=200
if [ "${1:-}" = "--short" ]; then count=24; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/einvoices" "$work/plain"
"$SAMPLES" "$work/einvoices" "$count"
"$SAMPLES" "$work/plain" "$count" --plain
now() { date +%s.%N; }
ingest() {  # data dir, files...
  local data=$1 start end
  shift
  start=$(now)
  "$QUAI" ingest --data "$data" --jobs 1 -q "$@" >"$data.out"
  end=$(now)
  echo "$end - $start" | bc -l
}
t_plain=$(ingest "$work/plain-data" "$work"/plain/*.pdf)
t_einv=$(ingest "$work/einv-data" "$work"/einvoices/einvoice-*)
grep -q "$count stored" "$work/einv-data.out" || { cat "$work/einv-data.out"; echo "FAIL: not every e-invoice stored"; exit 1; }
# Every value of the truth in the stored extraction.
wrong=0 checked=0
for id in $(seq 1 "$count"); do
  "$QUAI" show "$id" --json --data "$work/einv-data" >"$work/show.json"
  /usr/bin/python3 - "$work/show.json" "$work/einvoices/truth.jsonl" >>"$work/check.out" <<'PY' || true
import json, sys
doc = json.load(open(sys.argv[1]))
truth = {t["file"]: t for t in map(json.loads, open(sys.argv[2]))}
want = truth[doc["original_name"]]
got = doc.get("extraction") or {}
bad = 0
n = 0
for name, value in want["fields"].items():
    n += 1
    have = got.get("fields", {}).get(name, {})
    if have.get("value") != value or have.get("confidence") != 1:
        bad += 1
        print(f"{doc['original_name']}: {name} {have.get('value')!r} != {value!r}")
for i, line in enumerate(want["lines"]):
    lines = got.get("lines", [])
    for name, value in line.items():
        n += 1
        have = lines[i].get(name, {}) if i < len(lines) else {}
        if have.get("value") != value:
            bad += 1
            print(f"{doc['original_name']}: lines[{i}].{name} {have.get('value')!r} != {value!r}")
print(f"checked {n} wrong {bad}")
PY
done
checked=$(awk '/^checked/ {s += $2} END {print s+0}' "$work/check.out")
wrong=$(awk '/^checked/ {s += $4} END {print s+0}' "$work/check.out")
grep -v '^checked' "$work/check.out" | head -20 || true
per_einv=$(echo "$t_einv * 1000 / $count" | bc -l)
per_plain=$(echo "$t_plain * 1000 / $count" | bc -l)
printf "e-invoices: %d documents (UBL, UBL credit notes, CII, Factur-X), %d values checked, %d wrong\n" \
  "$count" "$checked" "$wrong"
printf "ingest per e-invoice:                       %.1f ms (whole quai ingest, process start included)\n" "$per_einv"
printf "ingest per plain PDF, read path (reference): %.1f ms\n" "$per_plain"
printf "ratio e-invoice / reading path: %.3f\n" "$(echo "$t_einv / $t_plain" | bc -l)"
status=0
if [ "$wrong" -ne 0 ] || [ "$checked" -eq 0 ]; then echo "FAIL: values not as the XML says"; status=1; fi
if (( $(echo "$per_einv >= 50" | bc -l) )); then echo "FAIL: an e-invoice costs 50 ms or more"; status=1; fi
exit $status
