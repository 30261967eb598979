#!/usr/bin/env python3
"""Self-test of webhook_receiver.py: python3 tests/services/webhook_receiver_test.py

Starts the receiver on port 0 in a subprocess, signs requests here with hmac
(independently of the receiver's own code) and checks the answers and /stats.
"""

import base64
import hashlib
import hmac
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

RECEIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "webhook_receiver.py")
KEY = b"0123456789abcdef0123456789abcdef"
SECRET = "whsec_" + base64.b64encode(KEY).decode("ascii")


def signature(key, msg_id, timestamp, body):
    mac = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


class Receiver:
    def __init__(self, *extra):
        self.state = tempfile.TemporaryDirectory(prefix="webhook-receiver-test-")
        self.process = subprocess.Popen(
            [sys.executable, RECEIVER, "--port", "0", "--secret", SECRET,
             "--state", self.state.name, "--seed", "7", *extra],
            stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline())

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.state.cleanup()

    def request(self, method, path, body=b"", headers=None, timeout=10):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def deliver(self, msg_id, body, key=KEY, timestamp=None, extra_signature=None,
                idempotency_key=None):
        timestamp = int(time.time()) if timestamp is None else timestamp
        sig = signature(key, msg_id, timestamp, body)
        if extra_signature:
            sig = extra_signature + " " + sig
        headers = {"webhook-id": msg_id, "webhook-timestamp": str(timestamp),
                   "webhook-signature": sig, "Content-Type": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return self.request("POST", "/hooks/quai", body, headers)

    def stats(self):
        status, _, body = self.request("GET", "/stats")
        assert status == 200
        return json.loads(body)


def payload(document_id, version):
    return json.dumps({"type": "document.accepted", "timestamp": "2024-05-01T10:00:00Z",
                       "data": {"document_id": document_id, "version": version}},
                      separators=(",", ":")).encode()


class OkMode(unittest.TestCase):
    def setUp(self):
        self.receiver = Receiver()

    def tearDown(self):
        self.receiver.close()

    def test_signed_delivery_is_accepted_recorded_and_counted(self):
        status, _, _ = self.receiver.deliver("msg_1", payload("doc-1", 3), idempotency_key="idem-1")
        self.assertEqual(status, 200)
        stats = self.receiver.stats()
        self.assertEqual(stats["accepted"], 1)
        self.assertEqual(stats["distinct_ids"], 1)
        self.assertEqual(stats["duplicate_deliveries"], 0)
        with open(os.path.join(self.receiver.state.name, "deliveries.jsonl")) as handle:
            lines = [json.loads(line) for line in handle]
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines[0]["webhook_id"], "msg_1")
        self.assertEqual(lines[0]["idempotency_key"], "idem-1")
        self.assertEqual(lines[0]["document_id"], "doc-1")
        self.assertEqual(lines[0]["version"], 3)
        self.assertFalse(lines[0]["duplicate"])

    def test_rotated_secret_list_with_one_valid_entry_is_accepted(self):
        other = signature(b"another key of enough length!!!", "msg_r", int(time.time()), b"{}")
        status, _, _ = self.receiver.deliver("msg_r", b"{}", extra_signature=other + " v1a,AAAA")
        self.assertEqual(status, 200)

    def test_bad_signature_is_401_and_not_recorded(self):
        status, _, _ = self.receiver.deliver("msg_2", payload("doc-2", 1), key=b"wrong key, wrong key, wrong key")
        self.assertEqual(status, 401)
        body = payload("doc-2", 1)
        timestamp = int(time.time())
        headers = {"webhook-id": "msg_2", "webhook-timestamp": str(timestamp),
                   "webhook-signature": signature(KEY, "msg_2", timestamp, body)}
        status, _, _ = self.receiver.request("POST", "/", body + b" ", headers)  # body tampered
        self.assertEqual(status, 401)
        status, _, _ = self.receiver.request("POST", "/", body, {"webhook-id": "msg_2"})  # headers missing
        self.assertEqual(status, 401)
        stats = self.receiver.stats()
        self.assertEqual(stats["rejected_signature"], 3)
        self.assertEqual(stats["accepted"], 0)

    def test_old_and_future_timestamps_are_401(self):
        now = int(time.time())
        self.assertEqual(self.receiver.deliver("msg_old", b"{}", timestamp=now - 301)[0], 401)
        self.assertEqual(self.receiver.deliver("msg_new", b"{}", timestamp=now + 301)[0], 401)
        self.assertEqual(self.receiver.deliver("msg_edge", b"{}", timestamp=now - 290)[0], 200)
        self.assertEqual(self.receiver.stats()["rejected_timestamp"], 2)

    def test_second_delivery_of_an_id_is_a_duplicate(self):
        body = payload("doc-3", 2)
        self.assertEqual(self.receiver.deliver("msg_3", body)[0], 200)
        status, _, answer = self.receiver.deliver("msg_3", body)
        self.assertEqual(status, 200)
        self.assertTrue(json.loads(answer)["duplicate"])
        stats = self.receiver.stats()
        self.assertEqual(stats["accepted"], 2)
        self.assertEqual(stats["distinct_ids"], 1)
        self.assertEqual(stats["duplicate_deliveries"], 1)

    def test_garbage_does_not_kill_it(self):
        with socket.create_connection(("127.0.0.1", self.receiver.port), timeout=5) as sock:
            sock.sendall(b"\x00\xff garbage \r\n\r\n")
            sock.recv(1024)
        with socket.create_connection(("127.0.0.1", self.receiver.port), timeout=5) as sock:
            sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n")
            self.assertIn(b" 400 ", sock.recv(1024))
        with socket.create_connection(("127.0.0.1", self.receiver.port), timeout=5) as sock:
            sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            sock.shutdown(socket.SHUT_WR)
            sock.recv(1024)
        status, _, _ = self.receiver.request("POST", "/", b"\xff\xfe not json",
                                             {"webhook-id": "x", "webhook-timestamp": "nope",
                                              "webhook-signature": "v1,!!!"})
        self.assertEqual(status, 401)
        self.assertEqual(self.receiver.deliver("msg_after", b"\xffnot json")[0], 200)
        self.assertEqual(self.receiver.stats()["accepted"], 1)

    def test_restart_remembers_processed_ids(self):
        self.assertEqual(self.receiver.deliver("msg_keep", payload("doc-9", 1))[0], 200)
        state = self.receiver.state.name
        self.receiver.process.terminate()
        self.receiver.process.wait(timeout=10)
        self.receiver.process.stdout.close()
        again = subprocess.Popen([sys.executable, RECEIVER, "--port", "0", "--secret", SECRET,
                                  "--state", state], stdout=subprocess.PIPE, text=True)
        try:
            self.receiver.process = again
            self.receiver.port = int(again.stdout.readline())
            status, _, answer = self.receiver.deliver("msg_keep", payload("doc-9", 1))
            self.assertEqual(status, 200)
            self.assertTrue(json.loads(answer)["duplicate"])
            self.assertEqual(self.receiver.stats()["duplicate_deliveries"], 1)
        finally:
            pass  # tearDown closes the new process


