#!/usr/bin/env python3
"""Issue 21: what hostile HTTP clients cost `quai serve` (Python 3 standard library only).

Runs each attack with 8 attackers at once (70 slow and 500 idle connections for the
connection attacks) against a running server while a signed-in user makes
`GET /api/v1/documents?limit=5` requests in a loop, one every 20 ms, each on a fresh
connection (a request that fails or takes over 5 s counts as 5 s and as a failure; the
percentiles count the requests a stalled user could not make, see UserLoop), and the
server's RSS (/proc/PID/status VmRSS) is sampled every 75 ms. The normal RSS and latency are measured
first, after a warm-up of 300 requests. One row per attack: peak RSS - normal RSS, the
user's p50/p99 latency and failures, what the attackers got back and when, and
PASS/FAIL against "peak RSS < normal + 64 MiB and user p99 < 1 s" (declared-too-large
must also be answered within 1 s; a server that dies fails).

    bench/http_attacks.py --server 127.0.0.1:PORT --token quai_... --pid PID
                          [--short] [--only NAME[,NAME]] [--json FILE] [--rss-cap-mib 6144]
    bench/http_attacks.py --list [--only ...]          attack names, one a line
    bench/http_attacks.py --report A.json B.json ...   one table from several runs' --json
                                                       (bench/http_attacks.sh runs each
                                                       attack against a fresh server)

The token may also come from $QUAI_TOKEN. Past --rss-cap-mib of RSS the server is killed
(SIGKILL, by PID) so that one attack cannot take the machine; the row says so, and the
user's requests from then on are not counted (the death fails the attack anyway).
Exit 0 when every attack passes, 1 otherwise, 2 on a usage error or a server not running.
"""
import argparse
import errno
import json
import math
import os
import resource
import select
import signal
import socket
import sys
import threading
import time
import zlib

MiB = 1 << 20
ATTACKERS = 8
USER_TIMEOUT = 5.0
USER_PERIOD = 0.02          # the user's pace: one request every 20 ms
USER_PATH = "/api/v1/documents?limit=5"
RSS_INTERVAL = 0.075
TARGET_GROWTH_MIB = 64
TARGET_P99_MS = 1000
TARGET_ANSWER_S = 1.0

ATTACKS = ["chunked-body", "no-length-body", "gzip-body", "huge-header-line", "many-headers",
           "large-upload-unauthenticated", "declared-too-large", "slow-headers-70", "idle-500"]


def limits(short):
    return {
        "body": (64 if short else 1024) * MiB,              # per attacker, chunked / no-length
        "gzip_unpacked": (64 if short else 1024) * MiB,     # what the gzip body unpacks to
        "header_line": 64 * MiB if short else 1_600_000_000,
        "many_headers": (64 if short else 400) * MiB,
        "upload": 64 * MiB if short else 100_000_000,        # Content-Length of the multipart body
        "declared_wait": 12 if short else 40,               # how long to wait for the answer
        "slow_conns": 70, "slow_every": 10.0, "slow_hold": 12 if short else 40,
        "idle_conns": 100 if short else 500, "idle_hold": 12 if short else 40,
        "answer_wait": 10 if short else 30,                 # after the last byte sent
        "wall": 45 if short else 150,                       # cap of one attack's attack phase
        "min_seconds": 3 if short else 5,                   # the user measures at least this long
        "normal_seconds": 3 if short else 5,
        "restore_cap": 20 if short else 60,
        "warmup": 300,
    }


# ---------------------------------------------------------------- the server process

