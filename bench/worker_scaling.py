#!/usr/bin/python3
"""Worker processes against one PostgreSQL, reading real scans (issue 20).

For each round: a fresh PostgreSQL 15 (tests/services/postgres.sh), the scans
queued by `quai ingest --queue-only --db postgresql://…`, then read by one
`quai worker --jobs 1` process, and again (fresh server, fresh data directory)
by two; documents per second for each, from the workers' start to the last
one's exit (`--exit-when-idle`). Every run checks that each document was read
exactly once (processed, one read job, done at its first attempt).

With --round-trip K: one `quai serve --jobs 1` on SQLite, then on PostgreSQL;
K scans uploaded one at a time, each timed from the upload to its document
being read (GET /api/v1/documents/{id} no longer `received`).

The machine's load average is printed before each run, and the processor
time the workers got (with their reader children): other processes' work is
not this bench's, and the ratio is only worth something on idle cores; where
they are not, "cores used" says how much of the machine the workers had.
Usage: worker_scaling.py --quai build/quai --docs DIR --work DIR [--rounds 2] [--round-trip 5]
Prints RESULT {json} last.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from worker_kills import Store, quai_command, quai_environment, upload, wait_for_port  # noqa: E402

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(*parts):
    print(*parts, flush=True)


def load():
    return "load average %.2f %.2f %.2f" % os.getloadavg()


class Server:
    """A throwaway PostgreSQL 15; its URL carries no password ($PGPASSWORD has it)."""

    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory)
        os.chmod(directory, 0o755)
        subprocess.run(["bash", os.path.join(SOURCE, "tests/services/postgres.sh"), "start", directory], check=True,
                       stdout=subprocess.DEVNULL)
        conninfo = open(os.path.join(directory, "conninfo")).read()
        port = conninfo.split("port=", 1)[1].split()[0]
        self.url = f"postgresql://quai_test@127.0.0.1:{port}/quai_test"

    def stop(self):
        subprocess.run(["bash", os.path.join(SOURCE, "tests/services/postgres.sh"), "stop", self.directory],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.directory, ignore_errors=True)


def read_once_failures(store, count):
    """What is wrong with the run: documents lost, unread, or read twice."""
    failures = []
    documents = store.value("SELECT count(*) FROM documents")
    processed = store.value("SELECT count(*) FROM documents WHERE status = 'processed'")
    jobs = store.rows("SELECT document_id, state, attempts FROM jobs WHERE kind = 'read'")
    if documents != count or processed != count:
        failures.append(f"{processed} of {documents} documents read, {count} queued")
    per_document = {}
    for document, state, attempts in jobs:
        per_document.setdefault(document, []).append((state, int(attempts)))
    wrong = {d: j for d, j in per_document.items() if j != [("done", 1)]}
    if len(per_document) != count or wrong:
        failures.append(f"read jobs of {len(per_document)} documents; not done once: {sorted(wrong.items())[:5]}")
    return failures


def run_workers(args, files, workers, round_index, logs):
    directory = os.path.join(args.work, f"run-{round_index}-{workers}")
    server = Server(os.path.join(args.work, f"pg-{round_index}-{workers}"))
    try:
        store = Store(os.path.join(directory, "data"), server.url)
        subprocess.run(quai_command(args.quai, "ingest", store, "--queue-only", "-q", *files), check=True,
                       stdout=logs, stderr=logs)
        before = load()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.time()
        processes = [subprocess.Popen(quai_command(args.quai, "worker", store, "--jobs", "1", "--exit-when-idle",
                                                   "--poll-ms", "100", "--retrain-hours", "0"),
                                      stdout=logs, stderr=logs) for _ in range(workers)]
        codes = [p.wait() for p in processes]
        seconds = time.time() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # The workers' processor time (with their reader children): how many
        # cores they got, and what a document costs whatever the machine's load.
        cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
        failures = read_once_failures(store, len(files))
        if any(codes):
            failures.append(f"workers exited {codes}")
        rate = len(files) / seconds
        log(f"round {round_index}: {workers} worker(s): {len(files)} scans in {seconds:.1f} s, {rate:.3f} documents/s; "
            f"processor {cpu:.1f} s ({cpu / seconds:.2f} cores used, {cpu / len(files):.2f} s per document) "
            f"({before} before; {load()} after)")
        return rate, cpu / seconds, failures
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def document_status(port, token, document_id):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/documents/{document_id}",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())["status"]


def round_trip(args, files, backend, logs):
    """Seconds from each upload to its document read, one at a time."""
    directory = os.path.join(args.work, f"trip-{backend}")
    server = Server(os.path.join(args.work, "pg-trip")) if backend == "postgresql" else None
    serve = None
    try:
        store = Store(os.path.join(directory, "data"), server.url if server else None)
        os.makedirs(store.data)
        subprocess.run([args.quai, "user", "add", "bench", "--role", "integration", "--data", store.data], check=True,
                       stdout=logs, stderr=logs, env=quai_environment(store))
        token = subprocess.run([args.quai, "token", "create", "--user", "bench", "--data", store.data], check=True,
                               capture_output=True, env=quai_environment(store)).stdout.decode().strip().splitlines()[-1]
        serve = subprocess.Popen(quai_command(args.quai, "serve", store, "--listen", "127.0.0.1:0", "--jobs", "1",
                                              "--retrain-hours", "0"), stdout=subprocess.PIPE, stderr=logs)
        port = wait_for_port(serve)
        times = []
        for path in files:
            started = time.time()
            answer = upload(port, token, path)
            document_id = (answer.get("documents") or [answer])[0]["id"]
            while document_status(port, token, document_id) == "received":
                if time.time() - started > 300:
                    raise SystemExit(f"{path}: not read after 300 s ({backend})")
                time.sleep(0.02)
            times.append(time.time() - started)
        log(f"round trip on {backend}: {len(times)} scans uploaded one at a time, upload to read median "
            f"{statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s ({load()})")
        return statistics.median(times)
    finally:
        if serve is not None:
            serve.terminate()
            serve.wait(timeout=120)
        if server is not None:
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quai", required=True)
    parser.add_argument("--docs", required=True, help="folder of scans")
    parser.add_argument("--work", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--round-trip", type=int, default=0, help="scans for the upload-to-read round trip")
    args = parser.parse_args()
    args.quai = os.path.abspath(args.quai)
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(args.docs) for name in names
                   if name.rsplit(".", 1)[-1].lower() in ("pdf", "png", "jpg", "tif"))
    logs = open(os.path.join(args.work, "processes.log"), "ab")
    failures, ratios, cores, rates = [], [], [], {1: [], 2: []}
    for round_index in range(1, args.rounds + 1):
        one, cores_one, failed_one = run_workers(args, files, 1, round_index, logs)
        two, cores_two, failed_two = run_workers(args, files, 2, round_index, logs)
        failures += failed_one + failed_two
        rates[1].append(one)
        rates[2].append(two)
        ratios.append(two / one)
        cores.append(cores_two / cores_one)
        log(f"round {round_index}: two workers against one: {two / one:.2f}x (they got {cores_two / cores_one:.2f}x "
            f"the processor time per second)")
    trips = {}
    if args.round_trip:
        for backend in ("sqlite", "postgresql"):
            trips[backend] = round_trip(args, files[:args.round_trip], backend, logs)
    log(f"two worker processes against one on PostgreSQL: {', '.join(f'{r:.2f}x' for r in ratios)} "
        f"(median {statistics.median(ratios):.2f}x; target >= 1.8 on 2 idle cores); processor time they got: "
        f"{', '.join(f'{c:.2f}x' for c in cores)}")
    for failure in failures:
        log("FAIL", failure)
    log("RESULT " + json.dumps({"ratios": ratios, "cores": cores, "rates": rates, "round_trip_s": trips, "failures": len(failures)}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
