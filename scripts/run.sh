#!/usr/bin/env bash
# README command 1: set up, build, and run the main job on the embedded default:
# ingest the bundled sample documents into a fresh data directory (SQLite) and
# print what was read. Idempotent: the demo data directory is recreated each run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

DATA=${QUAI_DEMO_DATA:-var/demo}
rm -rf "$DATA"
mkdir -p "$DATA"
echo
echo "== quai ingest samples/ --data $DATA"
status=0
build/quai ingest samples/ --data "$DATA" || status=$?
echo
echo "== quai list --data $DATA"
build/quai list --data "$DATA"
ids=$(build/quai list --data "$DATA" --status processed --json |
  /usr/bin/python3 -c 'import json, sys; print(*sorted(json.loads(line)["id"] for line in sys.stdin))')
for id in $ids; do
  echo
  echo "== quai show $id --text (first lines)"
  build/quai show "$id" --text --data "$DATA" | head -n 30
done
echo
echo "Data directory: $DATA (originals in $DATA/originals, database $DATA/quai.db)"
exit $status
