#!/usr/bin/python3
"""Kill campaign for the durable job queue (issue 15).

Two `quai worker` processes and one `quai serve` share one data directory;
documents are queued by `quai ingest --queue-only` and by uploads to the
server; each worker is killed with SIGKILL at random moments and started
again. Afterwards the data directory is compared with a control directory
where the same files were read by one undisturbed worker:

  - every document read exactly once: same documents, each processed, with the
    same pages, words and extraction as the control, one extraction per
    document, one finished read job per document, no dead job;
  - no duplicate suppliers, review events or training examples;
  - every job a killed worker held was taken again within its lease time
    (plus one poll interval), and once every process is stopped no job is
    left queued or running under a lease.

With --db and --control-db (postgresql:// URLs) the stores of the campaign
and of the control are in PostgreSQL (every command given --db; the
originals stay in each run's data directory), read back through psql.

Prints one line per figure; exits 1 when a check fails.
Usage: worker_kills.py --quai build/quai --docs DIR --work DIR [--kills 10] [--lease 5]
       [--db postgresql://… --control-db postgresql://…]
"""
import argparse
import csv
import hashlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid


def log(*parts):
    print(*parts, flush=True)


class Store:
    """The run's database: quai.db in the data directory, or with `database` a
    PostgreSQL URL (read through psql, the password from $PGPASSWORD)."""

    def __init__(self, data, database=None):
        self.data, self.database = data, database

    def rows(self, sql, params=()):
        if not self.database:
            connection = sqlite3.connect(os.path.join(self.data, "quai.db"), timeout=30)
            connection.execute("PRAGMA busy_timeout = 30000")
            try:
                return connection.execute(sql, params).fetchall()
            finally:
                connection.close()
        parts = sql.split("?")
        if len(parts) != len(params) + 1:
            raise ValueError(f"{sql}: {len(params)} parameters")
        text = parts[0]
        for value, part in zip(params, parts[1:]):
            text += (str(int(value)) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'") + part
        answer = subprocess.run(["psql", "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-d", self.database, "-c", text],
                                capture_output=True, text=True)
        if answer.returncode != 0:
            raise SystemExit(f"psql failed on {sql!r}: {answer.stderr.strip()}")
        return [tuple(row) for row in list(csv.reader(io.StringIO(answer.stdout)))[1:]]

    def value(self, sql, params=()):
        return int(self.rows(sql, params)[0][0])


def wait_for_port(process, timeout=60):
    """The port `quai serve --listen 127.0.0.1:0` printed on its first line."""
    deadline = time.time() + timeout
    line = process.stdout.readline().decode()
    if "listening on" not in line or time.time() > deadline:
        raise SystemExit("quai serve did not start: " + line)
    return int(line.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])


def upload(port, token, path):
    boundary = uuid.uuid4().hex
    with open(path, "rb") as f:
        content = f.read()
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\"\r\n"
        f"Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/documents", data=body, method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def number(value):
    return None if value is None or value == "" else int(value)


