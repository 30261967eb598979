#!/usr/bin/env bash
# The Debian package, built, installed and started as an administrator would (issue 20,
# items 4 and 6). Builds it from the existing build folder with CPack, installs it with
# apt-get, checks its files, the quai user and /var/lib/quai (0700), verifies the systemd
# units, starts quai.service and quai-worker@1.service, uploads a scanned delivery note
# through the API and waits until the worker has read it, then removes (data kept) and
# purges (data and user gone), so it can run again.
#
# systemd is not PID 1 in CI, so `systemctl start` cannot run: unit_stand_in.py is its
# stand-in. It reads the installed unit files and runs their ExecStart= as their User=
# with their Environment=/EnvironmentFile=, UMask= and NoNewPrivileges=. It runs in a
# mount namespace where the source and build trees are hidden, so the installed binary
# can only read the models, schemas and web UI the package installed.
#
# Needs root, or sudo without a password (it installs a package). Exit 77 (skipped) without root, or when a quai
# package not installed by this test is on the machine; under QUAI_REQUIRE_SERVICES=1
# a missing root is a failure.
#   tests/package/package_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
HERE="$SRC/tests/package"
STAND_IN="$HERE/unit_stand_in.py"
MARKER=/var/lib/quai/.quai-package-test

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() {
  if [ "${QUAI_REQUIRE_SERVICES:-}" = 1 ]; then fail "$* (QUAI_REQUIRE_SERVICES=1)"; fi
  echo "SKIP: $*"; exit 77
}
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  exec sudo -n QUAI_REQUIRE_SERVICES="${QUAI_REQUIRE_SERVICES:-}" bash "$0" "$SRC" "$BUILD"
fi
[ "$(id -u)" -eq 0 ] || skip "the package test installs a package: run it as root (or with sudo)"
if dpkg-query -W -f='${Status}' quai 2>/dev/null | grep -q "install ok installed" && [ ! -e "$MARKER" ]; then
  echo "SKIP: a quai package is installed on this machine; this test would replace and purge it"; exit 77
fi
# Debian's python3 (python3-yaml and the stand-in need nothing else).
PYTHON=/usr/bin/python3

WORK=$(mktemp -d /tmp/quai-package.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if dpkg-query -W -f='${Status}' quai 2>/dev/null | grep -q "installed"; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq quai >/dev/null 2>&1 || true
  fi
  if [ $status -ne 0 ]; then
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "== $log"; tail -n 30 "$log"; }; done
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT

# A previous run that was killed: purge what it left.
if dpkg-query -W -f='${Status}' quai 2>/dev/null | grep -q "installed"; then
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq quai >/dev/null
fi

echo "== build: cpack -G DEB (from $BUILD, no rebuild)"
start=$(date +%s)
(cd "$BUILD" && cpack -G DEB -B "$WORK/package" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log"; fail "cpack failed"; }
deb=$(ls "$WORK"/package/quai_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - start )) s"

echo "== control"
dpkg-deb -f "$deb" Package Version Architecture Depends
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libc6 libtesseract5 libpoppler-cpp0v5 libsqlite3-0 libpq5 libssl3 tesseract-ocr-fra tesseract-ocr-eng tesseract-ocr-osd adduser; do
  grep -q "\b$needed\b" <<<"$depends" || fail "Depends lacks $needed (dpkg-shlibdeps or the explicit list): $depends"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$WORK/conffiles"
grep -qx /etc/quai/quai.conf "$WORK/conffiles" || fail "/etc/quai/quai.conf is not a conffile"
grep -qx /etc/quai/schemas/invoice.json "$WORK/conffiles" || fail "the schemas are not conffiles"

