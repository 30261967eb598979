#!/usr/bin/python3
"""Crash campaign (issue 21, item 8): kill -9 at random moments of every stage.

One data directory, shared as on a site by `quai serve` (API and its own
workers) and a `quai worker`, exporting to a real webhook receiver
(tests/services/webhook_receiver.py, failing a share of its calls) and to a
folder. Kills are dealt round the five stages, each at a random moment of
its work:

  ingest      `quai ingest` of a few new files (and now and then one stored
              before), killed while it stores and reads them;
  reading     files queued by `quai ingest --queue-only`, then the worker
              killed while the readers have them;
  validation  a correction and a validation through the API (and an upload),
              `quai serve` killed under the requests; the client, like the
              web UI, looks at the document before it sends again;
  learning    `quai learn` importing validated documents, killed while it
              stores, reads, validates and learns them (its learn jobs are
              then the workers'); now and then the worker killed while it
              runs learn jobs;
  export      the process holding an export job (to the webhook or the
              folder) killed while it sends.

Each killed process is started again; after every restart `quai verify`
checks the data directory (with the others still working). At the end, with
everything settled and stopped, what the processes acknowledged is compared
with what the data directory and the targets hold:

  - every acknowledged stored file (ingest's "stored"/"duplicate" lines, the
    upload's answer, `quai learn`'s "learned") is there, read, once;
  - every acknowledged correction recorded exactly once (one event), every
    acknowledged validation exactly once (one "validated" event, one training
    example, one validated version);
  - every export of every accepted version delivered exactly once: the
    receiver processed each key once (its redeliveries dropped by
    webhook-id are counted, not failed), each file target's file is there;
  - `quai verify` clean after every restart and at the end (no document in
    an impossible state, nothing doubled).

With --disk-full DIR the data directory lives on DIR, a small filesystem
(bench/crash_campaign.sh mounts a tmpfs), and the campaign fills it up now
and then with a ballast file and frees it again: writes must fail with an
error naming the cause, nothing acknowledged may be lost, and once space is
back everything must go on and `quai verify` be clean.

Prints one line per figure; exits 1 when a check fails.
Usage: crash_campaign.py --quai build/quai --docs DIR [--scans DIR] --learn DIR --work DIR [--kills 1000] [--disk-full DIR]
"""
import argparse
import collections
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
RECEIVER = os.path.join(HERE, "..", "tests", "services", "webhook_receiver.py")
STAGES = ("ingest", "reading", "validation", "learning", "export")
CHILDREN = []  # every process started, ended by pid when the driver ends however it ends


def end_children(*_):
    for child in CHILDREN:
        if child.poll() is None:
            child.kill()
            child.wait()
    if _:
        sys.exit(1)


def spawn(command, **kwargs):
    child = subprocess.Popen(command, **kwargs)
    CHILDREN.append(child)
    return child


def log(*parts):
    print(*parts, flush=True)


