#!/usr/bin/python3
"""Synthetic supplier documents with ground truth, for quai.

Usage (Debian python, not a venv):
  /usr/bin/python3 tools/docgen/docgen.py --out DIR --family dev|eval|holdout --count N --seed S
      [--types delivery_note,certificate_of_conformity,safety_data_sheet,invoice[,other][,receipt]]
      [--form born|scan|mixed] [--degrade none|mild|heavy] [--dpi 300]
      [--scan-formats pdf,png,jpg,tif] [--rotate-prob 0.0667] [--jobs N]

Writes, per document, <stem>.pdf|png|jpg|tif, <stem>.json (truth),
<stem>.txt (printed strings) and one line in DIR/manifest.jsonl.
See README.md in this folder.
"""
import argparse
import json
import math
import os
import random
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cast  # noqa: E402
import checks  # noqa: E402
import content  # noqa: E402
import draw  # noqa: E402
import render  # noqa: E402
import scan  # noqa: E402

ALL_TYPES = ("delivery_note", "certificate_of_conformity", "invoice", "safety_data_sheet")
# 'other' (none of the four) is only made when asked for, so that the default
# run, and every run without it, stays as it was.
# 'receipt' (shops' till receipts, receipts.py) likewise: a type a company
# declares itself, made only when listed.
KNOWN_TYPES = ALL_TYPES + ("other", "receipt")
SCAN_FORMATS = ("pdf", "png", "jpg", "tif")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--family", required=True, choices=sorted(cast.FAMILIES))
    ap.add_argument("--count", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--types", default=",".join(ALL_TYPES),
                    help="comma-separated document types (default: the four "
                         "built-in types; 'other' and 'receipt' must be asked for)")
    ap.add_argument("--form", default="born", choices=("born", "scan", "mixed"))
    ap.add_argument("--degrade", default="mild", choices=("none", "mild", "heavy"),
                    help="scan degradation (ignored for born-digital documents)")
    ap.add_argument("--dpi", default="300",
                    help="scan resolution, or a comma list to draw from (e.g. 200,300)")
    ap.add_argument("--scan-formats", default=",".join(SCAN_FORMATS),
                    help="image formats to draw from for scans: pdf,png,jpg,tif")
    ap.add_argument("--rotate-prob", type=float, default=1 / 15,
                    help="chance that a scanned page is upside down or sideways "
                         "(only when --degrade is not none)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--start", type=int, default=1,
                    help="index of the first document (to extend a set)")
    a = ap.parse_args(argv)
    a.types = [t.strip() for t in a.types.split(",") if t.strip()]
    for t in a.types:
        if t not in KNOWN_TYPES:
            ap.error(f"unknown type {t}")
    a.scan_formats = [f.strip().lower().replace("jpeg", "jpg").replace("tiff", "tif")
                      for f in a.scan_formats.split(",") if f.strip()]
    for f in a.scan_formats:
        if f not in SCAN_FORMATS:
            ap.error(f"unknown scan format {f}")
    a.dpi = [int(d) for d in a.dpi.split(",")]
    for d in a.dpi:
        if not 72 <= d <= 600:
            ap.error("dpi must be within 72..600")
    if a.count < 0:
        ap.error("--count must be >= 0")
    return a


def pick_supplier(family, doc_type, i, types):
    """Round robin over (supplier, type) so a short run covers every supplier.

    Document i has type types[i % T]; the suppliers of one type are offset
    from those of the next so that each supplier issues every type.
    """
    eligible = [s for s in cast.FAMILIES[family]
                if doc_type in s.doc_types or doc_type == "other"]
    r, ti = divmod(i, len(types))
    offset = math.ceil(len(eligible) / len(types))
    return eligible[(r + ti * offset) % len(eligible)]


def other_slot(family, i, types):
    """Which kind of `other` document index i is (others.CYCLE): pass p over
    the suppliers and supplier position s give p + 3 s, so every supplier
    goes through all kinds, and ten consecutive `other` documents of one
    pass over the suppliers cover every kind."""
    eligible = cast.FAMILIES[family]
    r, ti = divmod(i, len(types))
    k = r + ti * math.ceil(len(eligible) / len(types))
    return k // len(eligible) + 3 * (k % len(eligible))


