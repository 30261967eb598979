#!/usr/bin/env python3
"""A real Standard Webhooks receiver on loopback, for quai's export tests and benchmarks.

Written from the Standard Webhooks specification 1.0.0
(https://www.standardwebhooks.com/, spec/standard-webhooks.md in
github.com/standard-webhooks/standard-webhooks), independently of quai's code:

  * headers webhook-id, webhook-timestamp (integer Unix seconds) and
    webhook-signature (a space-delimited list of "<version>,<base64>" entries);
  * symmetric signatures are version "v1": HMAC-SHA256 over the bytes
    "{webhook-id}.{webhook-timestamp}.{raw body}", base64 encoded; entries of other
    versions (e.g. "v1a", asymmetric) are ignored; one matching v1 entry is enough
    (secret rotation sends several);
  * the secret is serialized as "whsec_" + base64(key bytes); the HMAC key is the
    decoded bytes;
  * compare in constant time; reject timestamps more than 5 minutes from our clock;
  * webhook-id is the idempotency key: a second delivery of an id already processed
    is answered 2xx without processing it again;
  * 2xx = success, 410 = endpoint gone (sender should disable), 429 = throttle,
    honour Retry-After.

Usage:
  python3 tests/services/webhook_receiver.py --port 0 --secret whsec_... --state DIR
      [--fail-rate 0.3] [--timeout-rate 0.05] [--timeout-seconds 5] [--seed N]
      [--mode ok|500|429|410|slow] [--throttle-count 2] [--tolerance 300]

The first line on stdout is the port it listens on (flushed), then nothing else
unless --verbose (logs go to stderr).

Per request (POST, any path), in this order:
  1. --mode 410: 410 Gone, to everything, before anything else (counted gone_410).
  2. Missing headers, malformed timestamp, timestamp off by more than --tolerance
     seconds, or no matching v1 signature: 401 (counted rejected_signature).
  3. --mode 500: 500, nothing recorded (counted failed_injected).
  4. --mode 429: the first --throttle-count calls of each webhook-id get 429 with
     "Retry-After: 2" (counted throttled_429); later calls go on.
  5. With probability --fail-rate: 500, nothing recorded (failed_injected).
  6. With probability --timeout-rate (or always, --mode slow): sleep
     --timeout-seconds, then go on and RECORD the delivery and answer 200 - the
     sender most likely gave up already, so its retry arrives as a duplicate,
     which is exactly the case idempotency must handle (timed_out_injected).
  7. Accept: if the webhook-id was accepted before, it is a duplicate delivery:
     answered 200, not processed again, recorded with "duplicate": true. Otherwise
     it is processed (recorded) and answered 200.

Every accepted delivery (duplicates too) is appended as one JSON line to
DIR/deliveries.jsonl and fsynced before the answer; DIR/stats.json is rewritten
atomically after each change. On start the receiver reloads both, so a restarted
receiver still knows which ids it processed.

GET /stats answers
  {accepted, distinct_ids, duplicate_deliveries, rejected_signature,
   failed_injected, timed_out_injected, throttled_429, gone_410,
   rejected_timestamp, bad_requests}
where accepted counts every 200 answered to a correctly signed POST (duplicates
included), distinct_ids the ids processed, duplicate_deliveries = accepted -
distinct_ids. GET /deliveries answers the recorded lines as a JSON array.
GET /healthz answers 200 "ok".
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import random
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 16 * 1024 * 1024

STAT_KEYS = (
    "accepted",
    "distinct_ids",
    "duplicate_deliveries",
    "rejected_signature",
    "failed_injected",
    "timed_out_injected",
    "throttled_429",
    "gone_410",
    "rejected_timestamp",
    "bad_requests",
)


def decode_secret(secret):
    """whsec_<base64> -> key bytes (the prefix is optional, as in the reference libraries)."""
    text = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"the secret is not base64 after whsec_: {error}") from None
    if not key:
        raise ValueError("the secret decodes to no bytes")
    return key


def sign(key, msg_id, timestamp, body):
    """The v1 signature (base64 text, without the "v1," prefix)."""
    content = msg_id.encode("utf-8") + b"." + str(timestamp).encode("ascii") + b"." + body
    return base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode("ascii")


def verify(key, headers, body, now, tolerance):
    """Returns (ok, reason). reason is "timestamp" for a timestamp problem."""
    msg_id = headers.get("webhook-id")
    stamp = headers.get("webhook-timestamp")
    signature = headers.get("webhook-signature")
    if not msg_id or not stamp or not signature:
        return False, "missing webhook-id, webhook-timestamp or webhook-signature"
    stamp = stamp.strip()
    if not stamp.isdigit() or len(stamp) > 12:
        return False, "timestamp"
    if abs(now - int(stamp)) > tolerance:
        return False, "timestamp"
    expected = base64.b64decode(sign(key, msg_id, stamp, body))
    for entry in signature.split(" "):
        version, comma, value = entry.partition(",")
        if not comma or version != "v1":
            continue
        try:
            given = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(given, expected):
            return True, ""
    return False, "no matching v1 signature"


def document_fields(body):
    """Best effort: the document id and version named in a JSON body (null when absent)."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, None, None
    if not isinstance(payload, dict):
        return None, None, None
    event_type = payload.get("type") if isinstance(payload.get("type"), str) else None
    places = []
    if isinstance(payload.get("data"), dict):
        data = payload["data"]
        places.append(data)
        if isinstance(data.get("document"), dict):
            places.append(data["document"])
    if isinstance(payload.get("document"), dict):
        places.append(payload["document"])
    places.append(payload)

    def first(names):
        for place in places:
            for name in names:
                value = place.get(name)
                if isinstance(value, (str, int)) and not isinstance(value, bool):
                    return value
        return None

    return (first(("document_id", "documentId", "id")),
            first(("version", "document_version", "documentVersion", "accepted_version")),
            event_type)


