#!/usr/bin/python3
"""Check a folder written by docgen.py.

  /usr/bin/python3 tools/docgen/verify.py DIR

For every manifest record: the truth JSON has the canonical shape and
normalised values; invoice arithmetic adds up; a born-digital PDF has
embedded fonts and a text layer holding every line of <stem>.txt; a
scanned PDF has no text layer; image files carry their dpi.  Prints one
line per problem and exits 1 if there was any.
"""
import json
import os
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from content import SCHEMA  # noqa: E402

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEC = re.compile(r"^\d+(\.\d+)?$")
DATE_FIELDS = {"delivery_date", "issue_date", "invoice_date", "due_date", "expiry_date",
               "revision_date"}
NUM_FIELDS = {"quantity", "unit_price", "amount", "total_excl_tax", "total_tax",
              "total_incl_tax"}


def squash(s):
    return re.sub(r"\s+", "", s)


def check_truth(t, problems, stem):
    head, line_keys = SCHEMA[t["document_type"]]
    if set(t) != {"document_type", "fields", "lines"}:
        problems.append(f"{stem}: top-level keys {sorted(t)}")
    for k, v in list(t["fields"].items()) + [(k, v) for ln in t["lines"] for k, v in ln.items()]:
        if k not in head and k not in line_keys:
            problems.append(f"{stem}: unknown field {k}")
        if not isinstance(v, str) or v != v.strip() or not v:
            problems.append(f"{stem}: bad value {k}={v!r}")
        if k in DATE_FIELDS and not ISO.match(v):
            problems.append(f"{stem}: date not ISO {k}={v}")
        if k in NUM_FIELDS and not DEC.match(v):
            problems.append(f"{stem}: number not plain {k}={v}")
    if t["document_type"] == "invoice":
        f = t["fields"]
        total = sum(Decimal(ln["amount"]) for ln in t["lines"])
        for ln in t["lines"]:
            exp = (Decimal(ln["quantity"]) * Decimal(ln["unit_price"])).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if exp != Decimal(ln["amount"]):
                problems.append(f"{stem}: amount {ln['amount']} != qty x price {exp}")
        if total != Decimal(f["total_excl_tax"]):
            problems.append(f"{stem}: lines sum {total} != total_excl_tax")
        if Decimal(f["total_excl_tax"]) + Decimal(f["total_tax"]) != Decimal(f["total_incl_tax"]):
            problems.append(f"{stem}: excl + tax != incl")


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True).stdout


def check_born(path, txt_lines, problems, stem):
    fonts = run(["pdffonts", path]).splitlines()[2:]
    if not fonts:
        problems.append(f"{stem}: no fonts")
    for f in fonts:
        cols = f.split()  # ... emb sub uni object-id generation
        if cols[-5] != "yes":
            problems.append(f"{stem}: font not embedded: {cols[0]}")
    layer = squash(run(["pdftotext", path, "-"]))
    for ln in txt_lines:
        if ln != "\f" and squash(ln) not in layer:
            problems.append(f"{stem}: text layer lacks {ln!r}")


def check_scan(path, fmt, dpi, problems, stem):
    if fmt == "pdf":
        if run(["pdftotext", path, "-"]).strip():
            problems.append(f"{stem}: scanned PDF has a text layer")
        return
    from PIL import Image
    with Image.open(path) as im:
        got = im.info.get("dpi")
        if not got or round(float(got[0])) != dpi:
            problems.append(f"{stem}: dpi metadata {got} != {dpi}")


def main():
    folder = sys.argv[1]
    problems, n = [], 0
    with open(os.path.join(folder, "manifest.jsonl"), encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    for r in records:
        n += 1
        stem = r["stem"]
        with open(os.path.join(folder, stem + ".json"), encoding="utf-8") as f:
            truth = json.load(f)
        with open(os.path.join(folder, stem + ".txt"), encoding="utf-8") as f:
            lines = f.read().split("\n")[:-1]
        if lines.count("\f") != r["pages"] - 1:
            problems.append(f"{stem}: {lines.count(chr(12))} page breaks in .txt for "
                            f"{r['pages']} pages")
        check_truth(truth, problems, stem)
        main_file = os.path.join(folder, r["files"][0])
        if r["form"] == "born":
            check_born(main_file, lines, problems, stem)
        else:
            check_scan(main_file, r["scan_format"], r["dpi"], problems, stem)
    for p in problems:
        print(p)
    print(f"{n} documents checked, {len(problems)} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