def server_status(pid):
    """(alive, rss_kib): alive is False once the process is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/status") as f:
            text = f.read()
    except OSError:
        return False, None
    rss = None
    for line in text.splitlines():
        if line.startswith("State:") and line.split()[1] in ("Z", "X"):
            return False, None
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return rss is not None, rss


def server_sockets(pid):
    n = 0
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:"):
                    n += 1
            except OSError:
                pass
    except OSError:
        return None
    return n


class RssSampler(threading.Thread):
    """VmRSS every 75 ms; kills the server (SIGKILL) past the cap and sets `stop`."""

    def __init__(self, pid, cap_kib, stop):
        super().__init__(daemon=True)
        self.pid, self.cap_kib, self.stop_attack = pid, cap_kib, stop
        self.peak = 0
        self.samples = []
        self.died_at = None
        self.capped_at = None
        self.t0 = time.monotonic()
        self._done = threading.Event()

    def run(self):
        while not self._done.is_set():
            alive, rss = server_status(self.pid)
            if not alive:
                if self.died_at is None:
                    self.died_at = time.monotonic() - self.t0
                self.stop_attack.set()
                return
            self.samples.append(rss)
            self.peak = max(self.peak, rss)
            if rss > self.cap_kib and self.capped_at is None:
                self.capped_at = time.monotonic() - self.t0
                self.stop_attack.set()
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except OSError:
                    pass
            self._done.wait(RSS_INTERVAL)

    def finish(self):
        self._done.set()
        self.join()


# ---------------------------------------------------------------- HTTP bits

def head_end(buf):
    return buf.find(b"\r\n\r\n")


def parse_status(buf):
    try:
        line = buf.split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split()
        if parts[0].startswith("HTTP/"):
            return int(parts[1])
    except (IndexError, ValueError):
        pass
    return None


def wait_io(sock, events, timeout):
    p = select.poll()
    p.register(sock, events)
    return p.poll(max(0, int(timeout * 1000)))


class Outcome:
    def __init__(self, kind, t, sent, status=None):
        self.kind, self.t, self.sent, self.status = kind, t, sent, status

    def as_dict(self):
        return {"kind": self.kind, "t": round(self.t, 3), "sent_mib": round(self.sent / MiB, 2),
                "status": self.status}


def read_answer(sock, t0, sent, deadline, what_if_silent):
    """The server's answer (status line) until deadline: an Outcome."""
    buf = b""
    first = None
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            if buf:
                return Outcome(f"HTTP {parse_status(buf)}", first - t0, sent, parse_status(buf))
            return Outcome(what_if_silent, time.monotonic() - t0, sent)
        try:
            if not wait_io(sock, select.POLLIN, min(left, 0.5)):
                continue
            data = sock.recv(65536)
        except BlockingIOError:
            continue
        except (ConnectionResetError, BrokenPipeError):
            if buf:
                break
            return Outcome("reset", time.monotonic() - t0, sent)
        except OSError as e:
            return Outcome(f"error {errno.errorcode.get(e.errno, e.errno)}", time.monotonic() - t0, sent)
        if first is None:
            first = time.monotonic()
        if not data:
            if not buf:
                return Outcome("closed, no answer", time.monotonic() - t0, sent)
            break
        buf += data
        if head_end(buf) >= 0:
            break
    status = parse_status(buf)
    return Outcome(f"HTTP {status}" if status else "garbage answer", first - t0, sent, status)


class Stopped(Exception):
    pass


class Answered(Exception):
    pass


def send_watching(sock, data, stop, deadline):
    """Sends data unless the server answers (Answered), the bench stops (Stopped) or the wall cap passes."""
    view = memoryview(data)
    while view:
        if stop.is_set() or time.monotonic() > deadline:
            raise Stopped()
        ev = wait_io(sock, select.POLLIN | select.POLLOUT, 0.5)
        if not ev:
            continue
        mask = ev[0][1]
        if mask & (select.POLLIN | select.POLLERR | select.POLLHUP):
            raise Answered()
        if mask & select.POLLOUT:
            try:
                n = sock.send(view)
            except BlockingIOError:
                continue
            view = view[n:]


class Plan:
    """One attack request: head, then pieces(), then tail; half-close after it if shutdown."""

    def __init__(self, head, pieces, tail=b"", shutdown=False, answer_wait=None):
        self.head, self.pieces, self.tail, self.shutdown, self.answer_wait = head, pieces, tail, shutdown, answer_wait


