#!/usr/bin/python3
"""Export latency: from a validation through the API to the webhook's receipt.

A running `quai serve` (its own export threads, the shipped poll and retry
settings) and a healthy webhook receiver (tests/services/webhook_receiver.py).
The documents were read beforehand and wait for a reviewer. One at a time,
each is validated (POST /api/v1/documents/{id}/validate) and the time is taken
until the receiver logged the delivery of its key (deliveries.jsonl,
received_at; same machine, same clock). Beside it, in the same run, the round
trip of a GET of the document's exports (GET /api/v1/documents/{id}/exports)
as the reference for what one API call costs here.

The export usually arrives before the validate call returns: the call wakes
the export threads once its transaction is committed, then learns from the
validation before it answers; so the time from the call's return is mostly
negative, and the target is judged from the call's start.

Prints p50/p95/max; exits 1 when the p95 from the validate call's start to
the receipt is 1 s or more, or a delivery never comes.
Usage: export_latency.py --quai build/quai --docs DIR --work DIR
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

RECEIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "services", "webhook_receiver.py")
TARGET_P95 = 1.0  # seconds, the target
CHILDREN = []


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


def http(method, url, token, body=None):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(values):
    return (f"p50 {percentile(values, 50) * 1000:.0f} ms, p95 {percentile(values, 95) * 1000:.0f} ms, "
            f"max {max(values) * 1000:.0f} ms")


class DeliveryLog:
    """The receiver's deliveries.jsonl, read as it grows."""

    def __init__(self, path):
        self.path, self.offset, self.received = path, 0, {}

    def wait_for(self, key, timeout):
        deadline = time.time() + timeout
        while key not in self.received:
            if time.time() > deadline:
                return None
            if os.path.exists(self.path):
                with open(self.path, "rb") as handle:
                    handle.seek(self.offset)
                    chunk = handle.read()
                complete = chunk[:chunk.rfind(b"\n") + 1]
                self.offset += len(complete)
                for raw in complete.splitlines():
                    record = json.loads(raw)
                    self.received.setdefault(record["webhook_id"], record["received_at"])
            if key not in self.received:
                time.sleep(0.002)
        return self.received[key]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quai", required=True)
    parser.add_argument("--docs", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    quai = os.path.abspath(args.quai)
    data, hook = os.path.join(args.work, "data"), os.path.join(args.work, "receiver")
    logs = open(os.path.join(args.work, "processes.log"), "ab")

    def run(*command):
        return subprocess.run([quai, *command, "--data", data], check=True, capture_output=True).stdout.decode()

    run("user", "add", "bench", "--role", "admin")
    token = run("token", "create", "--user", "bench").strip().splitlines()[-1]
    secret = subprocess.run([quai, "export", "secret"], check=True, capture_output=True).stdout.decode().strip()
    receiver = spawn([sys.executable, RECEIVER, "--port", "0", "--secret", secret, "--state", hook],
                     stdout=subprocess.PIPE, stderr=logs)
    receiver_port = int(receiver.stdout.readline())
    run("export", "add", "webhook", "--name", "wms", "--set", f"url=http://127.0.0.1:{receiver_port}/hooks/quai",
        "--set", f"secret={secret}")
    started = time.time()
    files = sorted(os.path.join(args.docs, name) for name in os.listdir(args.docs) if name.endswith(".pdf"))
    subprocess.run([quai, "ingest", "-q", "--data", data, *files], check=True, stdout=logs, stderr=logs)
    log(f"read the documents in {time.time() - started:.1f} s")

    serve = spawn([quai, "serve", "--data", data, "--listen", "127.0.0.1:0", "--retrain-hours", "0"],
                  stdout=subprocess.PIPE, stderr=logs)
    line = serve.stdout.readline().decode()
    if "listening on" not in line:
        raise SystemExit("quai serve did not start: " + line)
    base = "http://127.0.0.1:" + line.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1]
    waiting = []
    while True:
        page = http("GET", f"{base}/api/v1/review-queue?limit=500&offset={len(waiting)}", token)["documents"]
        waiting += [d["id"] for d in page]
        if not page:
            break
    log(f"{len(waiting)} documents wait for a reviewer")
    time.sleep(1.5)  # the server's first poll is behind it: what follows is the steady state

    deliveries = DeliveryLog(os.path.join(hook, "deliveries.jsonl"))
    from_start, from_return, calls, gets, lost = [], [], [], [], []
    for document in waiting:
        begun = time.time()
        answer = http("POST", f"{base}/api/v1/documents/{document}/validate", token, {})
        returned = time.time()
        if answer.get("status") != "validated":
            raise SystemExit(f"document {document} answered {answer.get('status')} to its validation")
        got = time.time()
        exports = http("GET", f"{base}/api/v1/documents/{document}/exports", token)
        gets.append(time.time() - got)
        keys = [e["key"] for e in exports["exports"]]
        if len(keys) != 1:
            raise SystemExit(f"document {document}: exports {keys}, one expected")
        received = deliveries.wait_for(keys[0], timeout=30)
        if received is None:
            lost.append(keys[0])
            continue
        from_start.append(received - begun)
        from_return.append(received - returned)
        calls.append(returned - begun)

    serve.send_signal(signal.SIGTERM)
    serve.wait(timeout=120)
    receiver.send_signal(signal.SIGTERM)
    receiver.wait(timeout=30)
    if not from_start:
        log("FAIL no delivery arrived")
        return 1
    p95 = percentile(from_start, 95)
    reference = percentile(gets, 95)
    log(f"{len(from_start)} validations, one at a time, each delivered to the webhook:")
    log(f"  validate call start -> receiver: {summary(from_start)}  (target p95 < {TARGET_P95:.0f} s)")
    log(f"  validate call return -> receiver: {summary(from_return)}")
    log(f"  the validate call itself: {summary(calls)}")
    log(f"  reference, GET of the document's exports: {summary(gets)}")
    log(f"  ratio export p95 / reference GET p95: {p95 / reference:.1f}")
    failed = []
    if lost:
        failed.append(f"{len(lost)} deliveries did not arrive within 30 s: {lost[:5]}")
    if p95 >= TARGET_P95:
        failed.append(f"p95 {p95 * 1000:.0f} ms is not under {TARGET_P95 * 1000:.0f} ms")
    for failure in failed:
        log("FAIL", failure)
    log("export latency: " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, end_children)
    try:
        sys.exit(main())
    finally:
        end_children()
