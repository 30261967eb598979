#!/usr/bin/env python3
"""The document list and the review queue on a large installation (issue 20).

Reads a handful of real documents with `quai ingest`, validates a third of them
through the API, then grows the data directory to --count documents by copying
those documents' rows (documents, extractions, searchable values, review states
and events) under new identities, straight into the SQLite file: reading
100,000 documents would take days, and the list and the queue only look at
these rows. Pages and words are not copied (the list and the queue never read
them), which the report says. Then `quai serve` answers the document list
(newest first, sorted by supplier, an accent-insensitive search that finds
nothing and one that finds a supplier's documents, "Cérès", one in 12) and the review
queue, --requests times each, and the script prints p50/p95 per request in ms.

With --db postgresql://... the grown installation is moved there with
`quai migrate --to` first and served from it.

  list_scale.py --quai build/quai --docs DIR --work DIR --count 100000 [--db URL]
"""
import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
import unicodedata
import urllib.request

COPIED = ["extractions", "document_values", "review_state", "review_events"]


def http(method, url, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read() or b"null")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Server:
    def __init__(self, quai, data, log, extra):
        self.process = subprocess.Popen([quai, "serve", "--data", data, "--listen", "127.0.0.1:0", "--retrain-hours", "0",
                                         "--no-sources", *extra], stdout=subprocess.PIPE, stderr=log)
        line = self.process.stdout.readline().decode()
        if "listening on" not in line:
            sys.exit(f"list_scale: quai serve did not start: {line!r}")
        self.base = line.split("listening on ")[1].split()[0].rstrip("/")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


def columns(db, table):
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def fold(text):
    """quai_fold (core/search_fold.h) for the triggers the copies fire: lower case, Latin accents folded."""
    if text is None:
        return None
    text = text.replace("Œ", "oe").replace("œ", "oe").replace("Æ", "ae").replace("æ", "ae").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def grow(database, count):
    """Copies the seed documents' rows until the file holds `count` documents. The
    copies go through the schema's triggers (summaries, search indexes), which
    call quai_fold: registered here as its Python equivalent."""
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.create_function("quai_fold", 1, fold, deterministic=True)
    seeds = [row[0] for row in db.execute("SELECT id FROM documents WHERE status != 'refused' ORDER BY id")]
    have = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    doc_columns = [c for c in columns(db, "documents") if c != "id"]
    tables = {t: [c for c in columns(db, t) if c != "id"] for t in COPIED}
    rows = {t: {} for t in COPIED}
    for table, names in tables.items():
        for row in db.execute(f"SELECT {', '.join(names)} FROM {table}"):
            record = dict(zip(names, row))
            rows[table].setdefault(record["document_id"], []).append(record)
    documents = {row[0]: dict(zip(["id", *doc_columns], row))
                 for row in db.execute(f"SELECT id, {', '.join(doc_columns)} FROM documents")}
    copy = 0
    db.execute("BEGIN")
    while have < count:
        seed = seeds[copy % len(seeds)]
        copy += 1
        document = dict(documents[seed])
        document["sha256"] = hashlib.sha256(f"{document['sha256']}/{copy}".encode()).hexdigest()
        stem, dot, ext = document["original_name"].rpartition(".")
        document["original_name"] = f"{stem}-{copy}{dot}{ext}"
        cursor = db.execute(f"INSERT INTO documents ({', '.join(doc_columns)}) VALUES ({', '.join('?' * len(doc_columns))})",
                            [document[c] for c in doc_columns])
        new_id = cursor.lastrowid
        for table, names in tables.items():
            for record in rows[table].get(seed, []):
                values = [new_id if c == "document_id" else record[c] for c in names]
                db.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values)
        have += 1
        if have % 20000 == 0:
            db.execute("COMMIT")
            db.execute("BEGIN")
    db.execute("COMMIT")
    db.close()


def measure(base, token, requests):
    searches = {
        "documents, newest first": "/api/v1/documents?limit=50",
        "documents, by supplier": "/api/v1/documents?limit=50&sort=supplier&order=asc",
        "documents, needs_review page 20": "/api/v1/documents?limit=50&status=needs_review&offset=1000",
        "documents, search 'isere'": "/api/v1/documents?limit=50&q=isere",
        "documents, search 'ceres' (1 in 12)": "/api/v1/documents?limit=50&q=ceres",
        "review queue": "/api/v1/review-queue?limit=50",
    }
    figures = {}
    for name, path in searches.items():
        http("GET", base + path, token)  # warm
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            http("GET", base + path, token)
            times.append((time.perf_counter() - start) * 1000)
        figures[name] = (percentile(times, 50), percentile(times, 95))
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quai", required=True)
    parser.add_argument("--docs", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    quai = os.path.abspath(args.quai)
    data = os.path.join(args.work, "data")
    log = open(os.path.join(args.work, "processes.log"), "ab")

    def run(*command):
        return subprocess.run([quai, *command, "--data", data], check=True, capture_output=True).stdout.decode()

    files = sorted(os.path.join(args.docs, name) for name in os.listdir(args.docs) if name.endswith(".pdf"))
    subprocess.run([quai, "ingest", "-q", "--data", data, *files], check=True, stdout=log, stderr=log)
    run("user", "add", "bench", "--role", "admin")
    token = run("token", "create", "--user", "bench").strip().splitlines()[-1]
    server = Server(quai, data, log, [])
    queue = http("GET", server.base + "/api/v1/review-queue?limit=500", token)["documents"]
    for document in queue[: len(queue) // 3]:
        http("POST", f"{server.base}/api/v1/documents/{document['id']}/validate", token,
             {"override_reason": "bench: validated as read"})
    server.stop()

    started = time.time()
    grow(os.path.join(data, "quai.db"), args.count)
    print(f"grown to {args.count} documents in {time.time() - started:.0f} s "
          f"({os.path.getsize(os.path.join(data, 'quai.db')) / 2**20:.0f} MiB)")
    extra = []
    if args.db:
        started = time.time()
        migrated = subprocess.run([quai, "migrate", "--data", data, "--to", args.db], stdout=log, stderr=log)
        if migrated.returncode != 0:
            sys.exit(f"list_scale: quai migrate failed ({migrated.returncode}); see {args.work}/processes.log")
        print(f"moved to PostgreSQL in {time.time() - started:.0f} s")
        extra = ["--db", args.db]
    server = Server(quai, data, log, extra)
    total = http("GET", server.base + "/api/v1/documents?limit=1", token).get("total")
    if total is not None and total != args.count:
        sys.exit(f"list_scale: the list counts {total} documents, expected {args.count}")
    figures = measure(server.base, token, args.requests)
    server.stop()
    for name, (p50, p95) in figures.items():
        print(f"{args.count:>7} documents  {name:<34} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    print("RESULT " + json.dumps({name: p95 for name, (_, p95) in figures.items()}))


if __name__ == "__main__":
    main()
