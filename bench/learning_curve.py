#!/usr/bin/python3
"""Learning curve of layout memory: for every (supplier, type) of a docgen
corpus, its first 5 documents are validated one batch at a time (`quai learn`)
and its next 10 are read (`quai eval --data`) after 0, 1, 3 and 5 of them.

    bench/learning_curve.py CORPUS WORKDIR [--quai build/quai] [--models DIR]

Prints header-field F1, line-item F1, the share auto-accepted and the accuracy
of the auto-accepted documents' fields at each step. Suppliers are those of the
corpus's family (use `eval`: layouts never used in development). Reads docgen's
and tools/gen2's manifests (gen2: tune on `--family train` only)."""
import argparse, collections, json, os, shutil, subprocess, sys


def link(src_dir, stem, files, dst_dir):
    os.makedirs(dst_dir, exist_ok=True)
    for f in files:
        os.symlink(os.path.join(src_dir, f), os.path.join(dst_dir, f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("work")
    ap.add_argument("--quai", default="build/quai")
    ap.add_argument("--models", default="")
    ap.add_argument("--steps", default="0,1,3,5")
    ap.add_argument("--next", type=int, default=10)
    ap.add_argument("--page-cache", default="", help="folder caching pages read (default: inside WORKDIR)")
    a = ap.parse_args()
    corpus = os.path.abspath(a.corpus)
    groups = collections.defaultdict(list)
    for line in open(os.path.join(corpus, "manifest.jsonl")):
        m = json.loads(line)
        # tools/gen2 manifests name the supplier and the file differently.
        m.setdefault("supplier", m.get("supplier_name"))
        m.setdefault("files", [m["file"], m["stem"] + ".json"] if "file" in m else [])
        if m["document_type"] == "other":
            continue
        groups[(m["supplier"], m["document_type"])].append(m)
    steps = [int(s) for s in a.steps.split(",")]
    need = steps[-1] + a.next
    groups = {k: sorted(v, key=lambda m: m["stem"]) for k, v in groups.items() if len(v) >= need}
    if not groups:
        sys.exit(f"no (supplier, type) with {need} documents in {corpus}")
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    for key, docs in groups.items():
        for m in docs[steps[-1]:need]:
            link(corpus, m["stem"], m["files"], os.path.join(a.work, "next"))
        for i, m in enumerate(docs[:steps[-1]]):
            step = next(s for s in steps if s > i)
            link(corpus, m["stem"], m["files"], os.path.join(a.work, f"learn-{step}"))
    data = os.path.join(a.work, "data")
    cache = a.page_cache or os.path.join(a.work, "page-cache")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    models = ["--models", a.models] if a.models else []
    print(f"{len(groups)} (supplier, type) groups from {corpus}; next {a.next} documents each read after each step")
    print(f"{'validated':>9}  {'header F1':>9}  {'line F1':>8}  {'auto-accepted':>13}  {'their fields right':>18}")
    rows = []
    for step in steps:
        if step > 0:
            r = subprocess.run([a.quai, "learn", os.path.join(a.work, f"learn-{step}"), "--data", data],
                               env=env, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("quai learn failed:\n" + r.stdout[-3000:] + r.stderr[-3000:])
        r = subprocess.run([a.quai, "eval", os.path.join(a.work, "next"), "--data", data, "--page-cache", cache,
                            "--json"] + models, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("quai eval failed:\n" + r.stderr[-3000:])
        o = json.loads(r.stdout)["overall"]
        row = (step, o["header_fields"]["all"]["f1"], o["line_fields"]["all"]["f1"] if "line_fields" in o else float("nan"),
               o["auto_accepted"]["share"], o["auto_accepted_field_accuracy"]["share"])
        rows.append(row)
        right = "-" if row[4] is None else f"{100 * row[4]:.2f}%"  # none accepted
        print(f"{row[0]:>9}  {row[1]:>9.4f}  {row[2]:>8.4f}  {100 * row[3]:>12.1f}%  {right:>18}", flush=True)
    last = rows[-1]
    print(f"RESULT after {last[0]} validated documents per supplier: header F1 {last[1]:.4f} (target 0.99), "
          f"auto-accepted {100 * last[3]:.1f}% (target 70%) with "
          f"{'-' if last[4] is None else f'{100 * last[4]:.2f}%'} of their fields right (target 99.5%)")


if __name__ == "__main__":
    main()