class SpecificationVector(unittest.TestCase):
    """The test vector published with the Standard Webhooks specification and its libraries."""

    def test_known_vector_verifies(self):
        sys.path.insert(0, os.path.dirname(RECEIVER))
        import webhook_receiver
        key = webhook_receiver.decode_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        headers = {"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
                   "webhook-timestamp": "1614265330",
                   "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}
        body = b'{"test": 2432232314}'
        self.assertEqual(webhook_receiver.verify(key, headers, body, 1614265330, 300), (True, ""))
        self.assertFalse(webhook_receiver.verify(key, headers, body + b" ", 1614265330, 300)[0])
        self.assertFalse(webhook_receiver.verify(key, headers, body, 1614265330 + 301, 300)[0])
        # this file's own signer agrees with the vector
        self.assertEqual(signature(key, headers["webhook-id"], 1614265330, body),
                         headers["webhook-signature"])


class GoneMode(unittest.TestCase):
    def test_410_to_everything(self):
        receiver = Receiver("--mode", "410")
        try:
            self.assertEqual(receiver.deliver("msg_g", b"{}")[0], 410)
            self.assertEqual(receiver.request("POST", "/", b"unsigned")[0], 410)
            stats = receiver.stats()
            self.assertEqual(stats["gone_410"], 2)
            self.assertEqual(stats["accepted"], 0)
        finally:
            receiver.close()


class ThrottleMode(unittest.TestCase):
    def test_429_then_200(self):
        receiver = Receiver("--mode", "429", "--throttle-count", "2")
        try:
            for _ in range(2):
                status, headers, _ = receiver.deliver("msg_t", b"{}")
                self.assertEqual(status, 429)
                self.assertEqual(headers.get("Retry-After"), "2")
            self.assertEqual(receiver.deliver("msg_t", b"{}")[0], 200)
            self.assertEqual(receiver.deliver("msg_u", b"{}")[0], 429)
            stats = receiver.stats()
            self.assertEqual(stats["throttled_429"], 3)
            self.assertEqual(stats["accepted"], 1)
        finally:
            receiver.close()


class InjectedFaults(unittest.TestCase):
    def test_fail_rate_one_is_500_and_not_recorded(self):
        receiver = Receiver("--fail-rate", "1")
        try:
            self.assertEqual(receiver.deliver("msg_f", b"{}")[0], 500)
            stats = receiver.stats()
            self.assertEqual(stats["failed_injected"], 1)
            self.assertEqual(stats["accepted"], 0)
        finally:
            receiver.close()

    def test_timeout_records_after_the_sleep(self):
        receiver = Receiver("--timeout-rate", "1", "--timeout-seconds", "1.5")
        try:
            try:
                receiver_status = None
                connection = http.client.HTTPConnection("127.0.0.1", receiver.port, timeout=0.5)
                timestamp = int(time.time())
                connection.request("POST", "/", b"{}", {
                    "webhook-id": "msg_slow", "webhook-timestamp": str(timestamp),
                    "webhook-signature": signature(KEY, "msg_slow", timestamp, b"{}")})
                receiver_status = connection.getresponse().status
            except (TimeoutError, socket.timeout):
                pass  # the sender gives up, as a real one would
            finally:
                connection.close()
            self.assertIsNone(receiver_status)
            time.sleep(1.5)
            stats = receiver.stats()
            self.assertEqual(stats["timed_out_injected"], 1)
            self.assertEqual(stats["accepted"], 1)  # processed although the sender gave up
        finally:
            receiver.close()


if __name__ == "__main__":
    unittest.main()
