#!/usr/bin/env bash
# README command 2: set up, build, and run every test (unit and integration, with
# the real Tesseract, poppler and SQLite). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# For the end-to-end tests only: Debian's Chromium (never a downloaded browser) and
# playwright-core to drive it.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "test: installing chromium"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
fi
# For the tests against real services (tests/services/): the PostgreSQL 15 server,
# which tests/services/postgres.sh starts per test as an unprivileged user in a
# temporary directory (no test uses the cluster Debian's package may create).
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "test: installing postgresql"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
fi
# For the ERP tests only: a real Tryton 6.0 server (tests/services/tryton.sh starts
# a throwaway one; the package's own service is never used) and proteus, through
# which tests/services/tryton_data.py fills it.
TRYTON_PACKAGES=(tryton-server tryton-modules-purchase tryton-modules-stock tryton-modules-stock-lot
                 tryton-modules-stock-lot-sled tryton-proteus)
missing_tryton=()
for package in "${TRYTON_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing_tryton+=("$package")
  fi
done
if [ ${#missing_tryton[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "test: installing ${missing_tryton[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_tryton[@]}"
fi
# For the packaging and deployment tests only (tests/package/, tests/monitoring/):
# dpkg-shlibdeps for cpack's dependency list, systemd-analyze to verify the units, Debian's
# nginx in front of a real quai serve, python3-yaml for the Kubernetes manifests, promtool
# (package prometheus) for the alert rules and /metrics, file and curl for the checks. Services these
# packages bring are not started while they install (policy-rc.d, Debian's own switch,
# only when the machine has none); the tests start their own nginx in a temp directory.
DEPLOY_PACKAGES=(dpkg-dev systemd nginx-light prometheus python3-yaml file curl)
missing_deploy=()
for package in "${DEPLOY_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing_deploy+=("$package")
  fi
done
if [ ${#missing_deploy[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "test: installing ${missing_deploy[*]}"
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  $SUDO apt-get update -qq
  deploy_status=0
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_deploy[@]}" || deploy_status=$?
  if [ -n "$policy_added" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
  [ $deploy_status -eq 0 ] || exit $deploy_status
fi
lock_sum=$(sha256sum tests/e2e/package-lock.json | cut -d' ' -f1)
if [ ! -f tests/e2e/node_modules/.quai-lock-sha256 ] || [ "$(cat tests/e2e/node_modules/.quai-lock-sha256)" != "$lock_sum" ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
  echo "$lock_sum" > tests/e2e/node_modules/.quai-lock-sha256
fi
cd build
# Here everything the browser tests need was installed above: a missing part fails them.
export QUAI_REQUIRE_BROWSER=1
# ... and the services the tests start (PostgreSQL, Tryton) were installed above: a missing one fails them.
export QUAI_REQUIRE_SERVICES=1
ctest --output-on-failure -j"$(nproc)" --timeout 1500