class State:
    """Counters, the processed ids and the durable log, under one lock."""

    def __init__(self, directory):
        self.directory = directory
        self.lock = threading.Lock()
        self.stats = {key: 0 for key in STAT_KEYS}
        self.seen = set()
        self.calls = {}  # webhook-id -> POSTs seen with a valid signature (for --mode 429)
        os.makedirs(directory, exist_ok=True)
        self.log_path = os.path.join(directory, "deliveries.jsonl")
        self.stats_path = os.path.join(directory, "stats.json")
        self._load()
        self.log = open(self.log_path, "ab")

    def _load(self):
        try:
            with open(self.stats_path, "r", encoding="utf-8") as handle:
                saved = json.load(handle)
            for key in STAT_KEYS:
                if isinstance(saved.get(key), int):
                    self.stats[key] = saved[key]
        except (OSError, ValueError):
            pass
        accepted = 0
        try:
            with open(self.log_path, "rb") as handle:
                for raw in handle:
                    try:
                        record = json.loads(raw)
                    except ValueError:
                        continue  # a torn last line from a crash
                    accepted += 1
                    self.seen.add(record.get("webhook_id"))
        except OSError:
            pass
        # The log is the truth for what was accepted.
        self.stats["accepted"] = accepted
        self.stats["distinct_ids"] = len(self.seen)
        self.stats["duplicate_deliveries"] = accepted - len(self.seen)

    def _save_stats(self):
        temporary = self.stats_path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self.stats, handle, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.stats_path)

    def count(self, key):
        with self.lock:
            self.stats[key] += 1
            self._save_stats()

    def call_number(self, msg_id):
        with self.lock:
            self.calls[msg_id] = self.calls.get(msg_id, 0) + 1
            return self.calls[msg_id]

    def accept(self, record):
        """Records a delivery durably; returns True when it is a duplicate."""
        with self.lock:
            duplicate = record["webhook_id"] in self.seen
            record["duplicate"] = duplicate
            line = json.dumps(record, sort_keys=True).encode("utf-8") + b"\n"
            self.log.write(line)
            self.log.flush()
            os.fsync(self.log.fileno())
            self.seen.add(record["webhook_id"])
            self.stats["accepted"] += 1
            self.stats["distinct_ids"] = len(self.seen)
            self.stats["duplicate_deliveries"] = self.stats["accepted"] - len(self.seen)
            self._save_stats()
            return duplicate

    def snapshot(self):
        with self.lock:
            return dict(self.stats)

    def deliveries(self):
        with self.lock:
            self.log.flush()
            out = []
            with open(self.log_path, "rb") as handle:
                for raw in handle:
                    try:
                        out.append(json.loads(raw))
                    except ValueError:
                        pass
            return out