def snapshot(store):
    """Per original (SHA-256): what reading left in the store."""
    words = {number(d): (number(n), number(letters)) for d, n, letters in store.rows(
        "SELECT document_id, count(*), coalesce(sum(length(text)), 0) FROM words GROUP BY document_id")}
    extractions = {}
    for doc_id, result in store.rows("SELECT document_id, result_json FROM extractions ORDER BY document_id, id"):
        extractions.setdefault(number(doc_id), []).append(result)
    events = {number(d): number(n) for d, n in store.rows(
        "SELECT document_id, count(*) FROM review_events GROUP BY document_id")}
    read_jobs = {}
    for doc_id, state, attempts in store.rows(
            "SELECT document_id, state, attempts FROM jobs WHERE kind = 'read' ORDER BY id"):
        read_jobs.setdefault(number(doc_id), []).append((state, number(attempts)))
    documents = {}
    for doc_id, sha, status, pages in store.rows("SELECT id, sha256, status, page_count FROM documents"):
        doc_id = number(doc_id)
        found = extractions.get(doc_id, [])
        documents[sha] = {
            "status": status, "pages": number(pages), "words": words.get(doc_id, (0, 0))[0],
            "letters": words.get(doc_id, (0, 0))[1], "extractions": len(found),
            "extraction": hashlib.sha256("".join(found).encode()).hexdigest()[:16],
            "events": events.get(doc_id, 0), "read_jobs": read_jobs.get(doc_id, []),
        }
    names = [r[0] for r in store.rows("SELECT lower(trim(name)) FROM suppliers")]
    totals = {
        "supplier_names": sorted(set(names)),
        "duplicate_suppliers": len(names) - len(set(names)),
        "layout_examples": store.value("SELECT count(*) FROM layout_examples"),
        "learn_jobs_done": store.value(
            "SELECT count(DISTINCT document_id) FROM jobs WHERE kind = 'learn' AND state = 'done'"),
        "suppliers": store.value("SELECT count(*) FROM suppliers"),
        "training_examples": store.value("SELECT count(*) FROM training_examples"),
        "dead_jobs": store.value("SELECT count(*) FROM jobs WHERE state = 'dead'"),
        "live_jobs": store.value("SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')"),
        # Leases given back: no job left running under a holder once every process is stopped.
        "held_leases": store.value("SELECT count(*) FROM jobs WHERE state = 'running'"),
    }
    return documents, totals


def quai_command(quai, verb, store, *rest):
    """`quai VERB --data DIR [--db URL] REST...`."""
    command = [quai, *verb.split(), "--data", store.data]
    if store.database:
        command += ["--db", store.database]
    return command + list(rest)


def quai_environment(store):
    """For the commands without --db (user, token): $QUAI_DATABASE."""
    environment = dict(os.environ)
    if store.database:
        environment["QUAI_DATABASE"] = store.database
    return environment


def start_worker(quai, store, lease, poll, log_file, idle_exit=False):
    command = quai_command(quai, "worker", store, "--jobs", "1", "--lease-seconds", str(lease), "--poll-ms", str(poll),
                           "--retrain-hours", "0")
    if idle_exit:
        command.append("--exit-when-idle")
    return subprocess.Popen(command, stdout=log_file, stderr=log_file)


def held_jobs(store, pid):
    rows = store.rows("SELECT id FROM jobs WHERE state = 'running' AND lease_holder LIKE ?", (f"%:{pid}:%",))
    return [number(r[0]) for r in rows]


