#!/usr/bin/env bash
# A company's own document type learned from labelled examples alone: a
# `receipt` type declared in config with no label words at all
# (config/examples/receipt/receipt.json: company, date, address, total), taught
# with `quai learn` on N docgen receipts of the dev family, retrained with
# `quai train --data`, then read on receipts of shops never seen (eval family,
# born-digital and scanned). Prints field F1 after each N.
#   usage: bench/custom_type.sh [N ...]        (default: 25 100 400)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_DIR:-$PWD/build/bench-custom-type}
SIZES=${*:-25 100 400}
QUAI=${QUAI:-$PWD/build/quai}
mkdir -p "$OUT"
gen() {  # folder family seed count form
  [ -f "$OUT/$1/manifest.jsonl" ] && [ "$(wc -l < "$OUT/$1/manifest.jsonl")" -ge "$4" ] && return
  rm -rf "${OUT:?}/$1"
  /usr/bin/python3 tools/docgen/docgen.py --out "$OUT/$1" --family "$2" --seed "$3" --count "$4" --types receipt \
    --form "$5" --degrade mild --jobs 2 >/dev/null
}
max=0; for n in $SIZES; do [ "$n" -gt "$max" ] && max=$n; done
gen dev-born dev 7 "$max" born
gen eval-born eval 11 100 born
gen eval-scan eval 12 50 scan
# The company's configuration: the built-in types plus its own.
rm -rf "$OUT/config" && mkdir -p "$OUT/config/schemas"
cp config/schemas/*.json config/examples/receipt/receipt.json "$OUT/config/schemas/"
export QUAI_CONFIG=$OUT/config OMP_THREAD_LIMIT=1
printf '%9s  %-12s %9s %9s %9s %9s %9s %13s\n' examples documents "header F1" company date address total auto-accepted
for n in $SIZES; do
  data=$OUT/data-$n learn=$OUT/learn-$n
  rm -rf "$data" "$learn" && mkdir -p "$learn"
  for json in $(ls "$OUT"/dev-born/*.json | head -n "$n"); do
    stem=${json%.json}; ln -s "$stem".* "$learn/"
  done
  "$QUAI" learn "$learn" --data "$data" >/dev/null
  "$QUAI" train --data "$data" > "$OUT/train-$n.log"
  for group in eval-born eval-scan; do
    "$QUAI" eval "$OUT/$group" --data "$data" --page-cache "$OUT/page-cache" --json > "$OUT/eval-$n-$group.json"
    python3 - "$OUT/eval-$n-$group.json" "$n" "$group" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["overall"]
f = o["header_fields"]["by_field"]
g = lambda k: f"{f[k]['f1']:.4f}" if k in f else "-"
print(f"{sys.argv[2]:>9}  {sys.argv[3]:<12} {o['header_fields']['all']['f1']:>9.4f} {g('company'):>9} {g('date'):>9} "
      f"{g('address'):>9} {g('total'):>9} {100 * o['auto_accepted']['share']:>12.1f}%")
PY
  done
  grep -E "promoted|held out" "$OUT/train-$n.log" | sed 's/^/           /'
done
