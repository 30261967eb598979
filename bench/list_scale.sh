#!/usr/bin/env bash
# The document list and the review queue on a large installation (issue 20):
# p50/p95 per request on COUNT documents (default 100,000) beside the same on a
# reference installation of 1,000 in the same job, on SQLite and, with
# --postgresql, on a fresh PostgreSQL 15 (the installation moved there with
# `quai migrate`). Prints each request's p95 and the ratio to the reference
# (1.0: the cost does not grow with the installation). Target: p95 < 100 ms.
# bench/list_scale.py says how the installation is grown. --short (CI): 5,000.
#   usage: bench/list_scale.sh [--short] [--postgresql]
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
count=100000 backends="sqlite"
for arg in "$@"; do
  case "$arg" in
    --short) count=5000 ;;
    --postgresql) backends="sqlite postgresql" ;;
  esac
done
work=$(mktemp -d /tmp/quai-list-scale.XXXXXX)
chmod 755 "$work"
trap 'for s in "$work"/pg-*; do [ -d "$s" ] && bash tests/services/postgres.sh stop "$s" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs" --family dev --count 12 --seed 7 --form born \
  --types delivery_note,certificate_of_conformity,invoice --jobs 1 >/dev/null
for backend in $backends; do
  for size in 1000 "$count"; do
    run="$work/$backend-$size"; mkdir -p "$run"
    db=()
    if [ "$backend" = postgresql ]; then
      server="$work/pg-$size"; mkdir -p "$server"; chmod 755 "$server"
      bash tests/services/postgres.sh start "$server" >/dev/null
      port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' "$server/conninfo")
      export PGPASSWORD; PGPASSWORD=$(cat "$server/password")
      db=(--db "postgresql://quai_test@127.0.0.1:$port/quai_test")
    fi
    /usr/bin/python3 bench/list_scale.py --quai "$QUAI" --docs "$work/docs" --work "$run" --count "$size" "${db[@]}" \
      | tee "$run/out.txt" | grep -v RESULT
  done
  /usr/bin/python3 - "$work/$backend-1000/out.txt" "$work/$backend-$count/out.txt" "$backend" "$count" <<'PY'
import json, sys
ref, big = (json.loads(open(p).read().split("RESULT ", 1)[1]) for p in sys.argv[1:3])
print(f"{sys.argv[3]}: p95 at {sys.argv[4]} documents against 1,000 (target < 100 ms)")
for name in ref:
    verdict = "ok" if big[name] < 100 else "OVER"
    print(f"  {name:<34} {big[name]:7.1f} ms  ratio {big[name] / ref[name]:5.2f}  {verdict}")
PY
done