def retaken(store, job_ids, pid):
    """Jobs no longer held by the killed process: taken by another or finished."""
    if not job_ids:
        return True
    marks = ",".join("?" * len(job_ids))
    count = store.value(
        f"SELECT count(*) FROM jobs WHERE id IN ({marks}) AND (state != 'running' OR lease_holder NOT LIKE ?)",
        (*job_ids, f"%:{pid}:%"))
    return count == len(job_ids)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quai", required=True)
    parser.add_argument("--docs", required=True, help="folder of documents to read")
    parser.add_argument("--work", required=True)
    parser.add_argument("--kills", type=int, default=10, help="kills per worker")
    parser.add_argument("--lease", type=int, default=5)
    parser.add_argument("--poll", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="postgresql:// URL of the campaign's database (default: SQLite in its directory)")
    parser.add_argument("--control-db", help="postgresql:// URL of the control's database (with --db)")
    args = parser.parse_args()
    random.seed(args.seed)
    quai = os.path.abspath(args.quai)
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(args.docs) for name in names
                   if name.rsplit(".", 1)[-1].lower() in ("pdf", "png", "jpg", "tif"))
    half = len(files) // 2
    if bool(args.db) != bool(args.control_db):
        raise SystemExit("--db and --control-db go together (the control runs on the same backend)")
    control = Store(os.path.join(args.work, "control"), args.control_db)
    data = Store(os.path.join(args.work, "killed"), args.db)
    logs = open(os.path.join(args.work, "processes.log"), "ab")

    log(f"control: {len(files)} documents queued and read by one undisturbed worker")
    subprocess.run(quai_command(quai, "ingest", control, "--queue-only", "-q", *files), check=True, stdout=logs)
    started = time.time()
    subprocess.run(quai_command(quai, "worker", control, "--jobs", "1", "--exit-when-idle", "--poll-ms", "100",
                                "--retrain-hours", "0"), check=True, stdout=logs, stderr=logs)
    control_seconds = time.time() - started
    log(f"control read in {control_seconds:.1f} s")
    # Validations: documents imported with their values (`quai learn`), as a clerk validating them.
    learn_set = [f for f in files if f.endswith(".pdf") and os.path.exists(f[:-4] + ".json")][::4]
    learn_started = time.time()
    subprocess.run(quai_command(quai, "learn", control, *learn_set), check=True, stdout=logs, stderr=logs)
    learn_seconds = time.time() - learn_started
    log(f"control: {len(learn_set)} documents validated and learned in {learn_seconds:.1f} s")

    # The campaign: serve (its own workers too) + two workers, all on one data directory.
    subprocess.run([quai, "user", "add", "bench", "--role", "integration", "--data", data.data], check=True,
                   stdout=logs, stderr=logs, env=quai_environment(data))
    token = subprocess.run([quai, "token", "create", "--user", "bench", "--data", data.data], check=True,
                           capture_output=True, env=quai_environment(data)).stdout.decode().strip().splitlines()[-1]
    serve = subprocess.Popen(quai_command(quai, "serve", data, "--listen", "127.0.0.1:0", "--jobs", "1",
                                          "--lease-seconds", str(args.lease), "--poll-ms", str(args.poll),
                                          "--retrain-hours", "0"),
                             stdout=subprocess.PIPE, stderr=logs)
    port = wait_for_port(serve)
    workers = [start_worker(quai, data, args.lease, args.poll, logs) for _ in range(2)]
    log(f"queueing {half} documents with ingest --queue-only, uploading {len(files) - half} to quai serve")
    subprocess.run(quai_command(quai, "ingest", data, "--queue-only", "-q", *files[:half]), check=True, stdout=logs)
    for path in files[half:]:
        upload(port, token, path)

    # The kills are spread over about the time the undisturbed run took, so
    # that each lands at a random moment of the work rather than all at its start.
    gap = max(0.5, control_seconds / (2 * args.kills + 1))
    kills = [0, 0]
    retake_waits = []
    failures = []
    learner = None
    while min(kills) < args.kills:
        time.sleep(random.uniform(0.2, 2 * gap))
        which = random.choice([i for i in (0, 1) if kills[i] < args.kills])
        victim = workers[which]
        held = held_jobs(data, victim.pid)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        killed_at = time.time()
        kills[which] += 1
        workers[which] = start_worker(quai, data, args.lease, args.poll, logs)
        if held:
            limit = args.lease + args.poll / 1000 + 5
            while not retaken(data, held, victim.pid) and time.time() - killed_at < limit + 30:
                time.sleep(0.1)
            wait = time.time() - killed_at
            retake_waits.append(wait)
            if wait > limit:
                marks = ",".join("?" * len(held))
                rows = data.rows(f"SELECT id, kind, state, attempts, lease_holder FROM jobs WHERE id IN ({marks})", held)
                failures.append(f"jobs {held} of killed worker {victim.pid} taken again after {wait:.1f} s > {limit} s "
                                f"(now {rows})")
    waits = sorted(retake_waits)
    log(f"killed each worker {args.kills} times; {len(waits)} kills hit a job in hand; taken again after "
        f"median {waits[len(waits) // 2] if waits else 0:.1f} s, at most {max(waits, default=0):.1f} s "
        f"(lease {args.lease} s)")

    # Let the survivors finish, then stop everything cleanly.
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
        worker.wait()
    subprocess.run(quai_command(quai, "worker", data, "--jobs", "1", "--exit-when-idle", "--poll-ms", "100",
                                "--lease-seconds", str(args.lease), "--retrain-hours", "0"),
                   check=True, stdout=logs, stderr=logs)
    deadline = time.time() + 600
    while time.time() < deadline:
        _, totals = snapshot(data)
        if totals["live_jobs"] == 0:
            break
        time.sleep(1)

    # Validations once everything is read (as in the control, so that what is
    # read does not depend on when suppliers were learned): `quai learn` is
    # killed at random moments, twice, while two workers run (they take over
    # a learn job the killed process left), then run to the end.
    workers = [start_worker(quai, data, args.lease, args.poll, logs) for _ in range(2)]
    learn_started = time.time()
    for attempt in range(2):
        learner = subprocess.Popen(quai_command(quai, "learn", data, *learn_set), stdout=logs, stderr=logs)
        time.sleep(random.uniform(0.1, 0.9) * learn_seconds)
        if learner.poll() is None:
            learner.send_signal(signal.SIGKILL)
            log(f"killed quai learn at a random moment ({time.time() - learn_started:.1f} s)")
        learner.wait()
    again = subprocess.run(quai_command(quai, "learn", data, *learn_set), stdout=logs, stderr=logs)
    if again.returncode != 0:
        failures.append(f"quai learn after the kills exited {again.returncode}")
    time.sleep(3 * args.poll / 1000 + 1)
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
        worker.wait()
    serve.send_signal(signal.SIGTERM)
    serve.wait(timeout=120)

    learn_shas = {hashlib.sha256(open(f, "rb").read()).hexdigest() for f in learn_set}
    expected, control_totals = snapshot(control)
    got, totals = snapshot(data)
    missing = set(expected) - set(got)
    extra = set(got) - set(expected)
    if missing:
        failures.append(f"{len(missing)} documents lost")
    if extra:
        failures.append(f"{len(extra)} documents that were never given")
    differing = 0
    attempts = []
    for sha, want in expected.items():
        have = got.get(sha)
        if have is None:
            continue
        attempts.extend(a for _, a in have["read_jobs"])
        if have["status"] != "processed" or len(have["read_jobs"]) != 1 or have["read_jobs"][0][0] != "done":
            failures.append(f"{sha[:12]}: {have['status']}, read jobs {have['read_jobs']}")
        # A document whose import `quai learn` redid after a kill keeps the
        # events of the edits made before it (each was really made); every
        # other document has exactly the control's events.
        keys = ["status", "pages", "words", "letters", "extractions", "extraction"]
        if sha not in learn_shas:
            keys.append("events")
        elif have["events"] < want["events"]:
            failures.append(f"{sha[:12]}: {have['events']} events where the control has {want['events']}")
        for key in keys:
            if have[key] != want[key]:
                differing += 1
                failures.append(f"{sha[:12]}: {key} {have[key]} where the control has {want[key]}")
                break
    for key in ("supplier_names", "training_examples", "layout_examples", "learn_jobs_done", "dead_jobs"):
        if totals[key] != control_totals[key]:
            failures.append(f"{key}: {totals[key]} where the control has {control_totals[key]}")
    if totals["held_leases"]:
        failures.append(f"{totals['held_leases']} jobs still running under a lease once every process stopped")
    if totals["live_jobs"] != control_totals["live_jobs"]:
        failures.append(f"{totals['live_jobs']} jobs still queued or running where the control has "
                        f"{control_totals['live_jobs']}")
    if totals["duplicate_suppliers"]:
        failures.append(f"{totals['duplicate_suppliers']} suppliers added twice")
    log(f"documents: {len(got)} of {len(expected)}; differing from the control: {differing}; "
        f"read jobs taken more than once: {sum(1 for a in attempts if a > 1)} (max attempts {max(attempts, default=0)})")
    log(f"suppliers {totals['suppliers']} ({totals['duplicate_suppliers']} doubled; control "
        f"{control_totals['suppliers']}), training examples {totals['training_examples']} (control "
        f"{control_totals['training_examples']}), layout examples {totals['layout_examples']}, documents learned "
        f"{totals['learn_jobs_done']}, dead jobs {totals['dead_jobs']}, jobs still live {totals['live_jobs']}, "
        f"leases still held {totals['held_leases']}")
    for failure in failures[:20]:
        log("FAIL", failure)
    log("worker kills: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
