#!/usr/bin/python3
"""Check a folder written by docgen.py.

  /usr/bin/python3 tools/docgen/verify.py DIR

For every manifest record: the truth JSON has the canonical shape and
normalised values (`other`: no fields, no lines); invoice arithmetic adds
up; a receipt has its four fields, each found in <stem>.txt in a printed
form (company and address lines as printed, the date parsed back from one of
the date forms, the total from an amount); a born-digital PDF has embedded fonts and a text layer holding every
line of <stem>.txt; a scanned PDF has no text layer; image files carry
their dpi.

GS1-128 barcodes listed in the manifest: the element string parses, check
digits (SSCC, GTIN), character set and lengths are valid, the values agree
with the truth ((10) lot, (17) expiry with day 00 = month end, (400) PO),
the human-readable line is in <stem>.txt, the module is >= 0.25 mm, and the
bars are decoded back from the page rendered at 300 dpi (born PDFs and
undegraded scans) by the Code 128 decoder of gs1.py: widths -> symbol values
-> checksum -> data, which must equal the manifest's data.

Prints one line per problem and exits 1 if there was any.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
import gs1  # noqa: E402
from content import SCHEMA  # noqa: E402

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEC = re.compile(r"^\d+(\.\d+)?$")
DATE_FIELDS = {"delivery_date", "issue_date", "invoice_date", "due_date", "expiry_date",
               "revision_date", "date"}
NUM_FIELDS = {"quantity", "unit_price", "amount", "total_excl_tax", "total_tax",
              "total_incl_tax", "total"}
RECEIPT_FIELDS = ("company", "date", "address", "total")

# Month names of the receipt languages (fr, en, de, it, nl) and English abbreviations.
MONTH_NAMES = {}
for _names in (["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"],
               ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"],
               ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                "september", "oktober", "november", "dezember"],
               ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                "agosto", "settembre", "ottobre", "novembre", "dicembre"],
               ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december"],
               ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec"]):
    for _i, _n in enumerate(_names):
        MONTH_NAMES[_n] = _i + 1
_MONTH_RE = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DATE_WORDS = re.compile(r"(?<!\d)(\d{1,2})(?:er|\.)?[ -](" + _MONTH_RE + r")[ -](\d{4})(?!\d)",
                        re.IGNORECASE)
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ .,]\d{3})+|\d+)[.,](\d{2})(?![\d])")


def printed_dates(text):
    """Every date that can be read from the text, as ISO strings."""
    import datetime
    out = set()

    def add(y, m, d):
        try:
            out.add(datetime.date(y, m, d).isoformat())
        except ValueError:
            pass
    for d, _, m, y in DATE_NUMERIC.findall(text):
        add(int(y) + (2000 if len(y) == 2 else 0), int(m), int(d))
    for y, m, d in DATE_ISO.findall(text):
        add(int(y), int(m), int(d))
    for d, mon, y in DATE_WORDS.findall(text):
        add(int(y), MONTH_NAMES[mon.lower()], int(d))
    return out


def printed_amounts(text):
    """Every amount with two decimals in the text, normalised (1 250,00 -> 1250.00)."""
    return {f"{int(re.sub(r'[ .,]', '', i))}.{f}" for i, f in AMOUNT.findall(text)}


def check_receipt_text(t, lines, problems, stem):
    """Each receipt truth value is findable in the printed text."""
    f = t["fields"]
    text = [ln for ln in lines if ln != "\f"]
    if any(k not in f for k in RECEIPT_FIELDS):
        return  # reported by check_truth
    if not any(f["company"] in ln for ln in text):
        problems.append(f"{stem}: company {f['company']!r} not printed")
    street, sep, locality = f["address"].rpartition(", ")
    ok = bool(sep) and any(
        street in ln and (locality in ln[ln.index(street) + len(street):]
                          or (i + 1 < len(text) and text[i + 1] == locality))
        for i, ln in enumerate(text))
    if not ok:
        problems.append(f"{stem}: address {f['address']!r} not printed as street + locality")
    joined = "\n".join(text)
    if f["date"] not in printed_dates(joined):
        problems.append(f"{stem}: date {f['date']} not found among the printed dates")
    if f["total"] not in printed_amounts(joined):
        problems.append(f"{stem}: total {f['total']} not found among the printed amounts")


def squash(s):
    return re.sub(r"\s+", "", s)


def check_truth(t, problems, stem):
    if t.get("document_type") not in SCHEMA:
        problems.append(f"{stem}: unknown document_type {t.get('document_type')!r}")
        return
    head, line_keys = SCHEMA[t["document_type"]]
    if set(t) != {"document_type", "fields", "lines"}:
        problems.append(f"{stem}: top-level keys {sorted(t)}")
    if t["document_type"] == "other" and (t["fields"] or t["lines"]):
        problems.append(f"{stem}: 'other' must have no fields and no lines")
    if t["document_type"] == "receipt":
        if sorted(t["fields"]) != sorted(RECEIPT_FIELDS) or t["lines"]:
            problems.append(f"{stem}: a receipt has exactly {RECEIPT_FIELDS} and no lines")
        elif ", " not in t["fields"]["address"]:
            problems.append(f"{stem}: address without ', ' between street and locality")
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
    raw = None
    for ln in txt_lines:
        if ln != "\f" and squash(ln) not in layer:
            # pdftotext's reading order splits space-padded monospaced lines
            # into columns and joins a line ending in '-' to the next (receipt
            # rules): look again in content-stream order.
            if raw is None:
                raw = squash(run(["pdftotext", "-raw", path, "-"]))
            if squash(ln) not in raw:
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


def page_image(folder, r, page, tmp):
    """Grey page image (numpy array, dpi) to decode bars from, or None when
    the page is tilted or rotated (degraded scans are left to zxing)."""
    import numpy as np
    from PIL import Image
    info = r["page_info"][page - 1]
    if info["rotation"] or info["tilt"]:
        return None
    path = os.path.join(folder, r["files"][0])
    if r["form"] == "born" or r["scan_format"] == "pdf":
        dpi = 300 if r["form"] == "born" else r["dpi"]
        root = os.path.join(tmp, f"p{page}")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page),
                        "-singlefile", path, root], check=True)
        with Image.open(root + ".pgm") as im:
            return np.asarray(im.convert("L"), dtype=np.float32), dpi
    with Image.open(path) as im:
        im.seek(page - 1)
        return np.asarray(im.convert("L"), dtype=np.float32), r["dpi"]


def decode_bars(folder, r, problems):
    """Decode every GS1-128 (and plain Code 128) of the manifest from the page."""
    todo = [bc for bc in r.get("barcodes", []) if bc["format"] in ("GS1-128", "Code128")]
    if not todo:
        return 0, 0
    done = skipped = 0
    with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
        pages = {}
        for bc in todo:
            p = bc["page"]
            if p not in pages:
                pages[p] = page_image(folder, r, p, tmp)
            if pages[p] is None:
                skipped += 1
                continue
            img, dpi = pages[p]
            k = dpi / 72.0
            x0, y0, x1, y1 = bc["bbox"]
            is_gs1 = bc["format"] == "GS1-128"
            pad = 4 * (x1 - x0) / gs1.module_count(gs1.encode(bc["data"], is_gs1))
            xa, xb = int((x0 - pad) * k), int((x1 + pad) * k) + 1
            errors = []
            for f in (0.5, 0.3, 0.7):
                row = img[int((y0 + (y1 - y0) * f) * k), xa:xb]
                try:
                    data = gs1.decode_widths(gs1.scan_row(row), is_gs1)
                except ValueError as e:
                    errors.append(str(e))
                    continue
                if data != bc["data"]:
                    errors.append(f"decoded {data!r}")
                    continue
                done += 1
                break
            else:
                what = bc.get("element_string") or bc["data"]
                problems.append(f"{r['stem']}: {bc['format']} {what} not decoded "
                                f"from the page: {errors[0]}")
    return done, skipped


def main():
    folder = sys.argv[1]
    gs1.self_test()
    problems, n = [], 0
    decoded = skipped = 0
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
        if truth.get("document_type") == "receipt":
            check_receipt_text(truth, lines, problems, stem)
        problems += [f"{stem}: {p}" for p in checks.gs1_problems(r.get("barcodes", []),
                                                                  truth, lines)]
        d, s = decode_bars(folder, r, problems)
        decoded, skipped = decoded + d, skipped + s
        main_file = os.path.join(folder, r["files"][0])
        if r["form"] == "born":
            check_born(main_file, lines, problems, stem)
        else:
            check_scan(main_file, r["scan_format"], r["dpi"], problems, stem)
    for p in problems:
        print(p)
    sys.stdout.flush()
    print(f"{n} documents checked, {len(problems)} problems; Code 128 / GS1-128 barcodes "
          f"decoded from the pages: {decoded} (+{skipped} on tilted/rotated scans not tried)",
          file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