echo "== install: apt-get install ./$(basename "$deb")"
(cd "$WORK/package" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$(basename "$deb")" >"$WORK/apt.log" 2>&1) \
  || { cat "$WORK/apt.log"; fail "apt-get install failed"; }
touch "$MARKER"

echo "== files"
for file in /usr/bin/quai /usr/share/quai/models/field_scorer.qsc /usr/share/quai/models/document_classifier.qcl \
            /usr/share/quai/models/calibration.json /usr/share/quai/web/index.html /etc/quai/quai.conf \
            /etc/quai/schemas/delivery_note.json /lib/systemd/system/quai.service \
            /lib/systemd/system/quai-worker@.service /usr/share/doc/quai/install.md \
            /usr/share/doc/quai/examples/nginx/quai.conf /usr/share/doc/quai/examples/container/Containerfile \
            /usr/share/doc/quai/examples/kubernetes/worker-scaling.yaml; do
  [ -f "$file" ] || fail "$file is not installed"
done
file -L /usr/bin/quai | grep -q "stripped" && ! file -L /usr/bin/quai | grep -q "not stripped" || fail "/usr/bin/quai is not stripped"
cmp -s "$SRC/models/field_scorer.qsc" /usr/share/quai/models/field_scorer.qsc || fail "the installed scorer differs from models/"
/usr/bin/quai --version

echo "== user and data directory"
entry=$(getent passwd quai) || fail "no quai user"
IFS=: read -r _ _ uid gid _ home shell <<<"$entry"
[ "$uid" -lt 1000 ] || fail "quai is not a system user (uid $uid)"
[ "$home" = /var/lib/quai ] || fail "quai's home is $home"
case "$shell" in */nologin|*/false) ;; *) fail "quai has a login shell ($shell)";; esac
getent group quai >/dev/null || fail "no quai group"
mode=$(stat -c '%a %U %G' /var/lib/quai)
[ "$mode" = "700 quai quai" ] || fail "/var/lib/quai is '$mode', want '700 quai quai'"
echo "quai: uid $uid, home $home, shell $shell; /var/lib/quai $mode"

echo "== systemd-analyze verify"
# A template is verified through an instance of it.
mkdir -p "$WORK/units"
cp /lib/systemd/system/quai.service "$WORK/units/"
cp /lib/systemd/system/quai-worker@.service "$WORK/units/quai-worker@.service"
ln -s quai-worker@.service "$WORK/units/quai-worker@1.service"
(cd "$WORK/units" && systemd-analyze verify --man=no ./quai.service ./quai-worker@1.service) >"$WORK/verify.log" 2>&1 \
  || { cat "$WORK/verify.log"; fail "systemd-analyze verify found problems"; }
if grep -v "^$" "$WORK/verify.log" | grep -qi "quai"; then cat "$WORK/verify.log"; fail "systemd-analyze verify warned about the units"; fi
echo "verified"

