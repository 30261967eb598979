#!/usr/bin/env bash
# Certificate linking in the lot book, on a generated set (tools/lotgen): born-digital
# delivery notes whose lines carry lots, and certificates of conformity of some of those
# lots, some ingested before their delivery and some after; certificates of lots never
# delivered, of the wrong article or order, of another supplier's lot; lot numbers two
# articles of a supplier share (a certificate naming no article must then stay unlinked,
# unless its PO decides); lot numbers printed in varied forms ("LOT 24-118", "2411 8",
# "l24-118"); articles named by the supplier's code, the internal code, or not at all.
# quai connects the `files` ERP (lotgen's copy), knows each supplier's layouts from one
# validated delivery note and certificate, and takes the documents one at a time in the
# set's order: `quai ingest`, then, when one did not go straight through, a clerk at the
# review desk (quai serve's API) validates it. Twice, in two data directories:
#   validated: the clerk types the true values where the reading differs (so that the
#              figure measures linking, not reading);
#   as read:   the clerk validates what was read, unchanged.
# tools/lotgen/score.py then scores each certificate's link from the truth.
#   usage: bench/certificate_linking.sh [--short]   (80 delivery notes, ~270 documents;
#                                                     --short: 12 notes, ~40 documents)
# Target (issue): >= 99 % of the certificates to link linked right, 0 linked wrong, in the
# validated run; the exit status is 1 when it is missed (the as-read run is reported only).
set -euo pipefail
cd "$(dirname "$0")/.."
SHORT=0
[ "${1:-}" = "--short" ] && SHORT=1
NOTES=${LOT_BENCH_NOTES:-80}; SUPPLIERS=0
TRAPS=3
[ "$SHORT" = 1 ] && NOTES=12 && SUPPLIERS=6 && TRAPS=1
OUT=${BENCH_DIR:-$PWD/build/bench-lots}/n$NOTES
QUAI=${QUAI:-$PWD/build/quai}
PY=/usr/bin/python3
SET=$OUT/set
rm -rf "$OUT"
mkdir -p "$OUT"
t0=$(date +%s)
$PY tools/lotgen/lotgen.py --out "$SET" --seed 11 --notes "$NOTES" --suppliers "$SUPPLIERS" --traps "$TRAPS"
TODAY=$(cat "$SET/today")

server=""
stop_server() {
  [ -n "$server" ] || return 0
  kill -TERM "$server" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
trap stop_server EXIT

run() {  # mode (truth|read)
  local mode=$1 data=$OUT/data-$1 port token
  "$QUAI" learn --data "$data" -j1 "$SET/learn" > "$OUT/learn-$mode.log"
  "$QUAI" erp connect files --set "folder=$SET/erp" --data "$data" --today "$TODAY" > "$OUT/erp-$mode.log"
  "$QUAI" user add clerk --role reviewer --data "$data" > /dev/null
  token=$("$QUAI" token create --user clerk --data "$data" | tail -n 1)
  port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$QUAI" serve --data "$data" --listen "127.0.0.1:$port" --no-workers --erp-sync-minutes 0 --today "$TODAY" \
    > "$OUT/serve-$mode.out" 2> "$OUT/serve-$mode.err" &
  server=$!
  for _ in $(seq 300); do
    $PY -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
      "http://127.0.0.1:$port/api/v1/health" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { echo "certificate_linking: quai serve stopped" >&2; tail "$OUT/serve-$mode.err" >&2; exit 2; }
    sleep 0.1
  done
  $PY tools/lotgen/desk.py --set "$SET" --run "$OUT/run-$mode" --quai "$QUAI" --data "$data" \
    --server "127.0.0.1:$port" --token "$token" --today "$TODAY" --mode "$mode"
  stop_server
}
run truth
t1=$(date +%s)
run read
t2=$(date +%s)
$PY tools/lotgen/score.py --set "$SET" --run "$OUT/run-read" --label "as read (no corrections)" --json \
  | tee "$OUT/score-read.txt" | grep -v '^{'
$PY tools/lotgen/score.py --set "$SET" --run "$OUT/run-truth" --label "validated (reading errors corrected)" --json \
  | tee "$OUT/score-truth.txt" | grep -v '^{'
echo "times: generation and validated run $((t1 - t0)) s, as-read run $((t2 - t1)) s"
tail -n 1 "$OUT/score-truth.txt" | $PY -c 'import json, sys
s = json.loads(sys.stdin.read())
right, wrong = s["linked_right_pct"] >= 99.0, s["linked_wrong"] == 0
verdict = lambda ok: "PASS" if ok else "FAIL"
print("validated: linked right %.1f %% (target >= 99 %%) %s; linked wrong %d (target 0) %s"
      % (s["linked_right_pct"], verdict(right), s["linked_wrong"], verdict(wrong)))
sys.exit(0 if right and wrong else 1)'
