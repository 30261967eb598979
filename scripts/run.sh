#!/usr/bin/env bash
# README command 1: set up, build, and run quai on the embedded default (SQLite):
# reads the bundled sample documents into the demo data directory, makes sure an
# admin account exists and prints a fresh password for it, then starts
# `quai serve` in the foreground and says which address to open. Ctrl+C stops it.
# Idempotent: samples already stored are reported as duplicates, the admin
# account is kept (only its password is renewed), corrections made in the UI stay.
#   QUAI_DEMO_DATA   data directory (default var/demo)
#   QUAI_LISTEN      address to listen on (default 127.0.0.1:8080)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

DATA=${QUAI_DEMO_DATA:-var/demo}
LISTEN=${QUAI_LISTEN:-127.0.0.1:8080}
mkdir -p "$DATA"
echo
echo "== quai ingest samples/ --data $DATA"
build/quai ingest samples/ --data "$DATA" -q || true   # a refused sample must not stop the demo
echo
build/quai list --data "$DATA"

if build/quai user list --data "$DATA" | grep -q '^admin\b'; then
  password=$(build/quai user reset-password admin --data "$DATA" | tail -n 1)
else
  password=$(build/quai user add admin --role admin --data "$DATA" | tail -n 1)
fi
echo
echo "Open http://$LISTEN/ and log in as: admin"
echo "Password (new at every start of this script): $password"
echo "Data directory: $DATA. Stop the server with Ctrl+C."
echo
exec build/quai serve --data "$DATA" --listen "$LISTEN"