def attempt(addr, plan, stop, deadline, answer_wait):
    t0 = time.monotonic()
    sent = 0
    try:
        sock = socket.create_connection(addr, timeout=5)
    except OSError as e:
        return Outcome(f"connect failed ({e.__class__.__name__})", time.monotonic() - t0, 0)
    try:
        sock.setblocking(False)
        try:
            for piece in [plan.head]:
                send_watching(sock, piece, stop, deadline)
                sent += len(piece)
            for piece in plan.pieces():
                send_watching(sock, piece, stop, deadline)
                sent += len(piece)
            if plan.tail:
                send_watching(sock, plan.tail, stop, deadline)
                sent += len(plan.tail)
            if plan.shutdown:
                sock.shutdown(socket.SHUT_WR)
        except Answered:
            return read_answer(sock, t0, sent, time.monotonic() + 3, "closed, no answer")
        except Stopped:
            if stop.is_set():
                return Outcome("still sending when the bench stopped", time.monotonic() - t0, sent)
            return Outcome("still sending at the wall-clock cap", time.monotonic() - t0, sent)
        except (ConnectionResetError, BrokenPipeError):
            return Outcome("reset", time.monotonic() - t0, sent)
        except OSError as e:
            return Outcome(f"error {errno.errorcode.get(e.errno, e.errno)}", time.monotonic() - t0, sent)
        wait = plan.answer_wait if plan.answer_wait is not None else answer_wait
        return read_answer(sock, t0, sent, min(deadline + 5, time.monotonic() + wait),
                           f"no answer within {wait} s")
    finally:
        sock.close()


# ---------------------------------------------------------------- the attacks

def host_header(addr):
    return f"Host: {addr[0]}:{addr[1]}\r\n".encode()


def repeated(block, total):
    def pieces():
        for _ in range(math.ceil(total / len(block))):
            yield block
    return pieces


_gzip_cache = {}


