#!/usr/bin/python3
"""What layout memory adds to extraction time: the same pages extracted with
the data directory's knowledge (supplier recognition, layout memory) and
without it, `quai extract --json` timings_ms.extract per document, same job.

    bench/memory_cost.py DATA_DIR FILE_OR_FOLDER... [--quai build/quai] [--rounds 3]

Use the data directory and the "next" documents of bench/learning_curve.py
(after its last step every supplier has 5 validated documents)."""
import argparse, glob, json, os, statistics, subprocess


def run(quai, files, data):
    args = [quai, "extract", "--json"] + (["--data", data] if data else []) + files
    out = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, OMP_THREAD_LIMIT="1")).stdout
    times, learned = [], 0
    for line in out.splitlines():
        d = json.loads(line)
        if "timings_ms" in d:
            times.append(d["timings_ms"].get("extract", 0))
            learned += d.get("supplier", {}).get("learned_documents", 0) > 0
    return times, learned


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--quai", default="build/quai")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    files = []
    for p in a.paths:
        files += sorted(f for f in glob.glob(os.path.join(p, "*")) if not f.endswith((".json", ".txt", ".jsonl"))) \
            if os.path.isdir(p) else [p]
    with_memory, without = [], []
    for _ in range(a.rounds):
        t, learned = run(a.quai, files, a.data)
        with_memory.append(statistics.mean(t))
        t, _ = run(a.quai, files, None)
        without.append(statistics.mean(t))
    w, wo = min(with_memory), min(without)
    print(f"{len(files)} documents, {learned} read with a supplier's layout memory")
    print(f"extraction per document: {wo:.2f} ms without the data directory's knowledge, {w:.2f} ms with it")
    print(f"RESULT layout memory and supplier recognition add {w - wo:.2f} ms per document "
          f"(target under 5 ms); ratio {w / wo:.3f}")


if __name__ == "__main__":
    main()
