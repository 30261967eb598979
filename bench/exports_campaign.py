#!/usr/bin/python3
"""Kill campaign for the exports outbox.

Every accepted document of a data directory goes to a webhook
(tests/services/webhook_receiver.py) that fails 30 % of the calls with a 500
and holds 5 % for longer than quai waits (quai times out, the receiver takes
them afterwards). The documents are accepted the three ways a site accepts
them: imported with their values (`quai learn`, validated), read straight
through by the workers, and validated through the API by a reviewer when the
reading needed one. `quai serve` and a `quai worker` read and export; they are
killed with SIGKILL at random moments while documents are read, validated and
exported, and started again. Afterwards, once no export is pending:

  - every document accepted, once (one accepted version: nobody corrects here);
  - every export delivered, none dead or pending;
  - the receiver processed every export's key once: none missing, no document
    processed twice (under one key or two); the redeliveries it dropped as
    duplicates (at-least-once) are counted, not failed.

Prints one line per figure; exits 1 when a check fails.
Usage: exports_campaign.py --quai build/quai --docs DIR --learn DIR --work DIR [--kills 10]
"""
import argparse
import collections
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

RECEIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "services", "webhook_receiver.py")


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


def query(data, sql, *args):
    connection = sqlite3.connect(f"file:{os.path.join(data, 'quai.db')}?mode=ro", uri=True, timeout=30)
    connection.execute("PRAGMA busy_timeout = 30000")
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def scalar(data, sql, *args):
    return query(data, sql, *args)[0][0]


def http(method, url, token=None, body=None, timeout=30):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return json.loads(answer.read() or b"null")


class Exporters:
    """`quai serve` and one `quai worker` on the data directory, each started again after a kill."""

    def __init__(self, quai, data, logs, lease, poll, retry_ms):
        common = ["--data", data, "--jobs", "1", "--lease-seconds", str(lease), "--poll-ms", str(poll),
                  "--retry-ms", str(retry_ms), "--retrain-hours", "0", "--erp-sync-minutes", "0"]
        self.commands = {"serve": [quai, "serve", "--listen", "127.0.0.1:0", *common],
                         "worker": [quai, "worker", *common]}
        self.logs = logs
        self.processes = {}
        self.port = None
        self.port_changed = threading.Condition()
        for name in self.commands:
            self.start(name)

    def start(self, name):
        if name == "serve":
            process = spawn(self.commands[name], stdout=subprocess.PIPE, stderr=self.logs)
            line = process.stdout.readline().decode()
            if "listening on" not in line:
                raise SystemExit("quai serve did not start: " + line)
            with self.port_changed:
                self.port = int(line.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
                self.port_changed.notify_all()
            # The rest of its output is not read: to the log, so it never blocks on a full pipe.
            threading.Thread(target=self._drain, args=(process.stdout,), daemon=True).start()
        else:
            process = spawn(self.commands[name], stdout=self.logs, stderr=self.logs)
        self.processes[name] = process

    def _drain(self, stream):
        for line in stream:
            self.logs.write(line)

    def kill(self, name):
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        process.wait()
        if name == "serve":
            with self.port_changed:
                self.port = None
        return process.pid

    def url(self, path):
        with self.port_changed:
            self.port_changed.wait_for(lambda: self.port is not None, timeout=60)
            return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Reviewer(threading.Thread):
    """Validates, through the API, every document the reading left for a person, as they come."""

    def __init__(self, exporters, token):
        super().__init__(daemon=True)
        self.exporters, self.token = exporters, token
        self.stopping = threading.Event()
        self.failed_calls = 0

    def run(self):
        while not self.stopping.is_set():
            try:
                queue = http("GET", self.exporters.url("/api/v1/review-queue?limit=50"), self.token)
                documents = [d["id"] for d in queue["documents"]]
                for document in documents:
                    http("POST", self.exporters.url(f"/api/v1/documents/{document}/validate"), self.token, {})
                if not documents:
                    self.stopping.wait(0.5)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError):
                # The server was killed under the call (the validation then
                # happened or not; the queue says which): again on the new one.
                self.failed_calls += 1
                self.stopping.wait(0.5)