echo "== the administrator's settings: a free port, reading in the worker unit only"
port=$($PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -i "s|^QUAI_SERVE_OPTIONS=.*|QUAI_SERVE_OPTIONS=--listen 127.0.0.1:$port --no-workers|" /etc/quai/quai.conf
grep -q -- "--no-workers" /etc/quai/quai.conf || fail "could not edit /etc/quai/quai.conf"

# in_service UNIT [-- COMMAND...]: the stand-in, with the source and build trees hidden
# (build first: it may sit inside the source tree) when mount namespaces are allowed here.
if unshare --mount --propagation private -- true 2>/dev/null; then
  HIDE=(unshare --mount --propagation private -- sh -c '
    for tree in "$1" "$0"; do mount -t tmpfs -o size=1m,mode=0755 hidden "$tree"; done
    shift 2; exec "$@"' "$SRC" "$BUILD")
else
  echo "note: no mount namespaces here; the source tree stays visible to the installed binary"
  HIDE=()
fi
# Every step execs the next (unshare, sh, the stand-in, setpriv), so a started unit's
# process id is quai's own: SIGTERM reaches quai as systemctl stop would send it.
in_service() { (cd / && exec "${HIDE[@]}" $PYTHON "$STAND_IN" "$@"); }
start_unit() {  # start_unit LOG UNIT [--instance I]
  local log=$1; shift
  (cd / && exec "${HIDE[@]}" $PYTHON "$STAND_IN" "$@") >"$log" 2>&1 &
  PIDS+=($!)
}
# The stand-in itself lives in the source tree, which the namespace hides: copy it out.
cp "$STAND_IN" "$WORK/unit_stand_in.py"
STAND_IN="$WORK/unit_stand_in.py"
$PYTHON "$STAND_IN" /lib/systemd/system/quai.service --print | tee "$WORK/serve-unit.txt"
grep -qx "user: quai group: quai" "$WORK/serve-unit.txt" || fail "quai.service does not run as quai"
grep -qx "env: QUAI_HOME=/var/lib/quai" "$WORK/serve-unit.txt" || fail "quai.service's data directory is not /var/lib/quai"

echo "== the installed binary reads the installed models"
in_service /lib/systemd/system/quai.service -- /usr/bin/quai models list >"$WORK/models.log" 2>&1 || fail "quai models failed: $(cat "$WORK/models.log")"
grep -q "shipped models in /usr/share/quai/models " "$WORK/models.log" || fail "not the installed models: $(cat "$WORK/models.log")"

echo "== an account and a token, as the administrator makes them (sudo -u quai quai ...)"
in_service /lib/systemd/system/quai.service -- /usr/bin/quai user add pkgadmin --role admin >"$WORK/user.log" 2>&1 \
  || fail "quai user add failed: $(cat "$WORK/user.log")"
token=$(in_service /lib/systemd/system/quai.service -- /usr/bin/quai token create --user pkgadmin --label package-test 2>"$WORK/token.log" | tail -n 1)
[[ "$token" == quai_* ]] || fail "no token: $token $(cat "$WORK/token.log")"

echo "== stand-in for: systemctl start quai.service quai-worker@1.service"
start_unit "$WORK/serve.log" /lib/systemd/system/quai.service
start_unit "$WORK/worker.log" /lib/systemd/system/quai-worker@.service --instance 1
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$base/api/v1/health" | tee "$WORK/health.json"; echo
ps -o user=,args= -C quai | grep -q "^quai .*quai serve --listen 127.0.0.1:$port --no-workers" \
  || { ps -o user=,args= -C quai; fail "quai serve does not run as quai with the conffile's options"; }
ps -o user=,args= -C quai | grep -q "^quai .*quai worker" || fail "quai worker does not run as quai"
curl -fsS "$base/" | grep -qi "<!doctype html" || fail "the web UI is not served from /usr/share/quai/web"

echo "== upload a scanned delivery note (TIFF, OCR with the packaged languages)"
curl -fsS -H "Authorization: Bearer $token" -F "file=@$SRC/samples/dev-dn-0005.tif" "$base/api/v1/documents" \
  | tee "$WORK/upload.json"; echo
id=$($PYTHON -c 'import json,sys; print(json.load(sys.stdin)["documents"][0]["id"])' <"$WORK/upload.json")
status=received
for _ in $(seq 1 300); do
  curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/documents/$id" >"$WORK/document.json"
  status=$($PYTHON -c 'import json,sys; print(json.load(sys.stdin)["status"])' <"$WORK/document.json")
  [ "$status" != received ] && break
  sleep 0.5
done
$PYTHON - "$WORK/document.json" "$SRC/samples/dev-dn-0005.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))
print("status", document["status"], "type", document.get("document_type"), "fields", sorted(document.get("fields", {})))
assert document["status"] in ("needs_review", "auto_accepted"), f"not read: {document['status']} {document.get('error')}"
assert document["document_type"] == truth["document_type"], document["document_type"]
right = [f for f, v in truth["fields"].items() if document["fields"].get(f, {}).get("value") == v]
# The shipped models read most of this sample's header right; none would mean they were not loaded.
assert len(right) >= 2, f"only {right} right of {sorted(truth['fields'])}"
print("read right:", right)
PY

echo "== stop (SIGTERM, as systemctl stop)"
for pid in "${PIDS[@]}"; do
  [ "$(cat /proc/$pid/comm)" = quai ] || fail "process $pid is $(cat /proc/$pid/comm), not quai"
  kill -TERM "$pid"
done
for pid in "${PIDS[@]}"; do
  code=0; wait "$pid" || code=$?
  [ $code -eq 0 ] || fail "a unit's quai exited with $code on SIGTERM"
done
PIDS=()
owner=$(find /var/lib/quai -not -user quai -not -path "$MARKER" | head -n 3)
[ -z "$owner" ] || fail "files in /var/lib/quai not owned by quai: $owner"
loose=$(find /var/lib/quai -type f -perm /077 -not -path "$MARKER" | head -n 3)
[ -z "$loose" ] || fail "files in /var/lib/quai readable by others: $loose"

echo "== remove keeps the data, purge deletes it"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq quai >"$WORK/remove.log" 2>&1 || fail "apt-get remove failed"
[ ! -e /usr/bin/quai ] || fail "/usr/bin/quai left after remove"
getent passwd quai >/dev/null || fail "remove deleted the quai user"
[ -f /var/lib/quai/quai.db ] || fail "remove deleted the database"
[ -f /etc/quai/quai.conf ] || fail "remove deleted the configuration"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq quai >"$WORK/purge.log" 2>&1 || fail "apt-get purge failed"
! getent passwd quai >/dev/null || fail "purge left the quai user"
! getent group quai >/dev/null || fail "purge left the quai group"
[ ! -e /var/lib/quai ] || fail "purge left /var/lib/quai"
[ ! -e /etc/quai ] || fail "purge left /etc/quai"
echo "PASS: package built, installed, started, read a document, removed and purged"