class BadRequest(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    server_version = "quai-test-webhook-receiver/1"
    protocol_version = "HTTP/1.1"
    timeout = 60  # a stalled client does not hold a thread forever

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if self.server.options.verbose:
            sys.stderr.write("%s %s\n" % (self.address_string(), format % args))

    def _answer(self, status, body=b"", content_type="application/json", extra=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            self.close_connection = True

    def _json(self, status, value, extra=None):
        self._answer(status, json.dumps(value, sort_keys=True) + "\n", extra=extra)

    def _read_body(self):
        encoding = self.headers.get("Transfer-Encoding", "").lower()
        if "chunked" in encoding:
            chunks, total = [], 0
            while True:
                size_line = self.rfile.readline(1024)
                if not size_line:
                    raise BadRequest("truncated chunked body")
                try:
                    size = int(size_line.split(b";")[0].strip(), 16)
                except ValueError:
                    raise BadRequest("bad chunk size") from None
                if size < 0:
                    raise BadRequest("bad chunk size")
                if size == 0:
                    while self.rfile.readline(8192) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY:
                    raise BadRequest("body too large")
                data = self.rfile.read(size)
                if len(data) != size:
                    raise BadRequest("truncated chunk")
                chunks.append(data)
                self.rfile.readline(8)  # CRLF after the chunk
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        length = length.strip()
        if not length.isdigit():
            raise BadRequest("bad Content-Length")
        size = int(length)
        if size > MAX_BODY:
            raise BadRequest("body too large")
        data = self.rfile.read(size)
        if len(data) != size:
            raise BadRequest("truncated body")
        return data

    def do_GET(self):  # noqa: N802 - http.server's naming
        try:
            path = self.path.split("?", 1)[0]
            state = self.server.state
            if path == "/stats":
                self._json(200, state.snapshot())
            elif path == "/deliveries":
                self._json(200, state.deliveries())
            elif path == "/healthz":
                self._answer(200, "ok\n", content_type="text/plain")
            else:
                self._json(404, {"error": "not found"})
        except Exception as error:  # survive anything
            self._safe_500(error)

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        try:
            self._post()
        except Exception as error:  # survive anything
            self._safe_500(error)

    def _safe_500(self, error):
        if self.server.options.verbose:
            sys.stderr.write(f"internal error: {error!r}\n")
        self.close_connection = True
        self._json(500, {"error": "internal"})

    def _post(self):
        options = self.server.options
        state = self.server.state
        try:
            body = self._read_body()
        except BadRequest as error:
            state.count("bad_requests")
            self.close_connection = True
            self._json(400, {"error": str(error)})
            return

        if options.mode == "410":
            state.count("gone_410")
            self._json(410, {"error": "gone"})
            return

        headers = {name.lower(): value for name, value in self.headers.items()}
        ok, reason = verify(self.server.key, headers, body, int(time.time()), options.tolerance)
        if not ok:
            if reason == "timestamp":
                state.count("rejected_timestamp")
            state.count("rejected_signature")
            self._json(401, {"error": "invalid signature" if reason != "timestamp"
                             else "timestamp outside the tolerance"})
            return
        msg_id = headers["webhook-id"]

        if options.mode == "500":
            state.count("failed_injected")
            self._json(500, {"error": "injected failure"})
            return
        if options.mode == "429" and state.call_number(msg_id) <= options.throttle_count:
            state.count("throttled_429")
            self._json(429, {"error": "slow down"}, extra={"Retry-After": "2"})
            return

        with self.server.random_lock:
            fail_draw = self.server.random.random()
            timeout_draw = self.server.random.random()
        if fail_draw < options.fail_rate:
            state.count("failed_injected")
            self._json(500, {"error": "injected failure"})
            return
        if options.mode == "slow" or timeout_draw < options.timeout_rate:
            state.count("timed_out_injected")
            time.sleep(options.timeout_seconds)

        document_id, version, event_type = document_fields(body)
        record = {
            "webhook_id": msg_id,
            "webhook_timestamp": int(headers["webhook-timestamp"].strip()),
            "idempotency_key": headers.get("idempotency-key"),
            "document_id": document_id,
            "version": version,
            "type": event_type,
            "path": self.path,
            "body_sha256": hashlib.sha256(body).hexdigest(),
            "body_bytes": len(body),
            "received_at": time.time(),
        }
        duplicate = state.accept(record)
        self._json(200, {"ok": True, "duplicate": duplicate})

    def _not_allowed(self):
        self.close_connection = True
        self._json(405, {"error": "method not allowed"}, extra={"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Standard Webhooks test receiver")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret", required=True, help="whsec_<base64 key>")
    parser.add_argument("--state", required=True, help="directory for deliveries.jsonl and stats.json")
    parser.add_argument("--fail-rate", type=float, default=0.0)
    parser.add_argument("--timeout-rate", type=float, default=0.0)
    parser.add_argument("--timeout-seconds", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--mode", choices=("ok", "500", "429", "410", "slow"), default="ok")
    parser.add_argument("--throttle-count", type=int, default=2,
                        help="--mode 429: calls of each id answered 429 before 200")
    parser.add_argument("--tolerance", type=int, default=300,
                        help="seconds a webhook-timestamp may be off (the specification's 5 minutes)")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args(argv)
    for name in ("fail_rate", "timeout_rate"):
        value = getattr(options, name)
        if not 0.0 <= value <= 1.0:
            parser.error(f"--{name.replace('_', '-')} must be within [0, 1]")
    if options.timeout_seconds < 0 or options.throttle_count < 0 or options.tolerance < 0:
        parser.error("--timeout-seconds, --throttle-count and --tolerance must not be negative")
    return options


def main(argv=None):
    options = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        key = decode_secret(options.secret)
    except ValueError as error:
        print(f"webhook_receiver: {error}", file=sys.stderr)
        return 2
    server = Server((options.host, options.port), Handler)
    server.options = options
    server.key = key
    server.state = State(options.state)
    server.random = random.Random(options.seed)
    server.random_lock = threading.Lock()

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