def receiver_records(state):
    records = []
    with open(os.path.join(state, "deliveries.jsonl"), "rb") as handle:
        for raw in handle:
            try:
                records.append(json.loads(raw))
            except ValueError:
                pass
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quai", required=True)
    parser.add_argument("--docs", required=True, help="delivery notes for the workers to read")
    parser.add_argument("--learn", required=True, help="delivery notes with their values, imported by quai learn")
    parser.add_argument("--work", required=True)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--lease", type=int, default=5)
    parser.add_argument("--poll", type=int, default=200)
    parser.add_argument("--retry-ms", type=int, default=250)
    parser.add_argument("--fail-rate", type=float, default=0.3)
    parser.add_argument("--timeout-rate", type=float, default=0.05)
    parser.add_argument("--max-attempts", type=int, default=30)
    parser.add_argument("--settle", type=int, default=3600, help="seconds allowed after the last kill")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)
    quai = os.path.abspath(args.quai)
    data = os.path.join(args.work, "data")
    hook = os.path.join(args.work, "receiver")
    logs = open(os.path.join(args.work, "processes.log"), "ab")
    docs = sorted(os.path.join(args.docs, name) for name in os.listdir(args.docs) if name.endswith(".pdf"))
    learn = sorted(name for name in os.listdir(args.learn) if name.endswith(".pdf"))
    expected_documents = len(docs) + len(learn)
    failures = []
    began = time.time()

    def run(*command):
        return subprocess.run([quai, *command, "--data", data], check=True, capture_output=True).stdout.decode()

    run("user", "add", "bench", "--role", "admin")
    token = run("token", "create", "--user", "bench").strip().splitlines()[-1]
    secret = subprocess.run([quai, "export", "secret"], check=True, capture_output=True).stdout.decode().strip()
    receiver = spawn(
        [sys.executable, RECEIVER, "--port", "0", "--secret", secret, "--state", hook, "--fail-rate",
         str(args.fail_rate), "--timeout-rate", str(args.timeout_rate), "--timeout-seconds", "5",
         "--seed", str(args.seed)], stdout=subprocess.PIPE, stderr=logs)
    receiver_port = int(receiver.stdout.readline())
    run("export", "add", "webhook", "--name", "wms", "--set", f"url=http://127.0.0.1:{receiver_port}/hooks/quai",
        "--set", f"secret={secret}", "--set", "timeout_seconds=2", "--max-attempts", str(args.max_attempts))

    # Suppliers taught first (validated, so exported too): most of what follows reads straight through.
    started = time.time()
    subprocess.run([quai, "learn", "--data", data, args.learn], check=True, stdout=logs, stderr=logs)
    log(f"learned {len(learn)} validated delivery notes in {time.time() - started:.1f} s "
        f"(their exports wait for the exporters)")

    exporters = Exporters(quai, data, logs, args.lease, args.poll, args.retry_ms)
    reviewer = Reviewer(exporters, token)
    reviewer.start()
    campaign_started = time.time()

    def queue_documents():
        for start in range(0, len(docs), 250):
            ingest = spawn([quai, "ingest", "--queue-only", "-q", "--data", data, *docs[start:start + 250]],
                           stdout=logs, stderr=logs)
            if ingest.wait() != 0:
                failures.append(f"quai ingest --queue-only exited {ingest.returncode} (processes.log says why)")
    queuer = threading.Thread(target=queue_documents)
    queuer.start()

    def counts():
        return (scalar(data, "SELECT count(DISTINCT document_id) FROM document_versions"),
                scalar(data, "SELECT count(*) FROM exports WHERE state = 'delivered'"))
    accepted_before, _ = counts()

    def progress():
        """The share done of what the exporters have to do: accept the documents, deliver every export."""
        accepted, delivered = counts()
        return (accepted - accepted_before + delivered) / (expected_documents - accepted_before + expected_documents)

    def export_jobs_of(pid):
        return scalar(data, "SELECT count(*) FROM jobs WHERE kind = 'export' AND state = 'running' "
                            "AND lease_holder LIKE ?", f"%:{pid}:%")

    def read_jobs_of(pid):
        return scalar(data, "SELECT count(*) FROM jobs WHERE kind = 'read' AND state = 'running' "
                            "AND lease_holder LIKE ?", f"%:{pid}:%")

    # The kills are spread over the time the rest of the work is expected to
    # take (from the progress so far), each at a random moment of its share.
    kills = collections.Counter()
    holding_exports = holding_reads = 0
    estimate = 0.08 * len(docs) + 10  # seconds, until a rate is measured
    for k in range(args.kills):
        done = progress()
        elapsed = time.time() - campaign_started
        remaining = estimate - elapsed if done < 0.05 else elapsed * (1 - done) / done
        gap = max(1.0, remaining / (args.kills - k + 1))
        time.sleep(random.uniform(0.3, 1.7) * gap)
        victim = random.choice(sorted(exporters.processes))
        pid = exporters.processes[victim].pid
        exports_held, reads_held = export_jobs_of(pid), read_jobs_of(pid)
        exporters.kill(victim)
        holding_exports += exports_held > 0
        holding_reads += reads_held > 0
        kills[victim] += 1
        log(f"kill {k + 1}: {victim} (pid {pid}) at {time.time() - campaign_started:.1f} s, "
            f"{progress() * 100:.0f} % done, holding {exports_held} export and {reads_held} read jobs")
        exporters.start(victim)
    last_kill = time.time()
    queuer.join()

    # The rest, undisturbed: until nothing is left to read, validate or send.
    def outstanding():
        return {
            "reads": scalar(data, "SELECT count(*) FROM jobs WHERE kind = 'read' AND state IN ('queued', 'running')"),
            "to_review": scalar(data, "SELECT count(*) FROM documents d WHERE d.status = 'processed' AND NOT EXISTS "
                                      "(SELECT 1 FROM document_versions v WHERE v.document_id = d.id) AND NOT EXISTS "
                                      "(SELECT 1 FROM review_state r WHERE r.document_id = d.id "
                                      "AND r.status = 'rejected')"),
            "pending": scalar(data, "SELECT count(*) FROM exports WHERE state = 'pending'"),
            # Pending with no job that will send it, or a job overdue by more
            # than a lease and a poll: stuck, not waiting for its backoff.
            "stuck": scalar(data, "SELECT count(*) FROM exports x LEFT JOIN jobs j ON j.id = x.job_id "
                                  "WHERE x.state = 'pending' AND (j.id IS NULL OR j.state NOT IN ('queued', 'running') "
                                  "OR (j.state = 'queued' AND j.run_after_ms < ?) OR (j.state = 'running' "
                                  "AND j.lease_expires_ms < ?))", *[int((time.time() - overdue) * 1000)] * 2),
        }
    # An export that failed many times waits up to 15 min (x 1.5 jitter) for
    # its next attempt: the wait is bounded by --settle, and an export left
    # with no job to send it (or one overdue) fails the campaign at once.
    overdue = args.lease + args.poll / 1000 + 30
    left = outstanding()
    stuck_since = None
    while any(left.values()) and time.time() - last_kill < args.settle:
        time.sleep(2)
        left = outstanding()
        stuck_since = (stuck_since or time.time()) if left["stuck"] else None
        if stuck_since and time.time() - stuck_since > overdue:
            break
    settled = time.time()
    reviewer.stopping.set()
    reviewer.join()
    # A delivery quai gave up waiting for is still taken by the receiver when its hold ends.
    time.sleep(6)
    stats = http("GET", f"http://127.0.0.1:{receiver_port}/stats")
    exporters.stop()
    receiver.send_signal(signal.SIGTERM)
    receiver.wait(timeout=30)
    log(f"killed {sum(kills.values())} times ({kills['serve']} serve, {kills['worker']} worker); "
        f"{holding_exports} kills hit exports in flight, {holding_reads} a document being read, "
        f"{reviewer.failed_calls} the reviewer's API calls")
    log(f"all read, validated and exported {settled - campaign_started:.0f} s after the exporters started "
        f"({settled - last_kill:.0f} s after the last kill); whole run {time.time() - began:.0f} s")
    if any(left.values()):
        failures.append(f"still outstanding {settled - last_kill:.0f} s after the last kill: {left}")

    # What quai holds.
    documents = scalar(data, "SELECT count(*) FROM documents")
    statuses = dict(query(data, "SELECT status, count(*) FROM documents GROUP BY status"))
    versions = query(data, "SELECT document_id, count(*), group_concat(source) FROM document_versions "
                           "GROUP BY document_id")
    sources = collections.Counter(s for _, _, group in versions for s in group.split(","))
    several = [(d, n) for d, n, _ in versions if n > 1]
    exports = query(data, "SELECT key, document_id, version, state, attempts FROM exports")
    states = collections.Counter(state for _, _, _, state, _ in exports)
    attempts = [a for *_, a in exports]
    log(f"documents: {documents} stored of {expected_documents} ({statuses}); accepted: {len(versions)} "
        f"({sources['auto_accepted']} straight through, {sources['validated']} validated: "
        f"{len(learn)} by quai learn, {sources['validated'] - len(learn)} through the API)")
    log(f"exports expected: {len(versions)} (one per accepted document); in quai: {len(exports)}: "
        f"delivered {states['delivered']}, dead {states['dead']}, pending {states['pending']}, "
        f"superseded {states['superseded']}; attempts per export: mean {sum(attempts) / max(len(attempts), 1):.2f}, "
        f"max {max(attempts, default=0)}")
    if documents != expected_documents:
        failures.append(f"{documents} documents stored where {expected_documents} were given")
        stored = {row[0] for row in query(data, "SELECT sha256 FROM documents")}
        for path in [os.path.join(args.learn, name) for name in learn] + docs:
            with open(path, "rb") as handle:
                if hashlib.sha256(handle.read()).hexdigest() not in stored:
                    name = os.path.basename(path)
                    logs.flush()
                    with open(os.path.join(args.work, "processes.log"), "rb") as handle:
                        said = [line.decode(errors="replace").strip() for line in handle if name.encode() in line]
                    failures.append(f"{name} not stored; the processes' log on it: {said[-3:]}")
    if len(versions) != expected_documents:
        failures.append(f"{expected_documents - len(versions)} documents never accepted")
    if several:
        failures.append(f"{len(several)} documents accepted more than once (nobody corrected them): {several[:5]}")
    if len(exports) != len(versions) or states["delivered"] != len(exports):
        failures.append(f"exports not all delivered: {dict(states)} of {len(versions)} expected")

    # What the receiver processed (its log: each record says whether it was a duplicate it dropped).
    records = receiver_records(hook)
    processed = [r for r in records if not r["duplicate"]]
    dropped = len(records) - len(processed)
    processed_keys = collections.Counter(r["webhook_id"] for r in processed)
    per_version = collections.defaultdict(set)
    for r in processed:
        per_version[(r["document_id"], r["version"])].add(r["webhook_id"])
    per_document = collections.Counter(r["document_id"] for r in processed)
    known = {key: (document, version) for key, document, version, _, _ in exports}
    missing = sorted(set(known) - set(processed_keys))
    missing_documents = {known[key][0] for key in missing}
    twice = sum(n - 1 for n in processed_keys.values() if n > 1) + sum(n - 1 for n in per_document.values() if n > 1)
    phantom = [key for key in processed_keys if key not in known]
    wrong = [r["webhook_id"] for r in processed if r["webhook_id"] in known and
             (r["document_id"], r["version"]) != known[r["webhook_id"]]]
    log(f"receiver: {stats['accepted']} deliveries taken, {stats['distinct_ids']} distinct ids processed, "
        f"{stats['duplicate_deliveries']} duplicate deliveries seen and dropped (at-least-once redeliveries); "
        f"{stats['failed_injected']} calls failed and {stats['timed_out_injected']} held past quai's timeout "
        f"on purpose")
    log(f"documents missing at the receiver: {len(missing_documents)} ({len(missing)} exports); "
        f"duplicates processed: {twice}; ids quai never sent: {len(phantom)}; payloads naming another "
        f"document or version than their key: {len(wrong)}")
    if stats["distinct_ids"] != len(processed_keys) or stats["duplicate_deliveries"] != dropped:
        failures.append(f"the receiver's counters {stats} disagree with its log ({len(processed_keys)} ids, "
                        f"{dropped} duplicates)")
    if missing:
        failures.append(f"{len(missing)} exports never processed by the receiver: {missing[:5]}")
    if twice:
        failures.append(f"{twice} deliveries processed twice")
    if phantom or wrong:
        failures.append(f"ids quai never sent {phantom[:5]}, payloads not matching their key {wrong[:5]}")
    for failure in failures[:20]:
        log("FAIL", failure)
    log("exports campaign: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, end_children)
    try:
        sys.exit(main())
    finally:
        end_children()
