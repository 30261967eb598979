#!/usr/bin/python3
"""Folder intake under kills (bench/folder_intake.sh): files dropped in bursts
into two watched folders (one with file events, one polled as a network share
is), some written slowly over 10 s, `quai serve` killed with kill -9 at random
moments and restarted at once. At the end every file must be one document
(none lost, none twice), every file must be in done/, the junk files in
refused/ with their reason; and each file must have been taken (moved to done/)
within the stability delay + 2 s of its last write: median and p95 printed.
Standard library only."""
import hashlib, os, random, signal, sqlite3, statistics, struct, subprocess, sys, threading, time, zlib


def png(seed):
    # A small valid grayscale PNG whose pixels depend on `seed`: unique bytes per file.
    rng = random.Random(seed)
    width, height = 64, 48
    raw = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(width)) for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class Serve:
    def __init__(self, quai, data, log):
        self.quai, self.data, self.log, self.process = quai, data, log, None

    def start(self):
        self.process = subprocess.Popen([self.quai, "serve", "--data", self.data, "--listen", "127.0.0.1:0",
                                         "--no-workers"], stdout=self.log, stderr=self.log)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def main():
    quai, work, total, kills, stable = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    rng = random.Random(7)
    data = os.path.join(work, "data")
    folders = {"dock": os.path.join(work, "dock"), "share": os.path.join(work, "share")}
    for path in folders.values():
        os.makedirs(path, exist_ok=True)
    subprocess.run([quai, "source", "add", "folder", "dock", "--data", data, "--path", folders["dock"],
                    "--set", f"stable_seconds={stable}"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([quai, "source", "add", "folder", "share", "--data", data, "--path", folders["share"],
                    "--set", f"stable_seconds={stable}", "--set", "poll_seconds=1"], check=True,
                   stdout=subprocess.DEVNULL)
    log = open(os.path.join(work, "serve.log"), "ab")
    serve = Serve(quai, data, log)
    serve.start()

    last_write = {}  # (folder, name) -> time of its last write
    expected = set()
    lock = threading.Lock()

    def write(folder, name, content, slow):
        path = os.path.join(folders[folder], name)
        if not slow:
            with open(path + ".part", "wb") as f:  # written aside, then renamed in: how scanners drop
                f.write(content)
            os.rename(path + ".part", path)
        else:  # a slow copy over 10 s, in the folder itself
            with open(path, "wb") as f:
                pieces = 10
                size = len(content) // pieces + 1
                for i in range(pieces):
                    f.write(content[i * size:(i + 1) * size])
                    f.flush()
                    if i < pieces - 1:
                        time.sleep(1.0)
        with lock:
            last_write[(folder, name)] = time.time()

    # Watch done/ every 50 ms: the moment a file appears there is when quai took it.
    taken = {}
    stop_watching = threading.Event()

    def watch():
        while not stop_watching.is_set():
            for folder, path in folders.items():
                done = os.path.join(path, "done")
                if os.path.isdir(done):
                    now = time.time()
                    for name in os.listdir(done):
                        taken.setdefault((folder, name), now)
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()

    start = time.time()
    threads = []
    kill_times = sorted(rng.uniform(3, 3 + total / 25) for _ in range(kills))
    written = 0
    burst = 0
    junk = 0
    while written < total:
        size = min(rng.randint(10, 60), total - written)
        for _ in range(size):
            folder = "dock" if written % 2 == 0 else "share"
            name = f"scan-{written:05d}.png"
            content = png(written)

            expected.add(hashlib.sha256(content).hexdigest())
            slow = rng.random() < 0.04
            t = threading.Thread(target=write, args=(folder, name, content, slow))
            t.start()
            threads.append(t)
            written += 1
        if burst % 5 == 0:  # office debris, never taken, and a file quai refuses
            open(os.path.join(folders["dock"], f"~$note-{burst}.docx"), "w").write("lock file")
            open(os.path.join(folders["dock"], f"notes-{burst}.txt"), "w").write("not a document %d" % burst)
            junk += 1
        burst += 1
        pause = rng.uniform(0.5, 2.5)
        deadline = time.time() + pause
        while time.time() < deadline:
            if kill_times and time.time() - start >= kill_times[0]:
                kill_times.pop(0)
                serve.kill()
                serve.start()
            time.sleep(0.05)
    for t in threads:
        t.join()
    while kill_times:  # kills not reached while writing
        time.sleep(rng.uniform(0.5, 2))
        kill_times.pop(0)
        serve.kill()
        serve.start()
    # Wait until everything is in done/ (or 120 s).
    deadline = time.time() + 120 + total / 10
    while time.time() < deadline:
        left = sum(1 for path in folders.values() for name in os.listdir(path)
                   if name.startswith("scan-"))
        if left == 0:
            break
        time.sleep(0.5)
    time.sleep(1)
    stop_watching.set()
    watcher.join()
    serve.stop()

    db = sqlite3.connect(os.path.join(data, "quai.db"))
    stored = [row[0] for row in db.execute("SELECT sha256 FROM documents WHERE source LIKE 'folder:%'")]
    missing, extra = expected - set(stored), set(stored) - expected
    left = [name for path in folders.values() for name in os.listdir(path) if name.startswith("scan-")]
    in_done = sum(1 for path in folders.values() for name in os.listdir(os.path.join(path, "done")))
    refused_dir = os.path.join(folders["dock"], "refused")
    refused = sorted(os.listdir(refused_dir)) if os.path.isdir(refused_dir) else []
    reasons = [name for name in refused if name.endswith(".reason.txt")]
    debris_left = sum(1 for name in os.listdir(folders["dock"]) if name.startswith("~$"))
    latencies = sorted(taken[key] - last_write[key] for key in last_write if key in taken)
    print(f"folder_intake: {total} files in {burst} bursts into 2 folders, {kills} kill -9 of quai serve, "
          f"stability delay {stable:g} s")
    print(f"folder_intake: documents stored {len(stored)} ({len(set(stored))} distinct) of {len(expected)}; "
          f"lost {len(missing)}, unexpected {len(extra)}, duplicates {len(stored) - len(set(stored))}")
    print(f"folder_intake: in done/ {in_done}, still in the folders {len(left)}, junk refused with a reason "
          f"{len(reasons)} of {junk}, office debris left alone {debris_left} of {junk}")
    ok = not missing and not extra and len(stored) == len(set(stored)) and not left and len(reasons) == junk \
        and debris_left == junk
    if latencies:
        median = statistics.median(latencies)
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        by_folder = {}
        for key in last_write:
            if key in taken:
                by_folder.setdefault(key[0], []).append(taken[key] - last_write[key])
        detail = ", ".join(f"{f} median {statistics.median(v):.2f} s p95 {sorted(v)[int(0.95 * (len(v) - 1))]:.2f} s"
                           for f, v in sorted(by_folder.items()))
        within = sum(1 for v in latencies if v <= stable + 2)
        print(f"folder_intake: taken after the last write: median {median:.2f} s, p95 {p95:.2f} s, max "
              f"{latencies[-1]:.2f} s ({detail}); within delay + 2 s: {within} of {len(latencies)}")
        ok = ok and median <= stable + 2
    print("folder_intake: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