def mixed_form(i, n_types):
    """Alternate born/scan per document, and per type too: with an even
    number of types a plain i % 2 would make every delivery note born."""
    k = i + (i // n_types if n_types % 2 == 0 else 0)
    return "born" if k % 2 == 0 else "scan"


def make_one(job):
    """Generate document number `index`; returns its manifest record."""
    a, index = job
    i = index - 1
    doc_type = a.types[i % len(a.types)]
    if doc_type == "receipt":
        import receipts
        sup = receipts.pick_shop(a.family, i, a.types)
    else:
        sup = pick_supplier(a.family, doc_type, i, a.types)
    # Separate streams: the content never depends on scan options.
    rng = random.Random(f"{a.seed}/{a.family}/{index}/content")
    srng = random.Random(f"{a.seed}/{a.family}/{index}/scan")
    buyer = rng.choice(cast.BUYERS)
    slot = other_slot(a.family, i, a.types) if doc_type == "other" else None
    c = content.make_content(sup, buyer, doc_type, rng, slot)
    doc = render.render(c)
    lines = doc.text_lines()
    missing = checks.missing_truth(c, lines)
    if missing:
        raise RuntimeError(f"{index}: truth values not printed: {missing}")
    bad = checks.gs1_problems(doc.codes, c.truth(), lines)
    if bad:
        raise RuntimeError(f"{index}: barcodes disagree with the truth: {bad}")
    if doc_type == "receipt":  # till rolls print close to the paper's edge
        problems = checks.layout_problems(doc, margin=6.0, margin_y=6.0)
    else:
        problems = checks.layout_problems(doc)
    stem = f"{a.family}-{content.SHORT[doc_type]}-{index:04d}"
    form = a.form if a.form != "mixed" else mixed_form(i, len(a.types))
    rec = {"stem": stem, "family": a.family, "supplier": sup.id, "supplier_name": sup.name,
           "layout": sup.layout.id, "document_type": doc_type, "form": form,
           "pages": len(doc.pages), "lang": sup.layout.lang,
           "table_style": sup.layout.table_style, "header_style": sup.layout.header_style,
           "po_place": sup.layout.po_place}
    if doc_type == "other":
        rec["other_kind"] = c.extra["kind"]
    if doc_type == "receipt":
        rec.update(shop_kind=sup.kind, country=sup.country, paper=sup.layout.paper,
                   font=sup.layout.font, date_format=sup.layout.date_fmt,
                   number_format=sup.layout.num, currency=sup.currency,
                   total_label=sup.layout.labels["total"])
    rec["barcodes"] = doc.codes
    title = f"{c.extra.get('title') or sup.layout.title(doc_type)} {stem}"
    if form == "born":
        files = [stem + ".pdf"]
        draw.write_pdf(doc, os.path.join(a.out, files[0]), title, sup.name)
        rec.update(dpi=None, degrade="none", scan_format=None, color=None,
                   page_info=[{"rotation": 0, "tilt": 0.0} for _ in doc.pages])
    else:
        dpi = srng.choice(a.dpi)
        formats = a.scan_formats
        if len(doc.pages) > 1:
            # Multi-page documents only go to multi-page formats.
            formats = [f for f in formats if f in ("pdf", "tif")] or ["pdf"]
        fmt = srng.choice(formats)
        bilevel = fmt == "tif" and srng.random() < 0.5
        color = not bilevel and fmt != "tif" and srng.random() < 0.2
        rotate_prob = 0.0 if a.degrade == "none" else a.rotate_prob
        files = [f"{stem}.{fmt}"]
        with tempfile.TemporaryDirectory(prefix="docgen-") as tmp:
            pdf = os.path.join(tmp, "born.pdf")
            draw.write_pdf(doc, pdf, title, sup.name)
            infos = scan.scan_pdf(pdf, os.path.join(a.out, files[0]), fmt, dpi, a.degrade,
                                  srng, rotate_prob, color, bilevel)
        rec.update(dpi=dpi, degrade=a.degrade, scan_format=fmt,
                   color="bilevel" if bilevel else ("color" if color else "gray"),
                   page_info=infos)
    with open(os.path.join(a.out, stem + ".json"), "w", encoding="utf-8") as f:
        json.dump(c.truth(), f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(a.out, stem + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    files += [stem + ".json", stem + ".txt"]
    rec["files"] = files
    return rec, problems


def main(argv=None):
    a = parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    draw.register_fonts()
    jobs = [(a, index) for index in range(a.start, a.start + a.count)]
    t0 = time.time()
    if a.jobs > 1:
        import multiprocessing as mp
        with mp.Pool(a.jobs) as pool:
            results = pool.map(make_one, jobs, chunksize=1)
    else:
        results = [make_one(j) for j in jobs]
    mode = "a" if a.start > 1 else "w"
    with open(os.path.join(a.out, "manifest.jsonl"), mode, encoding="utf-8") as f:
        for rec, problems in results:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            for p in problems:
                print(f"warning: {rec['stem']}: {p}", file=sys.stderr)
    dt = time.time() - t0
    print(f"{len(results)} documents in {a.out} ({dt:.1f} s, "
          f"{dt / max(1, len(results)):.2f} s/document)", file=sys.stderr)


if __name__ == "__main__":
    main()
