#!/usr/bin/env bash
# Validation-screen latency under load: a real `quai serve`, 4 uploads always being read in
# the background, Chromium opening a one-page document's validation screen N times; prints
# p50/p95 from navigation start to "page image decoded and fields rendered" and the ratio to
# the 150 ms target (issue 4). Exit 1 when p95 is over the target.
#   QUAI_BINARY (default build/quai), BENCH_N (default 40), BENCH_BACKGROUND (default 4),, BENCH_DOC (default samples/dev-coc-0010.jpg, a one-page scan)
# Needs: scripts/setup.sh (web/dist built) and scripts/test.sh's browser set-up (chromium,
# tests/e2e/node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
export QUAI_BINARY=${QUAI_BINARY:-$PWD/build/quai}
export E2E_ARTIFACTS=${E2E_ARTIFACTS:-$PWD/build/bench-review-screen}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[ -f web/dist/index.html ] || { echo "review_screen: web/dist is not built (bash scripts/setup.sh)" >&2; exit 2; }
[ -d tests/e2e/node_modules/playwright-core ] || (cd tests/e2e && npm ci --no-audit --no-fund --prefer-offline)
[ -x /usr/bin/chromium ] || { echo "review_screen: /usr/bin/chromium missing (apt-get install chromium)" >&2; exit 2; }
exec node bench/review_screen.mjs