def gzip_of_zeros(size):
    if size not in _gzip_cache:
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        zero = bytes(MiB)
        out = [c.compress(zero) for _ in range(size // MiB)]
        out.append(c.flush())
        _gzip_cache[size] = b"".join(out)
    return _gzip_cache[size]


def body_plan(name, addr, L):
    host = host_header(addr)
    if name == "chunked-body":
        chunk = b"10000\r\n" + b"a" * 0x10000 + b"\r\n"
        head = (b"POST /api/v1/session HTTP/1.1\r\n" + host + b"Content-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n")
        return Plan(head, repeated(chunk * 16, L["body"] // 0x10000 * len(chunk)), tail=b"0\r\n\r\n")
    if name == "no-length-body":
        head = (b"POST /api/v1/session HTTP/1.1\r\n" + host + b"Content-Type: application/json\r\n"
                b"Connection: close\r\n\r\n")
        return Plan(head, repeated(b"a" * MiB, L["body"]), shutdown=True)
    if name == "gzip-body":
        gz = gzip_of_zeros(L["gzip_unpacked"])
        head = (b"POST /api/v1/session HTTP/1.1\r\n" + host + b"Content-Type: application/json\r\n"
                b"Content-Encoding: gzip\r\nContent-Length: " + str(len(gz)).encode() + b"\r\n\r\n")
        return Plan(head, lambda: (gz[i:i + MiB] for i in range(0, len(gz), MiB)))
    if name == "huge-header-line":
        head = b"GET /api/v1/health HTTP/1.1\r\n" + host + b"X-Long: "
        return Plan(head, repeated(b"a" * MiB, L["header_line"]), tail=b"\r\n\r\n")
    if name == "many-headers":
        head = b"GET /api/v1/health HTTP/1.1\r\n" + host

        def pieces():
            n = 0
            for _ in range(math.ceil(L["many_headers"] / MiB)):
                block = []
                for _ in range(128):  # 128 headers of 8 KiB each
                    name_ = f"X-H{n}: ".encode()
                    block.append(name_ + b"a" * (8192 - len(name_) - 2) + b"\r\n")
                    n += 1
                yield b"".join(block)
        return Plan(head, pieces, tail=b"\r\n")
    if name == "large-upload-unauthenticated":
        boundary = b"quaibench7d1f"
        pre = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
               b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n")
        post = b"\r\n--" + boundary + b"--\r\n"
        filler = L["upload"] - len(pre) - len(post)
        head = (b"POST /api/v1/documents HTTP/1.1\r\n" + host + b"Content-Type: multipart/form-data; boundary="
                + boundary + b"\r\nContent-Length: " + str(L["upload"]).encode() + b"\r\n\r\n")

        def pieces():
            yield pre
            block = b"0" * MiB
            left = filler
            while left > 0:
                yield block if left >= MiB else block[:left]
                left -= MiB
            yield post
        return Plan(head, pieces)
    if name == "declared-too-large":
        head = (b"POST /api/v1/session HTTP/1.1\r\n" + host + b"Content-Type: application/json\r\n"
                b"Content-Length: 10000000000\r\n\r\n")
        return Plan(head, lambda: iter(()), answer_wait=L["declared_wait"])
    raise ValueError(name)


def run_body_attack(name, addr, L, stop, min_until):
    """8 attackers; each repeats its attack while the attack phase is shorter than min_seconds."""
    plan = body_plan(name, addr, L)
    deadline = time.monotonic() + L["wall"]
    firsts = [None] * ATTACKERS
    attempts = [0] * ATTACKERS

    def attacker(k):
        while True:
            o = attempt(addr, plan, stop, deadline, L["answer_wait"])
            attempts[k] += 1
            if firsts[k] is None:
                firsts[k] = o
            if stop.is_set() or time.monotonic() >= min_until or time.monotonic() >= deadline:
                return
            time.sleep(0.05)

    threads = [threading.Thread(target=attacker, args=(k,), daemon=True) for k in range(ATTACKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0, deadline + 15 - time.monotonic()))
    outs = [o or Outcome("attacker hung", L["wall"], 0) for o in firsts]
    return outs, sum(attempts), ""


def server_side_peers(port):
    """Client ports of the ESTABLISHED connections whose server end is 127.0.0.1:port (None: unknown)."""
    peers = set()
    try:
        with open("/proc/net/tcp") as f:
            next(f)
            for line in f:
                fields = line.split()
                local, remote, state = fields[1], fields[2], fields[3]
                if state == "01" and int(local.split(":")[1], 16) == port:
                    peers.add(int(remote.split(":")[1], 16))
    except (OSError, ValueError, IndexError):
        return None
    return peers


def open_connections(addr, count, start, stop, deadline):
    """Opens `count` connections that the server really holds, 8 at a time.

    A burst of connects against a small listen backlog (httplib's is 5) gets SYN cookies:
    the client sees the connection established, the server dropped the final ACK and
    knows nothing of it until data arrives. So each connection is checked in
    /proc/net/tcp (its server end ESTABLISHED) before the next batch; one the server
    does not have within 0.5 s is closed and opened again (up to 5 times). `start` is
    sent on each as soon as the server has it. Returns (socks, failed outcomes, ghosts
    retried, verified)."""
    t0 = time.monotonic()
    socks, outs = {}, {}
    tries = dict.fromkeys(range(count), 0)
    pending = list(range(count))
    ghosts = 0
    verify = server_side_peers(addr[1]) is not None and addr[0].startswith("127.")
    while pending and time.monotonic() < deadline and not stop.is_set():
        batch, pending = pending[:8], pending[8:]
        new = {}
        for k in batch:
            tries[k] += 1
            try:
                s = socket.create_connection(addr, timeout=3)
                s.setblocking(False)
                new[k] = s
            except OSError as e:
                if tries[k] < 5:
                    pending.append(k)
                else:
                    outs[k] = Outcome(f"connect failed ({e.__class__.__name__})", time.monotonic() - t0, 0)
        checked = time.monotonic()
        while new:
            peers = server_side_peers(addr[1]) if verify else None
            for k, s in list(new.items()):
                if peers is None or s.getsockname()[1] in peers:
                    socks[k] = new.pop(k)
                    if start:
                        try:
                            s.send(start)
                        except OSError:
                            pass
            if not new or time.monotonic() - checked > 0.5:
                break
            time.sleep(0.02)
        for k, s in new.items():
            s.close()
            ghosts += 1
            if tries[k] < 5:
                pending.append(k)
            else:
                outs[k] = Outcome("never reached the server (SYN cookie, ACK dropped)", time.monotonic() - t0, 0)
    for k in pending:
        outs[k] = Outcome("not opened in time", time.monotonic() - t0, 0)
    return socks, outs, ghosts, verify


def run_connection_attack(name, addr, L, stop):
    """Many connections: silent (idle) or one header byte every 10 s (slowloris)."""
    slow = name.startswith("slow")
    count = L["slow_conns"] if slow else L["idle_conns"]
    hold = L["slow_hold"] if slow else L["idle_hold"]
    t0 = time.monotonic()
    header = b"X-Slow: " + b"a" * 100000
    start = b"GET /api/v1/health HTTP/1.1\r\n" + host_header(addr) if slow else b""
    socks, outs, ghosts, verified = open_connections(addr, count, start, stop, t0 + 30)
    sent = {k: len(start) for k in socks}
    connected = time.monotonic()
    next_byte = connected + L["slow_every"]
    pos = 0
    poller = select.poll()
    by_fd = {}
    for k, s in socks.items():
        poller.register(s, select.POLLIN)
        by_fd[s.fileno()] = k
    end = connected + hold  # held this long once all are connected
    held_max = 0
    while time.monotonic() < end and not stop.is_set() and by_fd:
        peers = server_side_peers(addr[1])
        if peers is not None:
            held_max = max(held_max, len(peers))
        for fd, _ in poller.poll(250):
            k = by_fd.pop(fd, None)
            if k is None:
                continue
            poller.unregister(fd)
            s = socks[k]
            s.setblocking(True)
            outs[k] = read_answer(s, t0, sent[k], time.monotonic() + 2, "closed, no answer")
            s.close()
        if slow and time.monotonic() >= next_byte:
            for fd, k in list(by_fd.items()):
                try:
                    socks[k].send(header[pos:pos + 1])
                    sent[k] += 1
                except OSError:
                    pass
            pos += 1
            next_byte += L["slow_every"]
    held = time.monotonic() - connected
    for fd, k in by_fd.items():
        outs[k] = Outcome(f"still open after {held:.0f} s held", time.monotonic() - t0, sent[k])
        socks[k].close()
    note = f"{len(socks)} open on the server in {connected - t0:.1f} s"
    if ghosts:
        note += f", {ghosts} SYN-cookie ghosts reopened"
    if verified:
        note += f"; the server held up to {held_max} connections"
    else:
        note += ", not verified in /proc/net/tcp"
    return [outs[k] for k in sorted(outs)], count, note


# ---------------------------------------------------------------- the signed-in user

def user_request(addr, request):
    t0 = time.monotonic()
    ok = False
    sock = None
    try:
        sock = socket.create_connection(addr, timeout=USER_TIMEOUT)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(request)
        buf = b""
        length = None
        while True:
            left = t0 + USER_TIMEOUT - time.monotonic()
            if left <= 0:
                raise socket.timeout()
            sock.settimeout(left)
            data = sock.recv(65536)
            if not data:
                break
            buf += data
            end = head_end(buf)
            if end >= 0 and length is None:
                length = -1
                for line in buf[:end].split(b"\r\n")[1:]:
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
            if length is not None and length >= 0 and len(buf) - end - 4 >= length:
                break
        ok = parse_status(buf) == 200
    except (OSError, ValueError):
        ok = False
    finally:
        if sock:
            sock.close()
    latency = time.monotonic() - t0
    if not ok or latency > USER_TIMEOUT:
        return USER_TIMEOUT, False
    return latency, True


class UserLoop(threading.Thread):
    """One request every USER_PERIOD (or right after the previous one when it took longer).

    A closed loop under-samples stalls: a user blocked for 15 s makes 3 requests (each
    failing at 5 s) where a normal server would have answered 750. As HdrHistogram's
    "expected interval" correction (wrk2), a request of latency L > USER_PERIOD also
    records the requests that would have been made while it waited, with latencies
    L - USER_PERIOD, L - 2 USER_PERIOD, ... down to USER_PERIOD. The percentiles are of
    these corrected samples; `requests` and `failures` count the real requests, and
    `raw_p50_ms`/`raw_p99_ms` are of the real requests alone."""

    def __init__(self, addr, token, stop=None):
        super().__init__(daemon=True)
        self.addr = addr
        self.stop = stop  # set when the bench killed the server (RSS cap) or it died
        self.request = (f"GET {USER_PATH} HTTP/1.1\r\nHost: {addr[0]}:{addr[1]}\r\n"
                        f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n").encode()
        self.latencies, self.corrected, self.failures, self.discarded = [], [], 0, 0
        self._done = threading.Event()

    def run(self):
        tick = time.monotonic()
        while not self._done.is_set():
            latency, ok = user_request(self.addr, self.request)
            if self.stop is not None and self.stop.is_set():
                # Ended after the server was killed or died: what the attack did to the
                # user ends there (the death itself fails the attack).
                self.discarded += 1
                return
            self.latencies.append(latency)
            self.corrected.append(latency)
            missed = latency - USER_PERIOD
            while missed >= USER_PERIOD:
                self.corrected.append(missed)
                missed -= USER_PERIOD
            self.failures += not ok
            tick = max(tick + USER_PERIOD, time.monotonic())
            self._done.wait(tick - time.monotonic())

    def finish(self):
        self._done.set()
        self.join(USER_TIMEOUT + 2)

    def stats(self):
        stats = latency_stats(self.corrected, self.failures)
        stats["requests"] = len(self.latencies)
        raw = latency_stats(self.latencies, self.failures)
        stats["raw_p50_ms"], stats["raw_p99_ms"] = raw["p50_ms"], raw["p99_ms"]
        stats["stalled_s"] = round(sum(v for v in self.latencies if v >= 1.0), 1)
        if self.discarded:
            stats["discarded_after_server_death"] = self.discarded
        return stats


def percentile(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, max(0, math.ceil(p / 100 * len(v)) - 1))]


def latency_stats(latencies, failures):
    return {"requests": len(latencies), "failures": failures,
            "p50_ms": round(percentile(latencies, 50) * 1000, 1) if latencies else None,
            "p99_ms": round(percentile(latencies, 99) * 1000, 1) if latencies else None}


# ---------------------------------------------------------------- one run

def summarize(outs, attempts=None):
    groups = {}
    for o in outs:
        groups.setdefault(o.kind, []).append(o)
    parts = []
    for kind, os_ in sorted(groups.items(), key=lambda g: -len(g[1])):
        ts = [o.t for o in os_]
        sent = [o.sent / MiB for o in os_]
        when = f"{min(ts):.2f} s" if max(ts) - min(ts) < 0.05 else f"{min(ts):.2f}-{max(ts):.2f} s"
        s = f"{len(os_)}x {kind} at {when}"
        if max(sent) >= 0.01:
            s += f", sent {min(sent):.0f}-{max(sent):.0f} MiB" if max(sent) - min(sent) >= 1 else \
                 f", sent {max(sent):.1f} MiB"
        parts.append(s)
    text = "; ".join(parts)
    if attempts and attempts > len(outs):
        text += f" ({attempts} attempts in all; first attempts shown)"
    return text


def measure_normal(target, L):
    addr, token, pid = target
    loop = UserLoop(addr, token)
    for _ in range(L["warmup"]):
        user_request(addr, loop.request)
    stop = threading.Event()
    sampler = RssSampler(pid, 1 << 40, stop)
    sampler.start()
    loop.start()
    time.sleep(L["normal_seconds"])
    loop.finish()
    sampler.finish()
    rss = sampler.peak
    return {"rss_mib": round(rss / 1024, 1), "user": loop.stats(), "sockets": server_sockets(pid)}


def run_attack(name, target, L, normal, cap_kib):
    addr, token, pid = target
    alive, rss_before = server_status(pid)
    result = {"attack": name, "normal_rss_mib": normal["rss_mib"], "normal_user": normal["user"]}
    if not alive:
        result.update(ran=False, passed=False, reasons=["server not running"], attackers="not run",
                      server_died=True)
        return result
    stop = threading.Event()
    sampler = RssSampler(pid, cap_kib, stop)
    loop = UserLoop(addr, token, stop)
    sampler.start()
    loop.start()
    t0 = time.monotonic()
    if name in ("slow-headers-70", "idle-500"):
        outs, attempts, note = run_connection_attack(name, addr, L, stop)
    else:
        outs, attempts, note = run_body_attack(name, addr, L, stop, t0 + L["min_seconds"])
    while time.monotonic() - t0 < L["min_seconds"] and not stop.is_set():
        time.sleep(0.05)
    attack_seconds = time.monotonic() - t0
    loop.finish()
    # Restore: the attackers' sockets are closed; wait for the server to let go of them.
    r0 = time.monotonic()
    base = normal["sockets"] or 1
    while time.monotonic() - r0 < L["restore_cap"] and sampler.died_at is None:
        n = server_sockets(pid)
        if n is None or n <= base + 1:
            break
        time.sleep(0.1)
    time.sleep(0.5)
    restore_seconds = time.monotonic() - r0
    sampler.finish()
    alive, rss_after = server_status(pid)
    user = loop.stats()
    growth = (sampler.peak / 1024) - normal["rss_mib"]
    reasons = []
    if sampler.capped_at is not None:
        reasons.append(f"RSS passed the {cap_kib >> 10} MiB cap at {sampler.capped_at:.1f} s; "
                       "server killed by the bench")
    elif not alive:
        died = sampler.died_at if sampler.died_at is not None else attack_seconds
        reasons.append(f"server died at {died:.1f} s")
    if growth >= TARGET_GROWTH_MIB:
        reasons.append(f"RSS +{growth:.0f} MiB")
    if user["p99_ms"] is None or user["p99_ms"] >= TARGET_P99_MS:
        reasons.append(f"user p99 {user['p99_ms']} ms")
    if name == "declared-too-large":
        slow = [o for o in outs if o.status is None or o.t >= TARGET_ANSWER_S]
        if slow:
            reasons.append(f"{len(slow)} of {len(outs)} not answered within {TARGET_ANSWER_S:.0f} s")
    result.update({
        "ran": True,
        "rss_before_mib": round((rss_before or 0) / 1024, 1),
        "peak_rss_mib": round(sampler.peak / 1024, 1),
        "growth_mib": round(growth, 1),
        "rss_after_mib": round(rss_after / 1024, 1) if rss_after else None,
        "user": user,
        "attack_seconds": round(attack_seconds, 1),
        "restore_seconds": round(restore_seconds, 1),
        "server_died": not alive,
        "killed_at_cap": sampler.capped_at is not None,
        "attackers": summarize(outs, attempts if attempts != len(outs) else None) + (f" ({note})" if note else ""),
        "outcomes": [o.as_dict() for o in outs],
        "passed": not reasons,
        "reasons": reasons,
    })
    return result


# ---------------------------------------------------------------- output

def print_table(runs, out=sys.stdout):
    w = max([len(r["attack"]) for r in runs] + [12])
    print(f"{'attack':<{w}}  {'RSS+MiB':>8}  {'p50 ms':>7}  {'p99 ms':>7}  {'fail/req':>9}  {'stall s':>7}  "
          f"result  attackers got", file=out)
    for r in runs:
        if not r.get("ran"):
            print(f"{r['attack']:<{w}}  {'-':>8}  {'-':>7}  {'-':>7}  {'-':>9}  {'-':>7}  FAIL    {r['attackers']}",
                  file=out)
            continue
        u = r["user"]
        growth = f"{r['growth_mib']:+.0f}" + ("!" if r["killed_at_cap"] else "")
        print(f"{r['attack']:<{w}}  {growth:>8}  {u['p50_ms']:>7.1f}  {u['p99_ms']:>7.1f}  "
              f"{str(u['failures']) + '/' + str(u['requests']):>9}  {u['stalled_s']:>7.1f}  "
              f"{'PASS' if r['passed'] else 'FAIL'}    "
              f"{r['attackers']}", file=out)
    rows = [r for r in runs if r.get("ran")]
    if rows:
        rss = sorted({r["normal_rss_mib"] for r in rows})
        p50 = sorted({r["normal_user"]["p50_ms"] for r in rows})
        p99 = sorted({r["normal_user"]["p99_ms"] for r in rows})
        fmt = lambda v: f"{v[0]}" if len(v) == 1 else f"{v[0]}-{v[-1]}"
        print(f"normal: RSS {fmt(rss)} MiB, user p50 {fmt(p50)} ms, p99 {fmt(p99)} ms "
              f"(GET {USER_PATH}, fresh connection each); "
              f"target: peak RSS < normal + {TARGET_GROWTH_MIB} MiB and user p99 < {TARGET_P99_MS} ms; "
              f"'!' = server killed at the RSS cap (real growth larger); stall s = time the user's "
              f"requests spent waiting in requests of 1 s or more", file=out)
    failed = [r["attack"] + " (" + "; ".join(r["reasons"]) + ")" for r in runs if not r["passed"]]
    if failed:
        print("FAIL: " + ", ".join(failed), file=out)
    else:
        print(f"PASS: all {len(runs)} attacks", file=out)
    return 0 if not failed else 1


def select_attacks(only):
    if not only:
        return list(ATTACKS)
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = [n for n in names if n not in ATTACKS]
    if unknown:
        sys.exit(f"http_attacks: unknown attack(s) {', '.join(unknown)}; known: {', '.join(ATTACKS)}")
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", help="HOST:PORT of the running quai serve")
    ap.add_argument("--token", default=os.environ.get("QUAI_TOKEN"), help="API token (or $QUAI_TOKEN)")
    ap.add_argument("--pid", type=int, help="the server's process id (RSS from /proc/PID/status)")
    ap.add_argument("--short", action="store_true", help="CI-sized run (64 MiB bodies, 12 s holds)")
    ap.add_argument("--only", help="comma-separated attack names")
    ap.add_argument("--json", help="write the results to this file")
    ap.add_argument("--rss-cap-mib", type=int, default=6144, help="kill the server past this RSS (MiB)")
    ap.add_argument("--no-table", action="store_true", help="no final table (http_attacks.sh prints one)")
    ap.add_argument("--list", action="store_true", help="print the attack names and exit")
    ap.add_argument("--report", nargs="+", metavar="JSON", help="one table from several --json files")
    a = ap.parse_args()
    names = select_attacks(a.only)
    if a.list:
        print("\n".join(names))
        return 0
    if a.report:
        runs, short = [], False
        for path in a.report:
            with open(path) as f:
                d = json.load(f)
            runs += d["attacks"]
            short = short or d.get("short", False)
        code = print_table(runs)
        if a.json:
            with open(a.json, "w") as f:
                json.dump({"short": short, "attacks": runs, "passed": code == 0}, f, indent=1)
        return code
    if not (a.server and a.token and a.pid):
        ap.error("--server, --token (or $QUAI_TOKEN) and --pid are needed")
    host, _, port = a.server.rpartition(":")
    target = ((host or "127.0.0.1", int(port)), a.token, a.pid)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if not server_status(a.pid)[0]:
        print(f"http_attacks: no server process {a.pid}", file=sys.stderr)
        return 2
    L = limits(a.short)
    if "gzip-body" in names:
        gzip_of_zeros(L["gzip_unpacked"])
    normal = measure_normal(target, L)
    nu = normal["user"]
    print(f"normal: RSS {normal['rss_mib']} MiB, user p50 {nu['p50_ms']} ms, p99 {nu['p99_ms']} ms, "
          f"{nu['failures']}/{nu['requests']} failed", flush=True)
    if nu["requests"] == 0 or nu["failures"] == nu["requests"]:
        print("http_attacks: the signed-in user's requests all fail before any attack (token?)", file=sys.stderr)
        return 2
    runs = []
    for name in names:
        r = run_attack(name, target, L, normal, a.rss_cap_mib << 10)
        runs.append(r)
        if r.get("ran"):
            print(f"  {name}: RSS {r['growth_mib']:+.0f} MiB (peak {r['peak_rss_mib']:.0f}, after "
                  f"{r['rss_after_mib'] or 'dead'}), user p50 {r['user']['p50_ms']} p99 {r['user']['p99_ms']} ms "
                  f"(raw {r['user']['raw_p50_ms']}/{r['user']['raw_p99_ms']}), "
                  f"{r['user']['failures']}/{r['user']['requests']} failed; {r['attackers']}; "
                  f"{'PASS' if r['passed'] else 'FAIL ' + '; '.join(r['reasons'])}", flush=True)
        else:
            print(f"  {name}: not run ({'; '.join(r['reasons'])})", flush=True)
    code = 0 if all(r["passed"] for r in runs) else 1
    if not a.no_table:
        print_table(runs)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"short": a.short, "normal": normal, "attacks": runs, "passed": code == 0}, f, indent=1)
    return code


if __name__ == "__main__":
    sys.exit(main())
