#!/usr/bin/env bash
# libFuzzer campaigns (issue 21) with AddressSanitizer and UBSan, built with
# Debian's clang into build-fuzz/: every parser a client, a supplier's file or
# a barcode can reach. Each target starts from its seeds in tests/fuzz/<target>
# (kept in the repository) and grows a working corpus in build-fuzz/corpus/.
# Prints, per target, executions, coverage (edges), corpus size and the result;
# exits 1 when any target found a crash, a leak or a timeout (the input is kept
# in build-fuzz/crashes/).
#   bench/fuzz.sh [SECONDS_PER_TARGET (default 600)] [TARGET...]
# CI runs `bench/fuzz.sh 15` (tests/integration: Fuzz.ShortRun).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
[ $# -gt 0 ] && shift
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(fuzz_type_sniffer fuzz_source_document fuzz_multipart fuzz_json_body fuzz_gs1 fuzz_recognizers
  fuzz_einvoice_reader)

missing=()
for package in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "fuzz: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build build-fuzz --target "${TARGETS[@]}" -j"$(nproc)" >/dev/null
mkdir -p build-fuzz/crashes

# Leaks inside Debian's PDF, image and font libraries (not built with the
# sanitizers, not quai's to mend) are suppressed; quai's own are not.
export LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0
failed=0
printf '%-20s %12s %8s %8s %s\n' target executions edges corpus result
for target in "${TARGETS[@]}"; do
  binary=$(find build-fuzz/src -type f -name "$target" -perm -u+x | head -1)
  seeds=tests/fuzz/$target
  work=build-fuzz/corpus/$target
  mkdir -p "$work"
  log=build-fuzz/$target.log
  status=0
  # -rss_limit_mb: one input may not cost over 2 GiB; -timeout: nor over 10 s.
  "$binary" "$work" "$seeds" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="build-fuzz/crashes/$target-" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(find "$work" -type f | wc -l)
  result=ok
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status; see $log)"
    failed=1
  fi
  printf '%-20s %12s %8s %8s %s\n' "$target" "${runs:-?}" "${edges:-?}" "$corpus" "$result"
done
exit $failed
