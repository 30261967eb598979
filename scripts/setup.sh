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
  # images leptonica cannot decode: libtiff for every TIFF layout and BigTIFF, libjpeg
  # directly to tell a harmless warning from missing data (src/intake/tiff_file.h, jpeg_decoder.h)
  libtiff-dev libjpeg-dev
  # e-invoices (UBL, CII, Factur-X's embedded XML): a hardened XML parser (src/einvoice)
  libxml2-dev
  # store, JSON, command line, hashing
  libsqlite3-dev nlohmann-json3-dev libcli11-dev libsodium-dev
  # ERP exports (CSV)
  libcsv-dev
  # HTTP server (quai serve): Boost.Beast over Asio, OpenSSL for TLS;
  # cpp-httplib's client for the API tests and the readers benchmark
  libboost-dev libssl-dev libcpp-httplib-dev
  # the sql ERP connector: libpq, PostgreSQL's client library
  libpq-dev
  # quai backup / quai restore of an installation on PostgreSQL run pg_dump, pg_restore
  # and psql (src/pipeline/postgres_backup.h); 15 as Debian 12's server, since pg_dump
  # must be as new as the server it dumps
  postgresql-client-15
  # mailboxes: MIME through GMime (IMAP is libcurl's, below); a real Dovecot for their tests and bench,
  # the openssl CLI for the imaps tests' self-signed certificate
  libgmime-3.0-dev dovecot-core dovecot-imapd openssl
  # /metrics: prometheus-cpp's data model and text format (src/monitor). promtool, for the
  # tests, comes with Debian's prometheus package, which scripts/test.sh installs without
  # starting its service. prometheus-cpp-dev brings libcurl4-openssl-dev, the flavour the
  # block below installs anyway.
  prometheus-cpp-dev
  # barcodes, document-type classifier, field scorer
  libzxing-dev libfasttext-dev libxgboost-dev
  # tests
  libgtest-dev libgmock-dev
  # tools/docgen (the synthetic corpus) and its fonts
  python3 python3-reportlab python3-pil python3-numpy fonts-dejavu-core fonts-liberation2
  # tools/gen2 (the second, independent generator) also prints in GNU FreeFont
  fonts-freefont-ttf
  # peak memory in benchmarks
  time bc
  # bench/peer_corpora.sh: each image's own library says whether it is valid; and
  # tests/fixtures/hostile/make_hostile.py writes TIFF layouts with tiffcp
  libtiff-tools libjpeg-turbo-progs netpbm
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

# libcurl's headers, for the ERP connectors' HTTP client (src/erp/http_client.h). Any
# flavour will do: a machine that already has one (libcurl4-nss-dev, -gnutls-dev) keeps
# it, since Debian's flavours conflict with each other.
if ! pkg-config --exists libcurl; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing libcurl4-openssl-dev"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libcurl4-openssl-dev
fi

# The web UI (web/: TypeScript built by Vite into web/dist, which `quai serve` serves).
# Node from Debian only when there is none; dependencies again only when the lock file changed.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs npm"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
# npm_ci DIR: `npm ci` in DIR unless its node_modules was made from the same package-lock.json.
npm_ci() {
  local lock_sum
  lock_sum=$(sha256sum "$1/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$1/node_modules/.quai-lock-sha256" ] || [ "$(cat "$1/node_modules/.quai-lock-sha256")" != "$lock_sum" ]; then
    echo "setup: npm ci in $1"
    (cd "$1" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
    echo "$lock_sum" > "$1/node_modules/.quai-lock-sha256"
  fi
}
npm_ci web
(cd web && npm run --silent build >/dev/null)
echo "setup: built web/dist"

BUILD_TYPE=${QUAI_BUILD_TYPE:-RelWithDebInfo}
cmake -S . -B build -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
cmake --build build -j"$(nproc)"
echo "setup: built build/quai ($(build/quai --version))"
