#!/usr/bin/python3
"""gen2: a second, independent generator of supplier documents (see README.md).

  gen2.py --out DIR --count N --seed S --form born|scan|mixed --family train|holdout [--types T ...]
  gen2.py --verify DIR
  gen2.py --families-apart TRAIN_DIR HOLDOUT_DIR

Writes <stem>.<pdf|png|tif|jpg> with <stem>.json (the truth quai eval reads)
beside it, and manifest.jsonl (per document: supplier, language, template,
and the printed form of every truth value, which --verify looks for).
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gen2lib import documents, formats, render, scan, suppliers, vocab  # noqa: E402

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "config", "schemas")
DATE_FIELDS = {"delivery_date", "invoice_date", "due_date", "issue_date", "expiry_date", "revision_date"}
NUMBER_FIELDS = {"quantity", "unit_price", "amount", "total_excl_tax", "total_tax", "total_incl_tax"}
TYPE_ALIASES = {"dn": "delivery_note", "coc": "certificate_of_conformity", "sds": "safety_data_sheet",
                "inv": "invoice", "cn": "credit_note"}


def pick_kind(rng, types):
    weights = [(k, w) for k, w in documents.KIND_WEIGHTS
               if not types or k in types or documents.KINDS[k] in types]
    if not weights:
        sys.exit(f"gen2: no document kind matches --types {types}")
    total = sum(w for _, w in weights)
    x = rng.uniform(0, total)
    for k, w in weights:
        x -= w
        if x <= 0:
            return k
    return weights[-1][0]


def generate(args):
    os.makedirs(args.out, exist_ok=True)
    sups = suppliers.suppliers(args.family)
    types = [TYPE_ALIASES.get(t, t) for t in (args.types or [])]
    manifest = []
    for i in range(args.count):
        rng = random.Random(f"gen2/{args.seed}/{args.family}/{i}")
        kind = pick_kind(rng, types)
        sup = rng.choice(sups)
        n_lines = None
        if rng.random() < 0.12 and kind in ("delivery_note", "invoice"):
            n_lines = rng.randint(24, 48)  # runs over several pages
        doc = documents.build(kind, sup, rng, args.family, n_lines)
        form = args.form if args.form != "mixed" else rng.choice(["born", "born", "scan"])
        stem = f"g2{args.family[0]}-{args.seed}-{i:04d}"
        base = os.path.join(args.out, stem)
        render_seed = f"gen2-render/{args.seed}/{args.family}/{i}"
        entry = {"stem": stem, "family": args.family, "kind": kind, "document_type": doc.doc_type,
                 "supplier_name": sup.name, "lang": doc.lang, "form": form, "title": doc.title,
                 "header_layout": sup.header_layout, "header_pos": sup.header_pos, "table_style": sup.table_style,
                 "number_style": sup.number_style, "date_form": sup.date_form, "line_date_form": sup.line_date_form,
                 "font": sup.font, "labels": [l for _, l, _ in doc.header] + [l for _, l, _ in doc.columns] +
                 [l for l, _ in doc.totals], "bare": doc.bare, "subject": doc.subject, "place_date": doc.place_date,
                 "field_labels": {**{k: l for k, l, _ in doc.header}, **doc.meta.get("total_labels", {})},
                 "column_labels": {k: l for k, l, _ in doc.columns}, "printed": doc.printed,
                 "printed_lines": doc.printed_lines}
        if form == "born":
            pages = render.render_pdf(doc, lambda: random.Random(render_seed), base + ".pdf")
            entry.update(file=stem + ".pdf", pages=pages)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                pdf = os.path.join(tmp, "d.pdf")
                pages = render.render_pdf(doc, lambda: random.Random(render_seed), pdf, scan_marks=True)
                dpi = rng.choice([200, 240, 300])
                imgs = [scan.degrade(im, rng, rng.choice(["mild", "hard"])) for im in scan.rasterize(pdf, dpi)]
                path = scan.save(imgs, base, rng.choice(["png", "tif", "jpg", "pdf"]), dpi, rng)
            entry.update(file=os.path.basename(path), pages=pages, dpi=dpi)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump(doc.truth(), f, ensure_ascii=False, indent=1)
            f.write("\n")
        manifest.append(entry)
    with open(os.path.join(args.out, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for e in manifest:
            f.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"gen2: {len(manifest)} documents ({args.family}, {args.form}) in {args.out}")


def norm(text):
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def load_schemas():
    out = {}
    for name in os.listdir(SCHEMAS):
        if name.endswith(".json"):
            s = json.load(open(os.path.join(SCHEMAS, name), encoding="utf-8"))
            out[s["document_type"]] = ({f["name"] for f in s["fields"]}, {f["name"] for f in s["lines"]})
    return out


def check_value(problems, where, field, truth, printed, entry, date_form):
    if field in DATE_FIELDS:
        try:
            iso = dt.date.fromisoformat(truth)
        except ValueError:
            problems.append(f"{where}: {field} {truth!r} is not ISO")
            return
        if formats.parse_date(printed, date_form) != iso:
            problems.append(f"{where}: {field} printed {printed!r} does not read as {truth}")
    elif field in NUMBER_FIELDS:
        if not re.fullmatch(r"-?\d+(\.\d+)?", truth):
            problems.append(f"{where}: {field} {truth!r} is not a plain decimal")
        elif formats.parse_number(printed, entry["number_style"]) != Decimal(truth):
            problems.append(f"{where}: {field} printed {printed!r} does not read as {truth}")
    elif field == "currency":
        if printed not in (truth, documents.CURRENCY_SYMBOL.get(truth)):
            problems.append(f"{where}: currency printed {printed!r} for {truth}")
    elif field == "un_number":
        if re.sub(r"\D", "", printed) != re.sub(r"\D", "", truth):
            problems.append(f"{where}: un_number printed {printed!r} for {truth}")
    elif printed != truth:
        problems.append(f"{where}: {field} printed {printed!r} but truth {truth!r}")


def verify(folder):
    schemas = load_schemas()
    problems = []
    entries = [json.loads(l) for l in open(os.path.join(folder, "manifest.jsonl"), encoding="utf-8")]
    for e in entries:
        where = e["stem"]
        path = os.path.join(folder, e["file"])
        if not os.path.exists(path):
            problems.append(f"{where}: {e['file']} missing")
            continue
        truth = json.load(open(os.path.join(folder, e["stem"] + ".json"), encoding="utf-8"))
        dtype = truth["document_type"]
        if dtype not in schemas:
            problems.append(f"{where}: unknown type {dtype}")
            continue
        header_names, line_names = schemas[dtype]
        for k in truth["fields"]:
            if k not in header_names:
                problems.append(f"{where}: field {k} not in the {dtype} schema")
        for line in truth["lines"]:
            for k in line:
                if k not in line_names:
                    problems.append(f"{where}: line field {k} not in the {dtype} schema")
        if len(truth["lines"]) != len(e["printed_lines"]):
            problems.append(f"{where}: {len(truth['lines'])} truth lines, {len(e['printed_lines'])} printed")
        for k, v in truth["fields"].items():
            form = e["date_form"]
            check_value(problems, where, k, v, e["printed"].get(k, ""), e, form)
        for n, (line, printed) in enumerate(zip(truth["lines"], e["printed_lines"])):
            for k, v in line.items():
                form = e["line_date_form"] if k == "expiry_date" else e["date_form"]
                check_value(problems, f"{where} line {n}", k, v, printed.get(k, ""), e, form)
        if dtype == "invoice" and truth["lines"]:
            f = truth["fields"]
            net = sum(Decimal(l["amount"]) for l in truth["lines"])
            if Decimal(f["total_excl_tax"]) != net:
                problems.append(f"{where}: lines add up to {net}, total_excl_tax {f['total_excl_tax']}")
            if Decimal(f["total_excl_tax"]) + Decimal(f.get("total_tax", "0")) != Decimal(f["total_incl_tax"]):
                problems.append(f"{where}: excl + tax != incl")
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout \
            if path.endswith(".pdf") else ""
        if e["form"] == "born":
            flat = norm(text)
            values = list(e["printed"].items()) + [(k, v) for p in e["printed_lines"] for k, v in p.items()]
            for k, v in values:
                if norm(v) not in flat:
                    problems.append(f"{where}: {k} {v!r} not in the text layer")
        else:
            if norm(text):
                problems.append(f"{where}: a scan has a text layer")
            if not e.get("dpi"):
                problems.append(f"{where}: scan without dpi")
    for p in problems:
        print("gen2 verify:", p)
    print(f"gen2 verify: {len(entries)} documents, {len(problems)} problems")
    return 0 if not problems else 1


def families_apart(train_dir, holdout_dir):
    def load(d):
        return [json.loads(l) for l in open(os.path.join(d, "manifest.jsonl"), encoding="utf-8")]
    tr, ho = load(train_dir), load(holdout_dir)
    shared = {e["supplier_name"] for e in tr} & {e["supplier_name"] for e in ho}
    ok = True
    if shared:
        print("gen2: suppliers in both families:", shared)
        ok = False
    # every wording train can print
    train_words = set()
    for table in (vocab.LABELS, vocab.COLUMNS, vocab.TITLES):
        for by_lang in table.values():
            for items in by_lang.values():
                train_words.update(vocab.for_family(items, "train"))
    train_words = {w.split("{")[0] for w in train_words}
    unseen = set()
    for e in ho:
        for label in e["labels"] + [e["title"]]:
            if label.split("{")[0] not in train_words and not any(label.startswith(w) for w in train_words if w):
                unseen.add(label)
    templates = {e["header_layout"] for e in ho} - set(vocab.for_family(suppliers.HEADER_LAYOUTS, "train"))
    templates |= {e["table_style"] for e in ho} - set(vocab.for_family(suppliers.TABLE_STYLES, "train"))
    if not unseen:
        print("gen2: the holdout documents show no wording train never shows")
        ok = False
    if not templates and not any(e["bare"] for e in ho):
        print("gen2: the holdout documents show no layout train never shows")
        ok = False
    leaked = [e["stem"] for e in tr if e["header_layout"] not in vocab.for_family(suppliers.HEADER_LAYOUTS, "train")]
    if leaked:
        print("gen2: train documents with a holdout layout:", leaked)
        ok = False
    print(f"gen2: {len({e['supplier_name'] for e in tr})} train and {len({e['supplier_name'] for e in ho})} holdout "
          f"suppliers, none shared; {len(unseen)} holdout wordings and {len(templates)} layouts train never shows")
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out")
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--form", choices=["born", "scan", "mixed"], default="born")
    p.add_argument("--family", choices=["train", "holdout"], default="train")
    p.add_argument("--types", nargs="*", help="kinds or schema types: delivery_note invoice credit_note "
                   "certificate_of_conformity safety_data_sheet other (dn inv cn coc sds)")
    p.add_argument("--verify", metavar="DIR")
    p.add_argument("--families-apart", nargs=2, metavar=("TRAIN_DIR", "HOLDOUT_DIR"))
    args = p.parse_args()
    if args.verify:
        sys.exit(verify(args.verify))
    if args.families_apart:
        sys.exit(families_apart(*args.families_apart))
    if not args.out:
        p.error("--out is required")
    generate(args)


if __name__ == "__main__":
    main()
