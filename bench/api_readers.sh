#!/usr/bin/env bash
# 50 concurrent API clients reading documents (issue 4): a real `quai serve` on loopback
# with the bundled samples, an integration token, BENCH_CLIENTS clients (default 50) each
# reading GET /api/v1/documents/{id} in a loop for BENCH_SECONDS (default 20). Prints
# throughput and p50/p95/p99 latency; exit 1 on any error.
#   QUAI_BINARY (default build/quai), API_READERS (default build/bench/api_readers)
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI_BINARY:-$PWD/build/quai}
READERS=${API_READERS:-$(dirname "$QUAI")/bench/api_readers}
CLIENTS=${BENCH_CLIENTS:-50}
SECONDS_TO_RUN=${BENCH_SECONDS:-20}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$QUAI" ingest --quiet --data "$work/data" samples >/dev/null
"$QUAI" user add bench --role integration --data "$work/data" >/dev/null
token=$("$QUAI" token create --user bench --data "$work/data" | tail -n 1)
"$QUAI" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/out" && break; sleep 0.1; done
port=$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$work/out")
[ -n "$port" ] || { cat "$work/err" >&2; exit 2; }
ids=$("$QUAI" list --data "$work/data" --json | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | tr '\n' ' ')
echo "api_readers: $(echo $ids | wc -w) documents, $CLIENTS clients, $SECONDS_TO_RUN s, $(nproc) cores"
# shellcheck disable=SC2086
"$READERS" "$port" "$token" "$CLIENTS" "$SECONDS_TO_RUN" $ids
