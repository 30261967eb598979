"""Self-checks run on every generated document.

- every truth value must be printed (as its printed string) on the page;
- no text may run off the page or overlap other text;
- GS1 barcodes must encode what the truth says (also run by verify.py).
A failure here is a generator bug, so it is reported loudly.
"""
import calendar
from datetime import date

import gs1
from draw import width

SDS_CODES = "hazard_statements"


def printed_values(content):
    """(name, printed string) of every value that has a truth."""
    out = []
    for k, v in content.header.items():
        if v.truth is not None:
            out.append((k, v.printed))
    for i, row in enumerate(content.lines):
        for k, v in row.items():
            if v.truth is not None:
                out.append((f"lines[{i}].{k}", v.printed))
    return out


def missing_truth(content, lines):
    """Names of truth values whose printed form is not among the drawn text."""
    flat = " ".join(ln for ln in lines if ln != "\f")
    missing = []
    for name, printed in printed_values(content):
        if name == SDS_CODES:
            if not all(code in flat for code in printed.split(", ")):
                missing.append(name)
        elif "\n" in printed:  # a value printed on several lines (receipt address)
            if not all(part in lines for part in printed.split("\n")):
                missing.append(name)
        elif printed not in flat:
            missing.append(name)
    return missing


def _box(op):
    _, x, y, s, font, size, align, _ = op
    w = width(s, font, size)
    if align == "right":
        x -= w
    elif align == "center":
        x -= w / 2
    return (x, y - size * 0.72, x + w, y + size * 0.2)


def layout_problems(doc, margin=30.0, margin_y=12.0):
    """Text outside the margins or overlapping other text, barcodes (with
    their quiet zones) off the page or under text (per page)."""
    problems = []
    for pi, page in enumerate(doc.pages):
        boxes = []
        for op in page.ops:
            if op[0] != "text":
                continue
            b = _box(op)
            if b[0] < margin or b[2] > doc.w - margin or b[1] < margin_y \
                    or b[3] > doc.h - margin_y:
                problems.append(f"page {pi + 1}: off page: {op[3]!r}")
            boxes.append((b, op[3]))
        for op in page.ops:
            if op[0] != "barcode":
                continue
            _, kind, value, x, y, w, h = op
            q = 0.0
            if kind == "gs1_128":  # quiet zones must stay clear too
                q = gs1.QUIET * w / gs1.module_count(gs1.encode(value))
            bb = (x - q, y, x + w + q, y + h)
            if bb[0] < margin or bb[2] > doc.w - margin or bb[1] < margin_y \
                    or bb[3] > doc.h - margin_y:
                problems.append(f"page {pi + 1}: barcode off page: {value!r}")
            for b, sb in boxes:
                if min(bb[2], b[2]) - max(bb[0], b[0]) > 0.5 and \
                        min(bb[3], b[3]) - max(bb[1], b[1]) > 0.5:
                    problems.append(f"page {pi + 1}: text {sb!r} over barcode {value!r}")
        boxes.sort()
        for i, (a, sa) in enumerate(boxes):
            for b, sb in boxes[i + 1:]:
                if b[0] >= a[2]:
                    break
                ox = min(a[2], b[2]) - max(a[0], b[0])
                oy = min(a[3], b[3]) - max(a[1], b[1])
                if ox > 0.5 and oy > 0.5:
                    problems.append(f"page {pi + 1}: overlap {sa!r} / {sb!r}")
    return problems


def gs1_date_matches(yymmdd, iso):
    """(17) YYMMDD against a truth date; day 00 means the last day of the month."""
    y, m, d = 2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if d == 0:
        d = calendar.monthrange(y, m)[1]
    try:
        return date(y, m, d).isoformat() == iso
    except ValueError:
        return False


def gs1_problems(barcodes, truth, lines):
    """GS1-128 barcodes (manifest records) against the truth and the printed
    text: valid element strings, check digits, character set, at most 48
    data characters, module >= 0.25 mm, HRI printed, (10) (17) (400) equal
    to the truth of their line (delivery notes) or of the header."""
    problems = []
    for bc in barcodes:
        if bc["format"] != "GS1-128":
            continue
        where = f"GS1 {bc['element_string']}"
        try:
            els = gs1.parse(bc["data"])
        except ValueError as e:
            problems.append(f"{where}: {e}")
            continue
        if gs1.element_string(els) != bc["element_string"] or gs1.hri(els) != bc["hri"]:
            problems.append(f"{where}: data, element string and HRI disagree")
        if gs1.data_length(els) > gs1.MAX_DATA:
            problems.append(f"{where}: {gs1.data_length(els)} data characters > 48")
        if bc["hri"] not in lines:
            problems.append(f"{where}: HRI line not in .txt")
        if bc.get("module_mm", 0) < 0.25:
            problems.append(f"{where}: module {bc.get('module_mm')} mm < 0.25 mm")
        x0, _, x1, _ = bc["bbox"]
        n_mod = gs1.module_count(gs1.encode(bc["data"]))
        if (x1 - x0) / n_mod * 25.4 / 72 < 0.2499:
            problems.append(f"{where}: bbox gives a module under 0.25 mm")
        if bc["role"] == "line":
            target = truth["lines"][bc["line"]] if bc["line"] < len(truth["lines"]) else None
        else:
            target = truth["fields"]
        if target is None:
            problems.append(f"{where}: no truth line {bc['line']}")
            continue
        got = dict(els)
        for ai, value in els:
            if not gs1.encodable(ai, value):
                problems.append(f"{where}: ({ai}) {value!r} not a valid GS1 value")
            if ai in ("00", "01") and not gs1.valid_check_digit(value):
                problems.append(f"{where}: ({ai}) bad check digit")
        if "10" in got and got["10"] != target.get("lot_number"):
            problems.append(f"{where}: (10) != truth lot {target.get('lot_number')}")
        if "17" in got and not gs1_date_matches(got["17"], target.get("expiry_date", "")):
            problems.append(f"{where}: (17) != truth expiry {target.get('expiry_date')}")
        if "400" in got and got["400"] != truth["fields"].get("po_number"):
            problems.append(f"{where}: (400) != truth PO")
        if "01" in got:  # an item label carries the item's lot and expiry when it has them
            if "lot_number" in target and gs1.encodable("10", target["lot_number"]) \
                    and "10" not in got:
                problems.append(f"{where}: lot {target['lot_number']} missing")
            if "expiry_date" in target and "17" not in got:
                problems.append(f"{where}: expiry {target['expiry_date']} missing")
    return problems
