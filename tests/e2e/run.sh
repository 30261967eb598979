#!/usr/bin/env bash
# CTest entry for one end-to-end test file: run.sh FILE.test.mjs
# Exits 77 (CTest: skipped) when what it needs is not there: node, Debian's Chromium,
# tests/e2e/node_modules (scripts/test.sh installs them), web/dist (scripts/setup.sh), or a
# quai binary with the `serve` subcommand.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Under scripts/test.sh (QUAI_REQUIRE_BROWSER=1) a missing part is a failure, not a skip.
skip() { echo "SKIPPED: $*"; [ "${QUAI_REQUIRE_BROWSER:-0}" = 1 ] && exit 1; exit 77; }
command -v node >/dev/null || skip "node is not installed"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || skip "/usr/bin/chromium is not installed (scripts/test.sh installs it)"
[ -d "$here/node_modules/playwright-core" ] || skip "playwright-core is not installed (cd tests/e2e && npm ci)"
[ -f "$here/../../web/dist/index.html" ] || skip "web/dist is not built (scripts/setup.sh)"
QUAI_BINARY=${QUAI_BINARY:-$here/../../build/quai}
"$QUAI_BINARY" serve --help >/dev/null 2>&1 || skip "$QUAI_BINARY has no serve subcommand"
export QUAI_BINARY PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mkdir -p "${E2E_ARTIFACTS:-$here/artifacts}"
cd "$here" && exec node --test --test-concurrency=1 --test-reporter=spec "$@"
