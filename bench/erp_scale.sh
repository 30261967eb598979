#!/usr/bin/env bash
# The ERP copy at scale: a full sync of 100,000 purchase orders and 1,000,000
# order lines from the files connector (target < 60 s), an incremental sync
# after 1,000 orders changed (target < 5 s), and the ERP checks of a delivery
# note against that copy (target < 5 ms per document), each beside the same on
# a reference copy of 1,000 orders in the same job (the ratio says how the
# cost grows with the copy). --short: 10,000 orders (CI).
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=100000
[ "${1:-}" = "--short" ] && ORDERS=10000
QUAI=${QUAI:-$PWD/build/quai}
COST=${COST:-$PWD/build/bench/erp_check_cost}
OUT=${BENCH_DIR:-$PWD/build/bench-erp-scale}
PY=/usr/bin/python3
rm -rf "$OUT"; mkdir -p "$OUT"
seconds() { local start=$(date +%s.%N); "$@" > "$OUT/last.log" 2>&1 || { cat "$OUT/last.log"; exit 1; }; echo "$(date +%s.%N) - $start" | bc; }

declare -A FULL INCR CHECK
for size in 1000 "$ORDERS"; do
  dir=$OUT/erp-$size data=$OUT/data-$size
  $PY bench/erp_scale.py --out "$dir" --orders "$size" --lines 10 --documents 200
  "$QUAI" erp connect files --set "folder=$dir" --no-sync --data "$data" >/dev/null
  FULL[$size]=$(seconds "$QUAI" erp sync --full --data "$data")
  grep -h "^copy" "$OUT/last.log"
  $PY bench/erp_scale.py --out "$dir" --orders "$size" --change 1000 --seed 2
  INCR[$size]=$(seconds "$QUAI" erp sync --data "$data")
  grep -h "^synced" "$OUT/last.log"
  CHECK[$size]=$("$COST" "$data" "$dir/documents.jsonl" 3)
  echo "checks on $size orders: ${CHECK[$size]}"
done
big=$ORDERS
mean() { echo "$1" | sed -E 's/.*mean ([0-9.]+) ms.*/\1/'; }
ok=1
verdict() { if [ "$(echo "$1 < $2" | bc)" = 1 ]; then echo PASS; else ok=0; echo FAIL; fi; }
printf 'full sync of %d orders (%d lines): %.1f s (reference 1000 orders: %.2f s, ratio %.1f) target < 60 s %s\n' \
  "$big" "$((big * 10))" "${FULL[$big]}" "${FULL[1000]}" "$(echo "${FULL[$big]} / ${FULL[1000]}" | bc -l)" \
  "$(verdict "${FULL[$big]}" 60)"
printf 'incremental sync, 1000 orders changed: %.2f s (reference %.2f s) target < 5 s %s\n' \
  "${INCR[$big]}" "${INCR[1000]}" "$(verdict "${INCR[$big]}" 5)"
printf 'checks per delivery note: %.3f ms on %d orders (reference %.3f ms, ratio %.2f) target < 5 ms %s\n' \
  "$(mean "${CHECK[$big]}")" "$big" "$(mean "${CHECK[1000]}")" \
  "$(echo "$(mean "${CHECK[$big]}") / $(mean "${CHECK[1000]}")" | bc -l)" "$(verdict "$(mean "${CHECK[$big]}")" 5)"
[ "$ok" = 1 ]
