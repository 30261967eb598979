#!/usr/bin/python3
"""Learning curve of layout memory: for every (supplier, type) of a docgen
corpus, its first 5 documents are validated one batch at a time (`quai learn`)
and its next 10 are read (`quai eval --data`) after 0, 1, 3 and 5 of them.

    bench/learning_curve.py CORPUS WORKDIR [--quai build/quai] [--models DIR]

Prints header-field F1, line-item F1, the share auto-accepted, the accuracy of
the auto-accepted documents' fields and the share of them fully right (every
field of the truth present and right) at each step. Suppliers are those of the
corpus's family (docgen: use `eval`, layouts never used in development). Reads
docgen's and tools/gen2's manifests (gen2: tune on `--family train` only).

With --details (tuning families only: docgen dev or eval, gen2 train), also the
reasons that held the last step's documents and the fields wrong in the
auto-accepted ones. A held-out family (gen2 holdout) is run with
--summary-only: nothing but the summary figures is printed."""
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
    ap.add_argument("--label", default="")
    ap.add_argument("--summary-only", action="store_true", help="a held-out family: print only the summary figures")
    ap.add_argument("--details", action="store_true", help="a tuning family: also why documents were held or wrong")
    ap.add_argument("--page-cache", default="", help="folder caching pages read (default: inside WORKDIR)")
    a = ap.parse_args()
    if a.summary_only and a.details:
        sys.exit("--details prints per-document errors: not on a held-out family (--summary-only)")
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
    print(f"{a.label + ': ' if a.label else ''}{len(groups)} (supplier, type) groups from {corpus}; "
          f"next {a.next} documents each read after each step")
    print(f"{'validated':>9}  {'header F1':>9}  {'line F1':>8}  {'auto-accepted':>13}  {'their fields right':>18}"
          f"  {'fully right':>11}")
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
        report = json.loads(r.stdout)
        o = report["overall"]
        fully = o["auto_accepted_fully_right"]
        row = (step, o["header_fields"]["all"]["f1"], o["line_fields"]["all"]["f1"] if "line_fields" in o else float("nan"),
               o["auto_accepted"]["share"], o["auto_accepted_field_accuracy"]["share"], fully["share"],
               f"{fully['count']}/{fully['total']}")
        rows.append(row)
        right = "-" if row[4] is None else f"{100 * row[4]:.2f}%"  # none accepted
        whole = "-" if row[5] is None else f"{100 * row[5]:.1f}% {row[6]}"
        print(f"{row[0]:>9}  {row[1]:>9.4f}  {row[2]:>8.4f}  {100 * row[3]:>12.1f}%  {right:>18}  {whole:>11}", flush=True)
    last = rows[-1]
    if a.details:
        print_details(report["documents"])
    print(f"RESULT{' (' + a.label + ')' if a.label else ''} after {last[0]} validated documents per supplier: "
          f"header F1 {last[1]:.4f} (target 0.99), auto-accepted {100 * last[3]:.1f}% (target 70%) with "
          f"{'-' if last[4] is None else f'{100 * last[4]:.2f}%'} of their fields right (target 99.5%) and "
          f"{'-' if last[5] is None else f'{100 * last[5]:.1f}% ({last[6]})'} of them fully right (target 98%)")


def print_details(documents):
    """Why the documents were held (reason kinds, by field) and which fields the
    auto-accepted ones got wrong: what a tuning family is read for."""
    held, wrong = collections.Counter(), collections.Counter()
    for d in documents:
        for reason in d["review_reasons"]:
            held[reason.split("lines[")[0] + ("lines." + reason.split("].")[1] if "lines[" in reason else "")] += 1
        if d["auto_accepted"]:
            for e in d["errors"]:
                kind = "missed" if e["predicted"] is None else "extra" if e["truth"] is None else "wrong"
                wrong[f"{kind} {e['field']}"] += 1
    print("held by (reason, count over documents and cells):")
    for k, n in held.most_common(25):
        print(f"  {n:>5}  {k}")
    print("wrong in auto-accepted documents:")
    for k, n in wrong.most_common(25):
        print(f"  {n:>5}  {k}")


if __name__ == "__main__":
    main()
