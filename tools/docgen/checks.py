"""Self-checks run on every generated document.

- every truth value must be printed (as its printed string) on the page;
- no text may run off the page or overlap other text.
A failure here is a generator bug, so it is reported loudly.
"""
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
    """Text outside the margins or overlapping other text (per page)."""
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
