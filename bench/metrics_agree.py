"""/metrics scraped during a benchmark shows the same counts as the
benchmark's own (issue 20). Uploads N distinct documents to a real
`quai serve` through its API, scraping /metrics all along; every scrape's
received count must lie between what the benchmark had sent before and after
it, the counts never go down, and once every document is read the store's
counts (received, read, refused, auto-accepted, awaiting review) and the HTTP
counter of accepted uploads equal the benchmark's. Prints the comparison.
Usage: metrics_agree.py SOURCE_DIR QUAI_BINARY N [JOBS]"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "monitoring"))
import quai_metrics  # noqa: E402

SAMPLES = ["dev-coc-0002.pdf", "dev-coc-0006.pdf", "dev-dn-0001.pdf", "dev-inv-0003.pdf", "dev-sds-0004.pdf"]


def upload(port, token, name, data):
    boundary = uuid.uuid4().hex
    body = (("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
             "Content-Type: application/pdf\r\n\r\n" % (boundary, name)).encode() + data +
            ("\r\n--%s--\r\n" % boundary).encode())
    request = urllib.request.Request("http://127.0.0.1:%d/api/v1/documents" % port, data=body, method="POST")
    request.add_header("Content-Type", "multipart/form-data; boundary=" + boundary)
    request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=120) as answer:
        return answer.status, json.loads(answer.read())


def get_json(port, token, path):
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path))
    request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def main():
    source, quai, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    jobs = sys.argv[4] if len(sys.argv) > 4 else "2"
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "data")
        subprocess.run([quai, "user", "add", "bench", "--role", "reviewer", "--data", data], check=True,
                       capture_output=True)
        token = subprocess.run([quai, "token", "create", "--user", "bench", "--data", data], check=True,
                               capture_output=True, text=True).stdout.strip().splitlines()[-1]
        server, port = quai_metrics.start_server(quai, work, ["--jobs", jobs])
        problems = []
        # "started": uploads begun (the server may store one before it answers);
        # "accepted": answers naming a new document.
        sent = {"started": 0, "accepted": 0, "answers_202": 0}
        ids = []
        lock = threading.Lock()
        during = []  # (accepted before, scraped received, started after)
        stop = threading.Event()

        def scraper():
            last = -1
            while not stop.is_set():
                with lock:
                    before = sent["accepted"]
                text = quai_metrics.scrape(port)
                with lock:
                    after = sent["started"]
                received = quai_metrics.total(text, "quai_documents_received_total", source="upload")
                during.append((before, received, after))
                if received < last:
                    problems.append("received went down from %d to %d" % (last, received))
                last = received
                time.sleep(0.2)

        thread = threading.Thread(target=scraper)
        thread.start()
        started = time.time()
        try:
            for k in range(count):
                name = SAMPLES[k % len(SAMPLES)]
                # Distinct bytes per upload (a comment after %%EOF), so none is a duplicate.
                data_bytes = open(os.path.join(source, "samples", name), "rb").read() + b"\n%% bench %d\n" % k
                with lock:
                    sent["started"] += 1
                status, answer = upload(port, token, "bench-%04d-%s" % (k, name), data_bytes)
                with lock:
                    if status == 202:
                        sent["answers_202"] += 1
                    for document in answer["documents"]:
                        if document.get("status") == "received":
                            ids.append(document["id"])
                            sent["accepted"] += 1
            # Wait until the benchmark itself sees every document read.
            states = {}
            deadline = time.time() + 60 + 30 * count
            while time.time() < deadline:
                states = {i: get_json(port, token, "/api/v1/documents/%d" % i)["status"] for i in ids}
                if all(s != "received" for s in states.values()):
                    break
                time.sleep(0.5)
            elapsed = time.time() - started
        finally:
            stop.set()
            thread.join()
        text = quai_metrics.scrape(port)
        server.terminate()
        server.wait(timeout=120)

    own = {
        "received": len(ids),
        "read": sum(1 for s in states.values() if s not in ("received", "refused")),
        "refused": sum(1 for s in states.values() if s == "refused"),
        "auto_accepted": sum(1 for s in states.values() if s == "auto_accepted"),
        "awaiting_review": sum(1 for s in states.values() if s == "needs_review"),
        "upload answers 202": sent["answers_202"],
    }
    scraped = {
        "received": quai_metrics.total(text, "quai_documents_received_total", source="upload"),
        "read": quai_metrics.total(text, "quai_documents_read_total", source="upload"),
        "refused": quai_metrics.total(text, "quai_documents_refused_total", source="upload"),
        "auto_accepted": quai_metrics.total(text, "quai_documents_auto_accepted_total", source="upload"),
        "awaiting_review": quai_metrics.total(text, "quai_documents_awaiting_review", source="upload"),
        "upload answers 202": quai_metrics.total(text, "quai_http_requests_total", method="POST",
                                                 route="/api/v1/documents", status="202"),
    }
    print("metrics_agree: %d documents uploaded, read in %.1f s with --jobs %s; %d scrapes during the run"
          % (count, elapsed, jobs, len(during)))
    print("%-22s %10s %10s" % ("count", "benchmark", "/metrics"))
    for key in own:
        flag = "" if own[key] == scraped[key] else "   <-- differs"
        print("%-22s %10d %10d%s" % (key, own[key], scraped[key], flag))
        if own[key] != scraped[key]:
            problems.append("%s: benchmark %d, /metrics %d" % (key, own[key], scraped[key]))
    outside = [d for d in during if not (d[0] <= d[1] <= d[2])]
    print("scrapes during the run within [accepted before, started after]: %d of %d" % (len(during) - len(outside), len(during)))
    for before, received, after in outside[:5]:
        problems.append("a scrape counted %d received while the benchmark had %d accepted and %d started"
                        % (received, before, after))
    if any(s == "received" for s in states.values()):
        problems.append("not every document was read in time")
    if problems:
        print("DISAGREE:\n  " + "\n  ".join(problems))
        return 1
    print("agree: ratio /metrics / benchmark = 1.00 on every count")
    return 0


if __name__ == "__main__":
    sys.exit(main())
