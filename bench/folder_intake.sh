#!/usr/bin/env bash
# Folder intake under kills (bench/folder_intake.py): 1,000 files dropped in
# bursts into two watched folders (file events; polling as on a network
# share), some written slowly over 10 s, `quai serve` killed with kill -9 ten
# times and restarted; prints documents lost and duplicated (both must be 0)
# and the time from each file's last write to its taking (median, p95).
# --short: 120 files, 2 kills (CTest Bench.FolderIntakeShort).
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=1000 KILLS=10 STABLE=2
if [ "${1:-}" = "--short" ]; then FILES=120 KILLS=2; fi
QUAI=${QUAI:-build/quai}
[ -x "$QUAI" ] || { echo "folder_intake: $QUAI is not built (make -C build quai)"; exit 1; }
WORK=$(mktemp -d /tmp/quai-folder-intake-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
/usr/bin/python3 bench/folder_intake.py "$QUAI" "$WORK" "$FILES" "$KILLS" "$STABLE"
