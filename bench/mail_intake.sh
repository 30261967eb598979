#!/usr/bin/env bash
# Mail intake under kills: a real Dovecot with 500 mails (1-3 attachments
# each, some not documents, some documents sent twice), the mailbox driver
# killed with kill -9 ten times while taking mails and restarted; then every
# document attachment must be stored exactly once, every mail \Seen, and a
# second mailbox with a wrong password must report its error in its status
# while the first is served. The mailboxes are added with `quai source add
# imap` and run by `quai serve --no-workers` (intake only: reading is not what
# is measured). --short: 40 mails, 2 kills (CTest Bench.MailIntakeShort).
# Exit 77: dovecot is not installed (skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
MAILS=500 KILLS=10
if [ "${1:-}" = "--short" ]; then MAILS=40 KILLS=2; fi
BUILD=${BUILD:-build}
QUAI=${QUAI:-$BUILD/quai}
[ -x /usr/sbin/dovecot ] || { echo "mail_intake: dovecot is not installed (apt-get install dovecot-imapd)"; exit 77; }
[ -x "$QUAI" ] || { echo "mail_intake: $QUAI is not built (make -C $BUILD quai)"; exit 1; }

WORK=$(mktemp -d /tmp/quai-mail-intake-XXXXXX)
DOVECOT_PID="" DRIVER_PID=""
cleanup() {
  [ -n "$DRIVER_PID" ] && kill -9 "$DRIVER_PID" 2>/dev/null || true
  [ -n "$DOVECOT_PID" ] && kill "$DOVECOT_PID" 2>/dev/null && wait "$DOVECOT_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 bench/mail_intake.py dovecot "$WORK/dovecot" "$PORT" &
DOVECOT_PID=$!
for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
START=$(date +%s.%N)
python3 bench/mail_intake.py fill "$PORT" "$MAILS" "$WORK/expected.txt"
echo "mail_intake: $MAILS mails appended in $(echo "$(date +%s.%N) - $START" | bc) s; $(wc -l < "$WORK/expected.txt") distinct documents"

DATA="$WORK/data"
mkdir -p "$DATA"
echo bench-pw > "$WORK/password"
echo wrong-pw > "$WORK/wrong"
"$QUAI" source add imap receiving --data "$DATA" --url "imap://127.0.0.1:$PORT/INBOX" --user receiving \
  --password-file "$WORK/password" --set interval_seconds=1 --set batch_size=20
"$QUAI" source add imap quality --data "$DATA" --url "imap://127.0.0.1:$PORT/INBOX" --user quality \
  --password-file "$WORK/wrong" --set interval_seconds=1

query() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$DATA/quai.db" "$1"; }
START=$(date +%s.%N)
for kill in $(seq "$KILLS"); do
  "$QUAI" serve --data "$DATA" --listen 127.0.0.1:0 --no-workers >> "$WORK/driver.log" 2>&1 &
  DRIVER_PID=$!
  # Killed while it takes mails: once it has stored a few more documents
  # (a random number, so the kill falls anywhere in a mail), or after 10 s.
  BEFORE=$(query "SELECT count(*) FROM documents WHERE source = 'mail:receiving'")
  MORE=$(python3 -c "import random; print(random.randint(1, max(1, $MAILS // 12)))")
  for _ in $(seq 200); do
    [ "$(query "SELECT count(*) FROM documents WHERE source = 'mail:receiving'")" -ge $((BEFORE + MORE)) ] && break
    sleep 0.05
  done
  kill -9 "$DRIVER_PID"; wait "$DRIVER_PID" 2>/dev/null || true; DRIVER_PID=""
  echo "mail_intake: kill $kill: $(query "SELECT count(*) FROM documents WHERE source = 'mail:receiving'") documents so far"
done
"$QUAI" serve --data "$DATA" --listen 127.0.0.1:0 --no-workers >> "$WORK/driver.log" 2>&1 &
DRIVER_PID=$!
DONE=""
for _ in $(seq 600); do
  read -r UNSEEN SEEN < <(python3 bench/mail_intake.py state "$PORT")
  if [ "$UNSEEN" = 0 ]; then DONE=1; break; fi
  sleep 1
done
ELAPSED=$(echo "$(date +%s.%N) - $START" | bc)
sleep 2  # the wrong mailbox's pass is recorded
kill -9 "$DRIVER_PID"; wait "$DRIVER_PID" 2>/dev/null || true; DRIVER_PID=""

FAIL=0
EXPECTED=$(wc -l < "$WORK/expected.txt")
STORED=$(query "SELECT count(*) FROM documents WHERE source = 'mail:receiving'")
python3 - "$DATA/quai.db" "$WORK/expected.txt" <<'PY' || FAIL=1
import sqlite3, sys
stored = [row[0] for row in sqlite3.connect(sys.argv[1]).execute("SELECT sha256 FROM documents WHERE source = 'mail:receiving'")]
expected = set(open(sys.argv[2]).read().split())
missing, extra = expected - set(stored), set(stored) - expected
print(f"mail_intake: expected {len(expected)} distinct documents, stored {len(stored)} ({len(set(stored))} distinct); missing {len(missing)}, unexpected {len(extra)}")
sys.exit(1 if missing or extra or len(stored) != len(set(stored)) else 0)
PY
read -r UNSEEN SEEN < <(python3 bench/mail_intake.py state "$PORT")
echo "mail_intake: mails unseen $UNSEEN, seen $SEEN of $MAILS; all handled in ${ELAPSED} s after $KILLS kills"
[ -n "$DONE" ] && [ "$SEEN" = "$MAILS" ] || { echo "mail_intake: FAIL: not every mail was handled"; FAIL=1; }
WRONG=$(query "SELECT last_error FROM sources WHERE name = 'quality'")
RIGHT=$(query "SELECT last_error FROM sources WHERE name = 'receiving'")
echo "mail_intake: quality's status: $WRONG"
[[ "$WRONG" == *"login refused for 'quality'"* ]] || { echo "mail_intake: FAIL: the wrong password is not reported"; FAIL=1; }
[[ "$WRONG" != *wrong-pw* ]] || { echo "mail_intake: FAIL: the password appears in the status"; FAIL=1; }
[ -z "$RIGHT" ] || { echo "mail_intake: FAIL: receiving reports '$RIGHT'"; FAIL=1; }
[ "$FAIL" = 0 ] && echo "mail_intake: OK" || echo "mail_intake: FAILED"
exit "$FAIL"
