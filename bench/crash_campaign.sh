#!/usr/bin/env bash
# Crash campaign (issue 21, item 8): kill -9 at random moments of ingest,
# reading, validation, learning and export on one data directory shared by
# `quai serve` and a `quai worker`, exporting to a real webhook receiver and a
# folder; `quai verify` after every restart; at the end what was acknowledged
# is compared with what the data directory and the targets hold
# (bench/crash_campaign.py says what is checked and printed). Exit 0 when
# every check passes.
#   KILLS (default 1000) kills in all, dealt round the five stages.
#   --short: 30 kills (what CI runs).
#   --disk-full: the same with the data directory on a small filesystem that
#   fills up now and then (a tmpfs when this process may mount one).
set -euo pipefail
cd "$(dirname "$0")/.."
QUAI=${QUAI:-$PWD/build/quai}
kills=${KILLS:-1000} disk_full=""
for arg in "$@"; do
  case "$arg" in
    --short) kills=30 ;;
    --disk-full) disk_full=1 ;;
  esac
done
work=$(mktemp -d)
mounted=""
cleanup() {
  if [ -n "$mounted" ]; then
    [ -n "${KEEP_WORK:-}" ] && cp -a "$mounted/data" "$work/data-from-tmpfs" 2>/dev/null
    umount "$mounted" 2>/dev/null || true
  fi
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export OMP_THREAD_LIMIT=1
start=$(date +%s)
docs=$((kills * 13 / 10 + 20)) scans=$((kills / 20 + 2)) learn=$((kills * 4 / 10 + 6))
/usr/bin/python3 tools/docgen/docgen.py --out "$work/docs" --family dev --count "$docs" --seed 41 --form born \
  --jobs 2 >/dev/null
# Scans make the reading stage long enough (OCR) for kills to land inside a page.
/usr/bin/python3 tools/docgen/docgen.py --out "$work/scans" --family dev --count "$scans" --seed 43 --form scan \
  --degrade mild --dpi 200 --scan-formats png,pdf --rotate-prob 0 --start $((docs + learn)) --jobs 2 >/dev/null
/usr/bin/python3 tools/docgen/docgen.py --out "$work/learn" --family dev --count "$learn" --seed 42 --form born \
  --jobs 2 --start "$docs" >/dev/null
echo "generated $docs born-digital and $scans scanned documents to store and $learn to learn in $(($(date +%s) - start)) s"
extra=()
if [ -n "$disk_full" ]; then
  mkdir -p "$work/small"
  if mount -t tmpfs -o size=24m tmpfs "$work/small" 2>/dev/null; then
    mounted="$work/small"
    echo "data directory on a 24 MiB tmpfs, filled up now and then"
  else
    echo "cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): no disk-full campaign" >&2
    exit 77  # skipped (CTest's SKIP_RETURN_CODE)
  fi
  extra=(--data "$work/small/data" --disk-full "$work/small")
fi
/usr/bin/python3 bench/crash_campaign.py --quai "$QUAI" --docs "$work/docs" --scans "$work/scans" --learn "$work/learn" --work "$work" \
  --kills "$kills" "${extra[@]}"