def sha256_of(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class Store:
    """Read-only looks at quai.db, as an administrator's sqlite3 would."""

    def __init__(self, data):
        self.path = os.path.join(data, "quai.db")

    def query(self, sql, *args):
        for attempt in range(20):
            try:
                connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
                try:
                    return connection.execute(sql, args).fetchall()
                finally:
                    connection.close()
            except sqlite3.OperationalError:
                if attempt == 19:
                    raise
                time.sleep(0.2)

    def scalar(self, sql, *args):
        return self.query(sql, *args)[0][0]


class Processes:
    """`quai serve` and one `quai worker` on the data directory, each started again after a kill."""

    def __init__(self, quai, data, logs, lease, poll, retry_ms):
        common = ["--data", data, "--jobs", "1", "--lease-seconds", str(lease), "--poll-ms", str(poll),
                  "--retry-ms", str(retry_ms), "--retrain-hours", "0", "--erp-sync-minutes", "0"]
        self.commands = {"serve": [quai, "serve", "--listen", "127.0.0.1:0", *common],
                         "worker": [quai, "worker", *common]}
        self.logs = logs
        self.processes = {}
        self.exits = collections.Counter()  # exits of their own (not our kills)
        self.port = None
        self.changed = threading.Condition()
        self.lock = threading.Lock()  # one kill or start at a time
        for name in self.commands:
            self.start(name)

    def start(self, name):
        if name == "serve":
            for attempt in range(30):
                process = spawn(self.commands[name], stdout=subprocess.PIPE, stderr=self.logs)
                line = process.stdout.readline().decode()
                if "listening on" in line:
                    break
                # It could not start (the disk full, the database locked): again shortly.
                process.wait()
                time.sleep(1)
            else:
                raise SystemExit("quai serve did not start: " + line)
            with self.changed:
                self.port = int(line.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
                self.changed.notify_all()
            threading.Thread(target=self._drain, args=(process.stdout,), daemon=True).start()
        else:
            process = spawn(self.commands[name], stdout=self.logs, stderr=self.logs)
        self.processes[name] = process

    def _drain(self, stream):
        for line in stream:
            self.logs.write(line)

    def kill(self, name):
        process = self.processes[name]
        if name == "serve":
            with self.changed:
                self.port = None
        process.send_signal(signal.SIGKILL)
        process.wait()
        return process.pid

    def restart_if_dead(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                self.exits[name] += 1
                log(f"  {name} (pid {process.pid}) had exited ({process.returncode}); started again")
                self.start(name)

    def url(self, path):
        with self.changed:
            self.changed.wait_for(lambda: self.port is not None, timeout=120)
            return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=180)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def http(method, url, token, body=None, raw=None, content_type="application/json", timeout=30):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return json.loads(answer.read() or b"null")


def multipart(path):
    boundary = uuid.uuid4().hex
    with open(path, "rb") as handle:
        content = handle.read()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{os.path.basename(path)}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    return body + content + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


TRANSIENT = (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError)


class Moments:
    """When to kill a process that works then exits: at a random moment of how long such runs take.

    Runs that ended before their kill tell how long a run takes; until there
    are some, `first` seconds is the guess. A kill then lands within the work
    most of the time, rather than after a run that ended early.
    """

    def __init__(self, first):
        self.durations = [first]  # seconds per unit of work (a file, a request sequence)

    def pick(self, units=1):
        ordered = sorted(self.durations[-50:])
        return random.uniform(0.0, 1.1 * ordered[len(ordered) // 2] * units)

    def ended(self, seconds, units=1):
        self.durations.append(seconds / units)


def watch_output(process):
    """Collects the lines of `process`, and when its output ended (it exited, or was killed)."""
    state = {"lines": [], "ended": None}

    def read():
        for raw in process.stdout:
            state["lines"].append(raw.decode(errors="replace"))
        state["ended"] = time.time()
    thread = threading.Thread(target=read)
    thread.start()
    return state, thread


class Campaign:
    def __init__(self, args):
        self.args = args
        self.quai = os.path.abspath(args.quai)
        self.data = args.data
        self.store = Store(self.data)
        self.logs = open(os.path.join(args.work, "processes.log"), "ab")
        self.failures = []
        self.kills = collections.Counter()        # stage -> kills of a live process
        self.missed = collections.Counter()       # stage -> the process had finished before its kill
        self.hit = collections.Counter()          # stage -> kills that hit a job in hand
        self.verify_runs = 0
        self.verify_problems = {}                 # problem line -> kill number it was first seen after
        self.acked_files = {}                     # sha256 -> (path, document id, how)
        self.edits = {}                           # document id -> {"value", "acked", "validated_acked"}
        self.learn_acked = {}                     # sha256 -> document id
        self.http_failures = 0
        self.disk = collections.Counter()
        self.moments = {"ingest": Moments(0.3), "learning": Moments(0.8), "validation": Moments(0.4)}

    # -- set-up -------------------------------------------------------------

    def run_quai(self, *command, check=True):
        return subprocess.run([self.quai, *command, "--data", self.data], check=check, capture_output=True)

    def setup(self):
        args = self.args
        self.run_quai("user", "add", "bench", "--role", "admin")
        self.token = self.run_quai("token", "create", "--user", "bench").stdout.decode().strip().splitlines()[-1]
        secret = subprocess.run([self.quai, "export", "secret"], check=True, capture_output=True).stdout.decode().strip()
        self.hook = os.path.join(args.work, "receiver")
        self.receiver = spawn([sys.executable, RECEIVER, "--port", "0", "--secret", secret, "--state", self.hook,
                               "--fail-rate", str(args.fail_rate), "--timeout-rate", str(args.hold_rate),
                               "--timeout-seconds", "3", "--seed", str(args.seed)],
                              stdout=subprocess.PIPE, stderr=self.logs)
        self.receiver_port = int(self.receiver.stdout.readline())
        self.run_quai("export", "add", "webhook", "--name", "wms", "--set",
                      f"url=http://127.0.0.1:{self.receiver_port}/hooks/quai", "--set", f"secret={secret}",
                      "--set", "timeout_seconds=2", "--max-attempts", "40")
        self.outbox = os.path.join(args.work, "outbox")
        self.run_quai("export", "add", "files", "--name", "folder", "--set", f"folder={self.outbox}",
                      "--set", "formats=json", "--max-attempts", "40")
        self.docs = sorted(os.path.join(args.docs, n) for n in os.listdir(args.docs) if n.endswith(".pdf"))
        self.learn_docs = sorted(os.path.join(args.learn, n) for n in os.listdir(args.learn) if n.endswith(".pdf"))
        self.learn_shas = {sha256_of(path) for path in self.learn_docs}
        random.shuffle(self.docs)
        self.scans = sorted(os.path.join(args.scans, n) for n in os.listdir(args.scans)
                            if n.endswith((".pdf", ".png"))) if args.scans else []
        self.processes = Processes(self.quai, self.data, self.logs, args.lease, args.poll, args.retry_ms)

    def take(self, count):
        taken, self.docs = self.docs[:count], self.docs[count:]
        return taken

    # -- what the processes acknowledged -----------------------------------

    def note_stored(self, path, document_id, how):
        self.acked_files[sha256_of(path)] = (path, int(document_id), how)

    def ingest_lines(self, lines, how):
        for line in lines:
            found = re.match(r"\[\d+/\d+\] (stored|duplicate) +#(\d+) (.+?): ", line)
            if found:
                self.note_stored(found.group(3), found.group(2), how)

    # -- the stages ---------------------------------------------------------

    def held_by(self, pid, kind):
        return self.store.scalar("SELECT count(*) FROM jobs WHERE kind = ? AND state = 'running' "
                                 "AND lease_holder LIKE ?", kind, f"%:{pid}:%")

    def stage_ingest(self):
        files = self.take(random.randint(1, 4))
        if self.acked_files and random.random() < 0.3:
            files.append(random.choice(list(self.acked_files.values()))[0])  # sent again: a duplicate
        if not files:
            return None
        started = time.time()
        process = spawn([self.quai, "ingest", "--data", self.data, "--jobs", "1", *files],
                        stdout=subprocess.PIPE, stderr=self.logs)
        output, reader = watch_output(process)
        time.sleep(self.moments["ingest"].pick(len(files)))
        alive = process.poll() is None
        held = self.held_by(process.pid, "read") if alive else 0
        process.send_signal(signal.SIGKILL)
        process.wait()
        reader.join()
        if not alive:
            self.moments["ingest"].ended(output["ended"] - started, len(files))
        self.ingest_lines(output["lines"], "ingest")
        return alive, held > 0

    def holders(self, kind):
        """The processes of ours holding a job of `kind` now."""
        pids = {int(h.split(":")[1]) for h, in self.store.query(
            "SELECT lease_holder FROM jobs WHERE kind = ? AND state = 'running'", kind) if h.count(":") >= 2}
        return [n for n, p in self.processes.processes.items() if p.pid in pids]

    def kill_holder(self, kind, wait_seconds):
        """Kills the process holding a job of `kind` at a random moment of it (any of ours if none does)."""
        deadline = time.time() + wait_seconds
        victims = self.holders(kind)
        while not victims and time.time() < deadline:
            time.sleep(0.01)
            victims = self.holders(kind)
        if victims:
            time.sleep(random.uniform(0.0, 0.1))
        name = random.choice(victims or sorted(self.processes.processes))
        with self.processes.lock:
            held = self.held_by(self.processes.processes[name].pid, kind)
            self.processes.kill(name)
            self.processes.start(name)
        return True, held > 0

    def stage_reading(self):
        files = self.take(random.randint(0, 2))
        if self.scans and (random.random() < 0.5 or not files):
            files.append(self.scans.pop())
        if files:
            queued = subprocess.run([self.quai, "ingest", "--queue-only", "--data", self.data, *files],
                                    capture_output=True)
            self.ingest_lines(queued.stdout.decode(errors="replace").splitlines(), "queue")
        return self.kill_holder("read", 1.5)

    def api(self, method, path, body=None, raw=None, content_type="application/json"):
        return http(method, self.processes.url(path), self.token, body, raw, content_type)

    def document_state(self, document_id):
        """The document as the API shows it, once the server answers again."""
        for _ in range(60):
            try:
                return self.api("GET", f"/api/v1/documents/{document_id}")
            except urllib.error.HTTPError:
                raise
            except TRANSIENT:
                time.sleep(0.5)
        raise SystemExit(f"the server no longer answers for document {document_id}")

    def upload(self, path):
        raw, content_type = multipart(path)
        for _ in range(120):
            try:
                answer = self.api("POST", "/api/v1/documents", raw=raw, content_type=content_type)
                self.note_stored(path, answer["documents"][0]["id"], "upload")
                return answer["documents"][0]["id"]
            except urllib.error.HTTPError as error:
                if error.code != 507 and error.code < 500:
                    raise
                self.http_failures += 1
                time.sleep(0.5)
            except TRANSIENT:
                # Killed under the upload: sent again (stored before, the answer says duplicate).
                self.http_failures += 1
                time.sleep(0.3)
        raise SystemExit(f"{path}: the server refused the upload for a minute (a disk full for real?)")

    def review_one(self, document_id):
        """A correction and a validation, each sent again only when the document shows it was not made."""
        marker = f"CDE9{len(self.edits):06d}"
        record = self.edits.setdefault(document_id, {"value": marker, "acked": False, "validated_acked": False})
        marker = record["value"]
        for step in ("correct", "validate"):
            while True:
                try:
                    if step == "correct":
                        self.api("PUT", f"/api/v1/documents/{document_id}/fields/po_number", {"value": marker})
                        record["acked"] = True
                    else:
                        self.api("POST", f"/api/v1/documents/{document_id}/validate", {})
                        record["validated_acked"] = True
                    break
                except urllib.error.HTTPError as error:
                    if error.code < 500:
                        raise SystemExit(f"document {document_id}: {step} refused: {error.read()[:300]}")
                    self.http_failures += 1
                    record.setdefault("trail", []).append(f"{step}: {error.code} {error.read()[:200]}")
                except TRANSIENT as error:
                    self.http_failures += 1
                    record.setdefault("trail", []).append(f"{step}: {error!r}"[:200])
                document = self.document_state(document_id)
                fields = document.get("fields") or {}
                value = (fields.get("po_number") or {}).get("value")
                if step == "correct" and value == marker:
                    break  # it was made: the answer was lost with the process
                record.setdefault("trail", []).append(f"then {document.get('status')}, po_number {value}")
                if step == "validate" and document.get("status") == "validated":
                    break

    def wait_read(self, document_id, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.store.scalar("SELECT count(*) FROM documents WHERE id = ? AND status != 'received'",
                                 document_id):
                return True
            time.sleep(0.1)
        return False

    def stage_validation(self):
        notes = [f for f in self.docs if "-dn-" in os.path.basename(f)]
        files = notes[:1] or self.take(1)
        if notes:
            self.docs.remove(notes[0])
        uploaded = None
        if files:
            uploaded = self.upload(files[0])
        def candidates():
            # Not the documents `quai learn` stores (it validates them with their own values).
            return [d for d, sha in self.store.query(
                "SELECT d.id, d.sha256 FROM documents d JOIN extractions e ON e.document_id = d.id "
                "WHERE d.status = 'processed' AND e.document_type = 'delivery_note' AND NOT EXISTS (SELECT 1 FROM "
                "review_state r WHERE r.document_id = d.id AND r.status IN ('validated', 'rejected'))")
                if d not in self.edits and sha not in self.learn_shas]
        found = candidates()
        if not found and uploaded is not None and self.wait_read(uploaded):
            found = candidates()
        if not found:
            return None
        document_id = random.choice(found)
        killer_done = threading.Event()
        outcome = {}

        def killer():
            time.sleep(self.moments["validation"].pick())
            if finished.is_set():
                outcome["late"] = True
                killer_done.set()
                return
            with self.processes.lock:
                pid = self.processes.processes["serve"].pid
                outcome["held"] = self.held_by(pid, "learn") + self.held_by(pid, "export")
                self.processes.kill("serve")
                self.processes.start("serve")
            killer_done.set()
        finished = threading.Event()
        threading.Thread(target=killer, daemon=True).start()
        started = time.time()
        cut = self.http_failures
        self.review_one(document_id)
        if self.http_failures == cut:
            self.moments["validation"].ended(time.time() - started)
        finished.set()
        killer_done.wait()
        if outcome.get("late"):
            return False, False
        return True, outcome.get("held", 0) > 0

    def stage_learning(self):
        if random.random() < 0.25:
            # The worker killed while it learns: learn jobs a validation queued and its process left.
            deadline = time.time() + 1.0
            pid = self.processes.processes["worker"].pid
            while time.time() < deadline and not self.held_by(pid, "learn"):
                time.sleep(0.02)
            held = self.held_by(pid, "learn")
            self.processes.kill("worker")
            self.processes.start("worker")
            return True, held > 0
        files, self.learn_docs = self.learn_docs[:2], self.learn_docs[2:]
        if not files:
            return None
        self.learn_files.extend(files)
        started = time.time()
        process = spawn([self.quai, "learn", "--data", self.data, "--jobs", "1", *files],
                        stdout=subprocess.PIPE, stderr=self.logs)
        output, reader = watch_output(process)
        # Its start (loading the models) is not what is tested: the moment is
        # drawn from when it first holds a job (stores and reads, then learns).
        deadline = time.time() + 10
        while process.poll() is None and time.time() < deadline and not (
                self.held_by(process.pid, "read") or self.held_by(process.pid, "learn")):
            time.sleep(0.01)
        started = time.time()
        time.sleep(self.moments["learning"].pick(len(files)))
        alive = process.poll() is None
        held = self.held_by(process.pid, "learn") + self.held_by(process.pid, "read") if alive else 0
        process.send_signal(signal.SIGKILL)
        process.wait()
        reader.join()
        if not alive:
            self.moments["learning"].ended(output["ended"] - started, len(files))
        for line in output["lines"]:
            found = re.match(r"(learned|already) +#(\d+) (.+?): ", line)
            if found:
                self.learn_acked[sha256_of(found.group(3))] = int(found.group(2))
        return alive, held > 0

    def stage_export(self):
        return self.kill_holder("export", 1.5)

    # -- the disk filling up ------------------------------------------------

    def fill_disk(self):
        """Fills the data directory's filesystem to its last bytes with a ballast file."""
        ballast = os.path.join(self.args.disk_full, "ballast")
        fd = os.open(ballast, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        for block in (1 << 20, 4096, 512):
            try:
                while True:
                    os.write(fd, b"\0" * block)
            except OSError:
                pass
        os.close(fd)
        self.disk["fills"] += 1

    def free_disk(self):
        ballast = os.path.join(self.args.disk_full, "ballast")
        if os.path.exists(ballast):
            os.remove(ballast)

    def while_full(self):
        """What the processes do with no space left: they must fail and say why, and lose nothing."""
        named = re.compile(r"disk is full|No space left on device", re.I)
        files = self.take(2)
        if files:
            ingest = subprocess.run([self.quai, "ingest", "--data", self.data, "--jobs", "1", *files],
                                    capture_output=True)
            said = (ingest.stdout + ingest.stderr).decode(errors="replace")
            self.ingest_lines(said.splitlines(), "ingest (disk full)")
            self.disk["ingests"] += 1
            # Its refusals, and when it could not open the data directory at all (exit 3) why.
            refused = [l for l in said.splitlines() if re.match(r"\[\d+/\d+\] refused", l) or (
                ingest.returncode == 3 and l.startswith("quai: "))]
            if refused:
                self.disk["ingest_refused"] += 1
                unnamed = [l for l in refused if not named.search(l)]
                if not unnamed:
                    self.disk["ingest_named"] += 1
                else:
                    self.disk_messages.append(" | ".join(unnamed)[-400:])
        files = self.take(1)
        if files:
            raw, content_type = multipart(files[0])
            self.disk["uploads"] += 1
            try:
                answer = self.api("POST", "/api/v1/documents", raw=raw, content_type=content_type)
                result = answer["documents"][0]
                if "id" in result and result.get("status") != "refused":
                    self.note_stored(files[0], result["id"], "upload (disk full)")
                    self.disk["uploads_accepted"] += 1
                else:
                    self.disk_messages.append(f"upload answered 202 with {result}")
            except urllib.error.HTTPError as error:
                text = error.read().decode(errors="replace")
                if error.code == 507 and named.search(text):
                    self.disk["uploads_named"] += 1
                else:
                    self.disk_messages.append(f"upload answered {error.code}: {text[:300]}")
            except TRANSIENT as error:
                self.disk_messages.append(f"upload: {error!r}")
        # A correction: refused (507, naming the full disk) and not recorded; or made and answered.
        document = next((d for d, sha in self.store.query(
            "SELECT d.id, d.sha256 FROM documents d JOIN extractions e ON e.document_id = d.id "
            "WHERE d.status = 'processed' AND e.document_type = 'delivery_note' AND NOT EXISTS (SELECT 1 FROM "
            "review_state r WHERE r.document_id = d.id AND r.status IN ('validated', 'rejected'))")
            if d not in self.edits and sha not in self.learn_shas), None)
        if document is not None:
            marker = f"FULL{self.disk['corrections']:06d}"
            self.disk["corrections"] += 1
            try:
                self.api("PUT", f"/api/v1/documents/{document}/fields/po_number", {"value": marker})
                self.disk["corrections_made"] += 1  # it fitted (in the WAL's room): acknowledged, so kept
                self.full_corrections.append((document, marker))
            except urllib.error.HTTPError as error:
                text = error.read().decode(errors="replace")
                recorded = self.store.scalar("SELECT count(*) FROM review_events WHERE document_id = ? "
                                             "AND after_json = ?", document, json.dumps(marker))
                if error.code == 507 and named.search(text) and recorded == 0:
                    self.disk["corrections_named"] += 1
                else:
                    self.disk_messages.append(f"correction answered {error.code}: {text[:200]}; recorded {recorded}")
            except TRANSIENT as error:
                self.disk_messages.append(f"correction: {error!r}")

    # -- checks -------------------------------------------------------------

    def verify(self, after_kill):
        self.verify_runs += 1
        result = subprocess.run([self.quai, "verify", "--data", self.data, "--quiet"], capture_output=True)
        if result.returncode not in (0, 1):
            self.failures.append(f"quai verify after kill {after_kill} exited {result.returncode}: "
                                 f"{result.stderr.decode(errors='replace').strip()[:300]}")
            return
        for line in result.stdout.decode(errors="replace").splitlines():
            if line and line not in self.verify_problems:
                self.verify_problems[line] = after_kill
                log(f"  quai verify after kill {after_kill}: {line}")

    def settle(self):
        """Until nothing is left to read, learn or send (or --settle seconds)."""
        deadline = time.time() + self.args.settle
        left = None
        while time.time() < deadline:
            self.processes.restart_if_dead()
            left = self.store.query(
                "SELECT (SELECT count(*) FROM jobs WHERE kind IN ('read', 'learn') AND state IN ('queued', 'running')),"
                " (SELECT count(*) FROM exports WHERE state = 'pending')")[0]
            if left == (0, 0):
                return True
            time.sleep(1)
        self.failures.append(f"still to do {self.args.settle} s after the last kill: "
                             f"{left[0]} read/learn jobs, {left[1]} exports pending")
        return False

    def main(self):
        args = self.args
        self.learn_files = []
        self.disk_messages = []
        self.retried = collections.Counter()
        self.full_corrections = []
        self.retried_causes = collections.Counter()
        began = time.time()
        self.setup()
        full_every = max(1, args.kills // max(1, args.fills)) if args.disk_full else 0
        # The stages in turn, in a shuffled order each round; a kill that found
        # its process finished is counted apart and its stage tried again.
        number = 0
        rounds = 0
        while sum(self.kills.values()) < args.kills and rounds < 3 * args.kills:
            rounds += 1
            if rounds % len(STAGES) == 1:
                plan = list(STAGES)
                random.shuffle(plan)
            stage = plan[(rounds - 1) % len(STAGES)]
            if full_every and rounds % full_every == 0:
                self.fill_disk()
                self.while_full()
                self.free_disk()
                self.processes.restart_if_dead()
            for attempt in range(6):  # until the kill finds its process at work
                outcome = getattr(self, f"stage_{stage}")()
                if outcome is None:  # nothing left for this stage: another's kill instead
                    stage = "export"
                    outcome = self.stage_export()
                alive, held = outcome
                if alive:
                    break
                self.missed[stage] += 1
            if alive:
                self.kills[stage] += 1
                number += 1
            self.hit[stage] += held
            self.processes.restart_if_dead()
            if alive and number % args.verify_every == 0:
                self.verify(number)
            if alive and number % max(1, args.kills // 10) == 0:
                log(f"{number} kills ({dict(self.kills)}), {time.time() - began:.0f} s")
        done = number
        campaign_seconds = time.time() - began

        # Undisturbed from here: what `quai learn` was killed under is imported again, to its end.
        if self.learn_files:
            again = subprocess.run([self.quai, "learn", "--data", self.data, "--jobs", "1", *self.learn_files],
                                   capture_output=True)
            for line in again.stdout.decode(errors="replace").splitlines():
                found = re.match(r"(learned|already) +#(\d+) (.+?): ", line)
                if found:
                    self.learn_acked[sha256_of(found.group(3))] = int(found.group(2))
            if again.returncode != 0:
                self.failures.append(f"quai learn after the campaign exited {again.returncode}: "
                                     f"{again.stdout.decode(errors='replace')[-300:]}")
        self.settle()
        # A job whose process was killed under it max_attempts times is dead
        # by design (a poison file must not take the workers down for ever),
        # and a dead read job refuses its document with that cause. So many
        # kills in a row make it happen to innocent files too: an
        # administrator sends them again (`quai jobs retry`), as here.
        dead = self.store.query("SELECT id, kind, last_error FROM jobs WHERE state = 'dead'")
        for job_id, kind, error in dead:
            self.retried[kind] += 1
            self.retried_causes[error[:80]] += 1
            subprocess.run([self.quai, "jobs", "retry", str(job_id), "--data", self.data], capture_output=True)
        if dead:
            self.settle()
        time.sleep(1)
        stats = http("GET", f"http://127.0.0.1:{self.receiver_port}/stats", None)
        self.processes.stop()
        self.receiver.send_signal(signal.SIGTERM)
        self.receiver.wait(timeout=30)
        self.verify(done)
        final = subprocess.run([self.quai, "verify", "--data", self.data], capture_output=True)
        self.report(stats, final, campaign_seconds, time.time() - began)
        return 1 if self.failures else 0

    def report(self, stats, final, campaign_seconds, total_seconds):
        store = self.store
        kills = sum(self.kills.values())
        log(f"kills: {kills} of live processes ({', '.join(f'{s} {self.kills[s]}' for s in STAGES)}); "
            f"{sum(self.hit.values())} hit a job in hand ({', '.join(f'{s} {self.hit[s]}' for s in STAGES)}); "
            f"{sum(self.missed.values())} more found their process finished; "
            f"{self.http_failures} API calls cut by a kill; exited on their own: {dict(self.processes.exits)}; campaign {campaign_seconds:.0f} s, run {total_seconds:.0f} s")

        log(f"dead jobs sent again at the end: {sum(self.retried.values())} ({dict(self.retried)}); "
            f"causes: {dict(self.retried_causes)}")
        # Losses: everything acknowledged is there, read, once.
        stored = {sha: (i, status) for i, sha, status in store.query("SELECT id, sha256, status FROM documents")}
        lost = [(p, how) for sha, (p, _, how) in self.acked_files.items() if sha not in stored]
        moved = [(p, i, stored[sha][0]) for sha, (p, i, _) in self.acked_files.items()
                 if sha in stored and stored[sha][0] != i]
        unread = [(p, stored[sha][1]) for sha, (p, _, _) in self.acked_files.items()
                  if sha in stored and stored[sha][1] != "processed"]
        learn_lost = [i for sha, i in self.learn_acked.items() if sha not in stored]
        if lost:
            self.failures.append(f"{len(lost)} acknowledged files not stored: {lost[:5]}")
        if moved:
            self.failures.append(f"{len(moved)} acknowledged files stored under another id: {moved[:5]}")
        if unread:
            self.failures.append(f"{len(unread)} acknowledged files not read: {unread[:5]}")
        if learn_lost:
            self.failures.append(f"{len(learn_lost)} documents quai learn acknowledged are gone: {learn_lost[:5]}")
        hows = collections.Counter(how for _, _, how in self.acked_files.values())
        log(f"acknowledged files: {len(self.acked_files)} ({dict(hows)}); lost {len(lost)}, "
            f"under another id {len(moved)}, not read {len(unread)}; documents stored {len(stored)}")

        # Corrections and validations: exactly once each.
        doubled, missing = [], []
        for document_id, record in self.edits.items():
            corrections = store.scalar(
                "SELECT count(*) FROM review_events WHERE document_id = ? AND action = 'field_corrected' "
                "AND field = 'po_number' AND after_json = ?", document_id, json.dumps(record["value"]))
            validations = store.scalar("SELECT count(*) FROM review_events WHERE document_id = ? "
                                       "AND action = 'validated'", document_id)
            examples = store.scalar("SELECT count(*) FROM training_examples WHERE document_id = ?", document_id)
            versions = store.scalar("SELECT count(*) FROM document_versions WHERE document_id = ? "
                                    "AND source = 'validated'", document_id)
            status = store.query("SELECT status FROM review_state WHERE document_id = ?", document_id)
            counts = (corrections, validations, examples, versions)
            if any(c > 1 for c in counts):
                doubled.append((document_id, counts, record.get("trail", [])))
            if any(c < 1 for c in counts) or status != [("validated",)]:
                missing.append((document_id, counts, status))
        for document_id, marker in self.full_corrections:
            recorded = store.scalar("SELECT count(*) FROM review_events WHERE document_id = ? AND after_json = ?",
                                    document_id, json.dumps(marker))
            if recorded != 1:
                missing.append((document_id, f"correction to {marker} answered on a full disk", recorded))
        if doubled:
            self.failures.append(f"{len(doubled)} validations recorded more than once "
                                 f"(corrections, validated events, examples, versions): {doubled[:5]}")
        if missing:
            self.failures.append(f"{len(missing)} acknowledged validations not recorded whole: {missing[:5]}")
        acked = sum(1 for r in self.edits.values() if r["acked"])
        acked_validations = sum(1 for r in self.edits.values() if r["validated_acked"])
        log(f"validations through the API: {len(self.edits)} ({acked} corrections and {acked_validations} "
            f"validations answered, the rest made before the answer was lost); recorded more than once "
            f"{len(doubled)}, not recorded whole {len(missing)}")

        # Learning: every validated document learned once.
        learned = store.query("SELECT count(*), (SELECT count(*) FROM layout_examples), "
                              "(SELECT count(*) FROM supplier_outcomes), (SELECT count(*) FROM suppliers), "
                              "(SELECT count(*) FROM jobs WHERE kind = 'learn' AND state = 'dead') "
                              "FROM training_examples")[0]
        not_learned = store.scalar("SELECT count(*) FROM training_examples t WHERE NOT EXISTS "
                                   "(SELECT 1 FROM layout_examples l WHERE l.document_id = t.document_id)")
        if not_learned or learned[4]:
            self.failures.append(f"{not_learned} validated documents never learned, {learned[4]} learn jobs dead")
        log(f"learning: {learned[0]} training examples ({len(self.learn_acked)} from quai learn), "
            f"{learned[1]} layout examples, {learned[2]} supplier outcomes, {learned[3]} suppliers; "
            f"not learned {not_learned}, dead learn jobs {learned[4]}")

        # Exports: every one delivered once.
        exports = store.query("SELECT x.key, x.state, t.name, x.document_id, x.version FROM exports x "
                              "JOIN export_targets t ON t.id = x.target_id")
        states = collections.Counter((name, state) for _, state, name, _, _ in exports)
        versions = store.scalar("SELECT count(*) FROM document_versions")
        records = []
        path = os.path.join(self.hook, "deliveries.jsonl")
        if os.path.exists(path):
            with open(path, "rb") as handle:
                for raw in handle:
                    try:
                        records.append(json.loads(raw))
                    except ValueError:
                        pass
        processed = collections.Counter(r["webhook_id"] for r in records if not r["duplicate"])
        per_version = collections.Counter((r["document_id"], r["version"]) for r in records if not r["duplicate"])
        webhook = {key: state for key, state, name, _, _ in exports if name == "wms"}
        delivered = {key for key, state in webhook.items() if state == "delivered"}
        missing_hook = sorted(k for k in delivered if k not in processed)
        twice = sum(n - 1 for n in processed.values() if n > 1) + sum(n - 1 for n in per_version.values() if n > 1)
        phantom = [k for k in processed if k not in webhook]
        folder = {key for key, state, name, _, _ in exports if name == "folder" and state == "delivered"}
        files = set(os.listdir(self.outbox)) if os.path.isdir(self.outbox) else set()
        missing_files = sorted(k for k in folder if f"{k}.json" not in files)
        leftovers = sorted(f for f in files if f.endswith(".tmp"))
        undelivered = sum(n for (name, state), n in states.items() if state in ("pending", "dead"))
        if undelivered:
            self.failures.append(f"exports not delivered: {dict(states)}")
        if missing_hook or missing_files:
            self.failures.append(f"delivered exports the targets do not have: webhook {missing_hook[:5]}, "
                                 f"folder {missing_files[:5]}")
        if twice or phantom:
            self.failures.append(f"{twice} exports processed twice by the receiver; ids quai never sent {phantom[:5]}")
        log(f"exports: {len(exports)} for {versions} accepted versions ({dict(sorted(states.items()))}); receiver "
            f"processed {len(processed)} ids, {stats['duplicate_deliveries']} redeliveries dropped by webhook-id, "
            f"{stats['failed_injected']} calls failed on purpose; processed twice {twice}; missing at the receiver "
            f"{len(missing_hook)}, in the folder {len(missing_files)}; temporary files left {len(leftovers)}")

        # Processes a killed one left behind (readers in child processes, issue 21 item 7):
        # with every process of ours stopped, none of the binary may still run.
        left = []
        for line in subprocess.run(["ps", "-eo", "pid,ppid,args"], capture_output=True).stdout.decode(
                errors="replace").splitlines()[1:]:
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[2].startswith(self.quai + " ") and (
                    self.data in parts[2] or parts[1] == "1"):  # ours, or an orphan of the binary
                left.append(line.strip())
        if left:
            self.failures.append(f"{len(left)} processes left running after the campaign: {left[:3]}")
        log(f"processes left behind by the kills: {len(left)}")

        # Impossible states: quai verify after every restart and at the end.
        final_lines = [l for l in final.stdout.decode(errors="replace").splitlines() if l]
        if self.verify_problems:
            self.failures.append(f"quai verify found {len(self.verify_problems)} problems during the campaign: "
                                 f"{list(self.verify_problems)[:5]}")
        if final.returncode != 0:
            self.failures.append(f"quai verify at the end exited {final.returncode}: {final_lines[:5]}")
        log(f"quai verify: {self.verify_runs} runs, {len(self.verify_problems)} distinct problems; at the end: "
            f"{(final_lines or [''])[-1]}")
        if self.args.disk_full:
            d = self.disk
            log(f"disk full: filled {d['fills']} times; while full: {d['ingests']} ingests, {d['ingest_refused']} "
                f"refused ({d['ingest_named']} naming the full disk); {d['uploads']} uploads, {d['uploads_named']} "
                f"answered 507 naming it, {d['uploads_accepted']} accepted; {d['corrections']} corrections, "
                f"{d['corrections_named']} answered 507 naming it and not recorded, {d['corrections_made']} made")
            if self.disk_messages:
                self.failures.append(f"{len(self.disk_messages)} answers on a full disk that do not name it or "
                                     f"recorded what they refused: {self.disk_messages[:3]}")
        for failure in self.failures[:20]:
            log("FAIL", failure)
        log("crash campaign: " + ("FAILED" if self.failures else "passed"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quai", required=True)
    parser.add_argument("--docs", required=True, help="documents to ingest, queue and upload")
    parser.add_argument("--scans", help="scanned documents, read by OCR in the reading stage")
    parser.add_argument("--learn", required=True, help="documents with their <stem>.json values, for quai learn")
    parser.add_argument("--work", required=True)
    parser.add_argument("--data", help="the data directory (default WORK/data)")
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--verify-every", type=int, default=1)
    parser.add_argument("--lease", type=int, default=5)
    parser.add_argument("--poll", type=int, default=200)
    parser.add_argument("--retry-ms", type=int, default=250)
    parser.add_argument("--fail-rate", type=float, default=0.2)
    parser.add_argument("--hold-rate", type=float, default=0.1,
                        help="share of webhook calls the receiver holds 3 s (past quai's 2 s timeout)")
    parser.add_argument("--settle", type=int, default=900, help="seconds allowed after the last kill")
    parser.add_argument("--disk-full", help="the small filesystem the data directory is on: fill it now and then")
    parser.add_argument("--fills", type=int, help="with --disk-full: how many times (default: a tenth of the "
                        "kills, at least 3)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)
    args.data = args.data or os.path.join(args.work, "data")
    args.fills = args.fills or max(3, args.kills // 10)
    os.makedirs(args.data, exist_ok=True)
    return Campaign(args).main()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, end_children)
    try:
        sys.exit(main())
    finally:
        end_children()
