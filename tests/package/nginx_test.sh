#!/usr/bin/env bash
# deploy/nginx/quai.conf as a real reverse proxy (Debian's nginx) in front of a real
# `quai serve`, on loopback, with a self-signed certificate made here by openssl: an
# upload over TLS is stored and read; a body over quai's upload limit is refused by
# nginx with 413 before quai sees it; one just over the file limit but within the
# request limit passes nginx and quai refuses the file itself (the two limits match);
# plain HTTP is sent to HTTPS; HSTS is added and quai's own headers pass through.
# The example file is used as shipped: only its ports, upstream and certificate paths
# are replaced, and each replacement is checked to have happened.
#   tests/package/nginx_test.sh SOURCE_DIR BUILD_DIR
# Exit 77 (skipped) when nginx, openssl or curl is missing, a failure under
# QUAI_REQUIRE_SERVICES=1 (scripts/test.sh installs them).
set -euo pipefail
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
QUAI="$BUILD/quai"
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in nginx openssl curl; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    if [ "${QUAI_REQUIRE_SERVICES:-}" = 1 ]; then fail "$tool is not installed (QUAI_REQUIRE_SERVICES=1)"; fi
    echo "SKIP: $tool is not installed"; exit 77
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PYTHON=/usr/bin/python3

T=$(mktemp -d /tmp/quai-nginx.XXXXXX)
chmod 755 "$T"
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ $status -ne 0 ]; then
    for log in "$T"/*.log; do [ -f "$log" ] && { echo "== $log"; tail -n 30 "$log"; }; done
  fi
  rm -rf "$T"
  exit $status
}
trap cleanup EXIT
free_port() { $PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
QUAI_PORT=$(free_port); TLS_PORT=$(free_port); HTTP_PORT=$(free_port)
HOST=quai.example.internal

echo "== a self-signed certificate for $HOST"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" \
  -addext "subjectAltName=DNS:$HOST" -keyout "$T/quai.key" -out "$T/quai.pem" 2>"$T/openssl.log"

echo "== quai serve on 127.0.0.1:$QUAI_PORT, trusting the proxy"
DATA="$T/data"
"$QUAI" user add proxyadmin --role admin --data "$DATA" >/dev/null
token=$("$QUAI" token create --user proxyadmin --data "$DATA" | tail -n 1)
"$QUAI" serve --data "$DATA" --listen "127.0.0.1:$QUAI_PORT" --trusted-proxy 127.0.0.1 >"$T/quai.log" 2>&1 &
PIDS+=($!)

echo "== nginx with deploy/nginx/quai.conf on 127.0.0.1:$TLS_PORT (TLS) and :$HTTP_PORT"
site="$T/quai.conf"
cp "$SRC/deploy/nginx/quai.conf" "$site"
replace() {  # replace FROM TO: exactly one line of the example must change
  local count
  count=$(grep -cF -- "$1" "$site" || true)
  [ "$count" = 1 ] || fail "deploy/nginx/quai.conf should hold '$1' once, has it $count times"
  FROM="$1" TO="$2" $PYTHON -c 'import os,sys; p=sys.argv[1]; s=open(p).read(); open(p,"w").write(s.replace(os.environ["FROM"], os.environ["TO"]))' "$site"
}
replace "listen 443 ssl http2;" "listen 127.0.0.1:$TLS_PORT ssl http2;"
replace "listen 80;" "listen 127.0.0.1:$HTTP_PORT;"
replace "server 127.0.0.1:8080;" "server 127.0.0.1:$QUAI_PORT;"
replace "/etc/ssl/certs/quai.pem" "$T/quai.pem"
replace "/etc/ssl/private/quai.key" "$T/quai.key"
mkdir -p "$T/body" "$T/proxy"
cat >"$T/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $T/nginx.pid;
error_log $T/nginx-error.log;
events { worker_connections 128; }
http {
    access_log $T/nginx-access.log;
    client_body_temp_path $T/body;
    proxy_temp_path $T/proxy;
    include $site;
}
CONF
"$NGINX" -t -q -e "$T/nginx-error.log" -c "$T/nginx.conf" 2>"$T/nginx-test.log" || fail "nginx -t: $(cat "$T/nginx-test.log")"
"$NGINX" -e "$T/nginx-error.log" -c "$T/nginx.conf" 2>>"$T/nginx-error.log" &
PIDS+=($!)

tls=(--cacert "$T/quai.pem" --resolve "$HOST:$TLS_PORT:127.0.0.1")
base="https://$HOST:$TLS_PORT"
for _ in $(seq 1 100); do
  curl -fsS "${tls[@]}" "$base/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "== health over TLS, headers"
curl -fsS "${tls[@]}" -D "$T/headers.txt" -o "$T/health.json" "$base/api/v1/health" || fail "no answer through nginx over TLS"
grep -qi "^strict-transport-security: max-age=31536000" "$T/headers.txt" || fail "no HSTS: $(cat "$T/headers.txt")"
grep -qi "^x-content-type-options: nosniff" "$T/headers.txt" || fail "quai's own headers did not pass: $(cat "$T/headers.txt")"
grep -qi '"status"' "$T/health.json" || fail "health: $(cat "$T/health.json")"

echo "== plain HTTP goes to HTTPS"
redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $HOST" "http://127.0.0.1:$HTTP_PORT/queue")
[ "$redirect" = "301 https://$HOST/queue" ] || fail "plain HTTP answered '$redirect'"

echo "== an upload through nginx over TLS is stored and read"
curl -fsS "${tls[@]}" -H "Authorization: Bearer $token" -F "file=@$SRC/samples/dev-inv-0003.pdf" \
  "$base/api/v1/documents" >"$T/upload.json" || fail "upload through nginx failed"
id=$($PYTHON -c 'import json,sys; print(json.load(sys.stdin)["documents"][0]["id"])' <"$T/upload.json") \
  || fail "upload answer: $(cat "$T/upload.json")"
status=received
for _ in $(seq 1 200); do
  curl -fsS "${tls[@]}" -H "Authorization: Bearer $token" "$base/api/v1/documents/$id" >"$T/document.json"
  status=$($PYTHON -c 'import json,sys; print(json.load(sys.stdin)["status"])' <"$T/document.json")
  [ "$status" != received ] && break
  sleep 0.3
done
type=$($PYTHON -c 'import json,sys; print(json.load(sys.stdin).get("document_type"))' <"$T/document.json")
echo "document $id: $status, $type"
case "$status" in needs_review|auto_accepted) ;; *) fail "the uploaded document was not read: $status";; esac
[ "$type" = invoice ] || fail "the uploaded invoice was read as $type"

count_documents() {
  curl -fsS "${tls[@]}" -H "Authorization: Bearer $token" "$base/api/v1/documents" \
    | $PYTHON -c 'import json,sys; print(json.load(sys.stdin)["total"])'
}
before=$(count_documents)

echo "== a body over the limit (101 MiB + 1) is refused by nginx with 413"
# A PDF header then zeros (sparse: nothing is written to disk).
printf '%%PDF-1.4\n' >"$T/huge.pdf"; truncate -s $((101 * 1024 * 1024 + 1)) "$T/huge.pdf"
answer=$(curl -sS "${tls[@]}" -H "Authorization: Bearer $token" -F "file=@$T/huge.pdf" \
  -o "$T/huge-answer.html" -w '%{http_code}' "$base/api/v1/documents")
[ "$answer" = 413 ] || fail "an oversized body got $answer"
grep -q "<center>nginx</center>" "$T/huge-answer.html" || fail "the 413 did not come from nginx: $(head -c 300 "$T/huge-answer.html")"
grep -q "client intended to send too large body" "$T/nginx-error.log" || fail "nginx did not log the refusal"

echo "== a file just over quai's file limit, in a body within the request limit, reaches quai, which refuses it"
printf '%%PDF-1.4\n' >"$T/big.pdf"; truncate -s $((100 * 1024 * 1024 + 1)) "$T/big.pdf"
curl -sS "${tls[@]}" -H "Authorization: Bearer $token" -F "file=@$T/big.pdf" \
  -o "$T/big-answer.json" -w '%{http_code}\n' "$base/api/v1/documents" >"$T/big-code.txt"
code=$($PYTHON -c 'import json,sys; print(json.load(sys.stdin)["documents"][0]["error"]["code"])' <"$T/big-answer.json") \
  || fail "quai's answer to a file over its limit: $(cat "$T/big-code.txt") $(head -c 300 "$T/big-answer.json")"
[ "$code" = too_large ] || fail "quai refused the big file with $code, not too_large"
after=$(count_documents)
[ "$after" = "$before" ] || fail "refused uploads changed the documents: $before then $after"
echo "PASS: nginx example proxies TLS uploads and refuses oversized bodies with 413"
