"""The sweep behind bench/peer_corpora.sh (see there for the settings)."""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time

DIR, QUAI = sys.argv[1], sys.argv[2]
DOC_SECONDS = float(os.environ.get("PEER_DOC_SECONDS", "120"))
WALL_SECONDS = float(os.environ.get("PEER_WALL_SECONDS", str(DOC_SECONDS + 30)))
RSS_MIB = float(os.environ.get("PEER_RSS_MIB", "1024"))
JOBS = int(os.environ.get("PEER_JOBS", "1"))
MATCH = re.compile(os.environ.get("PEER_MATCH", ""))
OUT = os.environ.get("PEER_OUT") or tempfile.mkdtemp(prefix="peer_corpora-")
os.makedirs(OUT, exist_ok=True)
SCRATCH = tempfile.mkdtemp(prefix="peer_scratch-")


def sniff(path):
    """The type by magic number, as quai's sniffer does for images."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    return "pdf" if path.lower().endswith(".pdf") else "other"


def run(command, seconds):
    try:
        done = subprocess.run(command, capture_output=True, timeout=seconds)
        return done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired:
        return None, b"", b""


# djpeg exits 2 on warnings (and prints the first only); a file that ends before its
# image is not valid, whatever else libjpeg recovers from is.
JPEG_DAMAGE = ("Premature end of JPEG file",)


def library_verdict(path, kind):
    """(valid, how) for an image: valid when its own library decodes it whole."""
    out = os.path.join(SCRATCH, "decoded")
    if kind == "tiff":
        # tiff2rgba goes on past decoding errors (exit 0): every message but a warning counts.
        code, _, err = run(["tiff2rgba", path, out], 120)
        lines = [l for l in err.decode("utf8", "replace").splitlines() if l.strip()]
        # A JPEG-compressed strip cut short is only a warning to libtiff: not valid either.
        return code == 0 and all("Warning" in l and "remature end" not in l for l in lines), "tiff2rgba"
    if kind == "jpeg":
        code, _, err = run(["djpeg", "-outfile", out, path], 120)
        text = err.decode("utf8", "replace")
        damaged = any(d in text for d in JPEG_DAMAGE)
        return code == 0 or (code == 2 and not damaged), "djpeg"
    if kind == "png":
        code, _, _ = run(["pngtopnm", path], 120)
        return code == 0, "pngtopnm"
    return None, ""


def pdfinfo_pages(path):
    code, out, _ = run(["pdfinfo", path], 60)
    if code != 0:
        return None
    match = re.search(rb"^Pages:\s+(\d+)", out, re.M)
    return int(match.group(1)) if match else None


def sweep_one(path):
    kind = sniff(path)
    timing = os.path.join(SCRATCH, "time-%d-%d" % (os.getpid(), abs(hash(path))))
    command = ["timeout", "-s", "KILL", str(int(WALL_SECONDS)), "/usr/bin/time", "-f", "%M %e", "-o", timing,
               QUAI, "ocr", "--json", "--jobs", "1", path]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    seconds = time.monotonic() - started
    row = {"path": os.path.relpath(path, DIR), "kind": kind, "exit": done.returncode, "seconds": round(seconds, 2),
           "rss_mib": None, "signal": None, "pages": None, "error": None,
           # timeout's SIGKILL reaches its whole process group, itself included: -9 or 137.
           "killed": done.returncode in (137, -9) and seconds >= WALL_SECONDS - 1}
    try:
        timing_text = open(timing).read()
        os.unlink(timing)
    except OSError:
        timing_text = ""
    signal = re.search(r"terminated by signal (\d+)", timing_text)
    if signal and not row["killed"]:
        row["signal"] = int(signal.group(1))
    numbers = re.findall(r"^(\d+) ([\d.]+)$", timing_text, re.M)
    if numbers:
        row["rss_mib"] = round(int(numbers[-1][0]) / 1024, 1)
    try:
        result = json.loads(done.stdout.decode("utf8", "replace").strip().splitlines()[-1])
        if "error" in result:
            row["error"] = result["error"]
        else:
            row["pages"] = len(result.get("pages", []))
    except (ValueError, IndexError):
        if not row["killed"] and row["signal"] is None:
            row["error"] = "(no JSON) " + done.stderr.decode("utf8", "replace")[-300:]
    row["stderr_lines"] = len([l for l in done.stderr.decode("utf8", "replace").splitlines()
                               if l and not l.startswith("quai: ")])
    if kind == "pdf":
        row["poppler_pages"] = pdfinfo_pages(path)
    elif kind in ("tiff", "jpeg", "png"):
        row["library_valid"], row["library"] = library_verdict(path, kind)
    return row


def main():
    paths = []
    for root, _, files in os.walk(DIR):
        for name in files:
            path = os.path.join(root, name)
            if MATCH.search(path) and os.path.isfile(path):
                paths.append(path)
    paths.sort()
    print("peer_corpora: %d files in %s, %d at a time, wall limit %d s, document limit %d s; rows in %s/results.tsv"
          % (len(paths), DIR, JOBS, WALL_SECONDS, DOC_SECONDS, OUT), flush=True)
    rows = []
    started = time.monotonic()
    with open(os.path.join(OUT, "results.jsonl"), "w") as log, \
            concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as pool:
        for i, row in enumerate(pool.map(sweep_one, paths), start=1):
            rows.append(row)
            log.write(json.dumps(row) + "\n")
            log.flush()
            if i % 200 == 0:
                print("peer_corpora: %d/%d files, %.0f s" % (i, len(paths), time.monotonic() - started), flush=True)
    with open(os.path.join(OUT, "results.tsv"), "w") as tsv:
        columns = ["path", "kind", "exit", "seconds", "rss_mib", "signal", "killed", "pages", "poppler_pages",
                   "library_valid", "library", "stderr_lines", "error"]
        tsv.write("\t".join(columns) + "\n")
        for row in rows:
            tsv.write("\t".join(str(row.get(c, "")).replace("\t", " ").replace("\n", " ") for c in columns) + "\n")
    report(rows, time.monotonic() - started)


def report(rows, elapsed):
    crashes = [r for r in rows if r["signal"] is not None]
    # A file quai stops at its limit takes the limit plus the moment to stop
    # its reader and say so: 5 s of grace.
    over_time = [r for r in rows if r["killed"] or r["seconds"] > DOC_SECONDS + 5]
    measured = [r for r in rows if r["rss_mib"] is not None]
    over_memory = [r for r in measured if r["rss_mib"] > RSS_MIB]
    read = [r for r in rows if r["pages"] is not None]
    refused = [r for r in rows if r["error"] is not None]
    pdfs = [r for r in rows if r["kind"] == "pdf"]
    mismatched = [r for r in pdfs if r["pages"] is not None and r.get("poppler_pages") is not None
                  and r["pages"] != r["poppler_pages"]]
    # A page poppler cannot build or size is that page's error; the reading refuses a document with one.
    page_level = re.compile(r"page \d+ (cannot be read|has no size|cannot be rendered)")
    pdf_refused = [r for r in pdfs if r["error"] is not None and r.get("poppler_pages")
                   and "password" not in r["error"] and "over the limit" not in r["error"]
                   and not r["killed"]]
    pdf_refused_for_a_page = [r for r in pdf_refused if page_level.search(r["error"])]
    pdf_refused_poppler_opens = [r for r in pdf_refused if not page_level.search(r["error"])]
    over_limit = [r for r in refused if "over the limit" in r["error"]]
    images = [r for r in rows if r["kind"] in ("tiff", "jpeg", "png")]
    valid_refused = [r for r in images if r.get("library_valid") and r["error"] is not None
                     and "over the limit" not in r["error"]]
    unnamed = [r for r in refused if os.path.basename(r["path"]) not in r["error"]]
    stderr_noise = [r for r in rows if r.get("stderr_lines")]
    peak = max(measured, key=lambda r: r["rss_mib"]) if measured else None

    def show(title, items, detail):
        print("  %-44s %d" % (title, len(items)))
        for r in items[:15]:
            print("      %s  %s" % (r["path"], detail(r)))
        if len(items) > 15:
            print("      ... %d more" % (len(items) - 15))

    print("peer_corpora: %d files in %.0f s: %d read, %d refused (%d PDFs, %d images: %d TIFF, %d JPEG, %d PNG)"
          % (len(rows), elapsed, len(read), len(refused), len(pdfs), len(images),
             sum(r["kind"] == "tiff" for r in images), sum(r["kind"] == "jpeg" for r in images),
             sum(r["kind"] == "png" for r in images)))
    show("crashes (signals)", crashes, lambda r: "signal %d" % r["signal"])
    show("past the %d s document limit" % DOC_SECONDS, over_time,
         lambda r: "%.0f s%s, %s MiB" % (r["seconds"], " (killed)" if r["killed"] else "", r["rss_mib"]))
    show("peak RSS over %d MiB" % RSS_MIB, over_memory, lambda r: "%s MiB" % r["rss_mib"])
    if peak:
        print("  %-44s %s MiB (%s)" % ("highest peak RSS", peak["rss_mib"], peak["path"]))
    show("page counts unlike pdfinfo's", mismatched, lambda r: "quai %s, pdfinfo %s" % (r["pages"], r["poppler_pages"]))
    show("valid images refused", valid_refused, lambda r: "(%s decodes it) %s" % (r["library"], r["error"]))
    show("PDFs refused that pdfinfo opens (not locked)", pdf_refused_poppler_opens, lambda r: r["error"])
    show("PDFs refused for one page poppler cannot build", pdf_refused_for_a_page, lambda r: r["error"])
    show("refused over a page, pixel or size limit", over_limit, lambda r: r["error"])
    show("refusals that do not name the file", unnamed, lambda r: r["error"])
    print("  %-44s %d (library messages on stderr: the isolation work ties them to the file)"
          % ("runs with other lines on stderr", len(stderr_noise)))
    failed = crashes or over_time or over_memory or mismatched or valid_refused or pdf_refused_poppler_opens or unnamed
    print("peer_corpora: %s" % ("FAILED" if failed else "all figures met"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
