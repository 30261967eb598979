#!/usr/bin/env bash
# Installs what quai needs from Debian 12's packages and builds it into build/.
# Idempotent: packages already there are not fetched again, the build is incremental.
# Run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # toolchain
  g++ cmake make pkg-config
  # OCR: engine, French/English/orientation models, leptonica for images
  tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng tesseract-ocr-osd libtesseract-dev libleptonica-dev
  # PDF text layers and rendering; pdftoppm for the synthetic corpus
  libpoppler-cpp-dev poppler-utils
  # store, JSON, command line, hashing
  libsqlite3-dev nlohmann-json3-dev libcli11-dev libsodium-dev
  # barcodes, document-type classifier, field scorer
  libzxing-dev libfasttext-dev libxgboost-dev
  # tests
  libgtest-dev libgmock-dev
  # tools/docgen (the synthetic corpus) and its fonts
  python3 python3-reportlab python3-pil python3-numpy fonts-dejavu-core fonts-liberation2
  # peak memory in benchmarks
  time bc
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

BUILD_TYPE=${QUAI_BUILD_TYPE:-RelWithDebInfo}
cmake -S . -B build -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
cmake --build build -j"$(nproc)"
echo "setup: built build/quai ($(build/quai --version))"
