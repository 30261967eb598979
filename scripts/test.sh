#!/usr/bin/env bash
# README command 2: set up, build, and run every test (unit and integration, with
# the real Tesseract, poppler and SQLite). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 1500
