#!/usr/bin/env bash
# quai migrate at scale (issue 20): an embedded installation of DOCUMENTS
# (default 10,000) documents with pages, words, extractions, review events and
# training examples (bench/sample_installation.cc) copied into a fresh
# PostgreSQL 15 with `quai migrate --to`; prints the command's per-table counts
# and checksums and the time taken. Exit 1 unless every count and checksum is
# identical. --short (CI): 500 documents.
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
SAMPLE=${SAMPLE:-$PWD/build/bench/sample_installation}
documents=${DOCUMENTS:-10000}
if [ "${1:-}" = "--short" ]; then documents=500; fi
server=$(mktemp -d /tmp/quai-migrate-bench.XXXXXX)
data=$(mktemp -d)
trap 'bash tests/services/postgres.sh stop "$server" >/dev/null 2>&1 || true; rm -rf "$server" "$data"' EXIT
chmod 755 "$server"
bash tests/services/postgres.sh start "$server" >/dev/null
port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' "$server/conninfo")
echo "generating an installation of $documents documents..."
"$SAMPLE" "$data/quai.db" "$documents"
start=$(date +%s.%N)
PGPASSWORD=$(cat "$server/password") "$QUAI" migrate --data "$data" \
  --to "postgresql://quai_test@127.0.0.1:$port/quai_test" | tee "$data/report.txt"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "quai migrate took %.1f s\n", e - s }'
grep -q "every count and checksum identical" "$data/report.txt"
! grep -q DIFFERENT "$data/report.txt"
echo "migrate: counts and checksums identical"
