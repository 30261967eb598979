#!/usr/bin/python3
"""Summarises `quai eval --json` on gen2 folders and sorts its errors by mechanism.

  eval_report.py EVAL_JSON FOLDER [FOLDER ...]

Per type and per form (born-digital, scan): header F1, line F1, type accuracy;
per field: TP/FP/FN; then the failure kinds: each error of the report is put
in a mechanism class using the folder's manifest.jsonl (the title, label,
layout, number style and date form the document printed).
"""

import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "..", "config", "schemas")
DATE_FIELDS = {"delivery_date", "invoice_date", "due_date", "issue_date", "expiry_date", "revision_date"}
NUMBER_FIELDS = {"quantity", "unit_price", "amount", "total_excl_tax", "total_tax", "total_incl_tax"}


def f1(tp, fp, fn):
    d = 2 * tp + fp + fn
    return 1.0 if d == 0 else 2 * tp / d


def lexicon():
    """Schema labels and keywords (lower case), to tell whether a printed label is known."""
    labels, keywords = collections.defaultdict(set), set()
    for name in os.listdir(SCHEMAS):
        s = json.load(open(os.path.join(SCHEMAS, name), encoding="utf-8"))
        keywords.update(k.lower() for k in s.get("keywords", []))
        for f in s["fields"] + s["lines"]:
            labels[f["name"]].update(l.lower() for l in f.get("labels", []))
    return labels, keywords


def known(label, names):
    l = label.lower().rstrip(" :.#°").replace("n°", "").strip()
    return any(l == k.rstrip(" .:#°").replace("n°", "").strip() for k in names)


def plain(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def classify(err, doc, man, labels, keywords):
    field, truth, pred = err["field"], err["truth"], err["predicted"]
    line = err["truth_line"] is not None or err["predicted_line"] is not None
    what = "missed" if pred is None else ("extra" if truth is None else "wrong")
    if field == "document_type":
        t = man["title"]
        has_keyword = any(k in t.lower() for k in keywords)
        return f"type: title '{t}' ({man['lang']}) read as {pred}" + ("" if has_keyword else " [no schema keyword in it]")
    if not doc["type_right"]:
        return f"fields of the wrong type ({doc['truth_type']} read as {doc['predicted_type']})"
    if line and err["truth_line"] is not None and err["predicted_line"] is None:
        return f"line not found (table style {man['table_style']})"
    if line and err["truth_line"] is None:
        return "extra predicted line"
    if field in NUMBER_FIELDS and what == "wrong":
        t, p = plain(truth), plain(pred)
        if t is not None and p is not None and "." in truth and len(truth.split(".")[1]) == 3 and abs(p - t * 1000) < 1e-6:
            return f"{field}: three decimals read as thousands ({man['number_style']})"
        if t is not None and p is not None and abs(p + t) < 1e-9:
            return f"{field}: sign lost"
        return f"{field}: number wrong ({man['number_style']})"
    if field in DATE_FIELDS and what != "extra":
        form = man["line_date_form"] if line else man["date_form"]
        if not line and man.get("place_date") and field in ("delivery_date", "invoice_date", "issue_date"):
            return f"{field} {what}: date after the city, no label"
        label = (man.get("column_labels") if line else man.get("field_labels", {})).get(field, "?")
        return f"{field} {what}: date form {form}" + ("" if known(label, labels[field]) else f", label '{label}' not in lexicon")
    if field == "po_number" and what == "missed":
        if man.get("bare"):
            return "po_number missed: printed alone beside the logo"
        if man.get("subject"):
            return "po_number missed: in a sentence ('Your order … dated …')"
    if field == "unit" and what != "extra":
        return f"unit {what}: '{truth}'"
    if field == "supplier_name":
        return f"supplier_name {what}"
    if line:
        label = man.get("column_labels", {}).get(field, "?")
        tag = "" if known(label, labels[field]) else " [not in lexicon]"
        return f"line {field} {what}: column '{label}'{tag}, table {man['table_style']}"
    label = man.get("field_labels", {}).get(field)
    if label is None:
        return f"{field} {what}" + (" (not printed)" if truth is None else "")
    tag = "" if known(label, labels[field]) else " [not in lexicon]"
    return f"{field} {what}: label '{label}'{tag}, layout {man['header_layout']}"


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    manifests = {}
    for folder in sys.argv[2:]:
        for l in open(os.path.join(folder, "manifest.jsonl"), encoding="utf-8"):
            e = json.loads(l)
            manifests[e["file"]] = e
    labels, keywords = lexicon()
    docs = report["documents"]
    table = collections.defaultdict(lambda: collections.Counter())
    for d in docs:
        for key in ("all", "type:" + d["truth_type"], "form:" + d["group"], f"{d['truth_type']}/{d['group']}"):
            c = table[key]
            c["n"] += 1
            c["type_right"] += d["type_right"]
            for part in ("header_fields", "line_fields"):
                for k in ("tp", "fp", "fn"):
                    c[part + k] += d[part][k]
    print(f"{'set':44} {'docs':>4} {'type acc':>8} {'header F1':>9} {'line F1':>8}")
    for key in sorted(table, key=lambda k: (k != "all", k.count("/"), k)):
        c = table[key]
        h = f1(c["header_fieldstp"], c["header_fieldsfp"], c["header_fieldsfn"])
        ln = c["line_fieldstp"] + c["line_fieldsfp"] + c["line_fieldsfn"]
        lf = f"{f1(c['line_fieldstp'], c['line_fieldsfp'], c['line_fieldsfn']):.3f}" if ln else "-"
        print(f"{key:44} {c['n']:4d} {c['type_right'] / c['n']:8.1%} {h:9.3f} {lf:>8}")
    print()
    holdout_only = set()
    sys.path.insert(0, HERE)
    from gen2lib import vocab
    for by_lang in vocab.TITLES.values():
        for items in by_lang.values():
            holdout_only.update(i[1:] for i in items if i.startswith("~"))
    attrs = [("title", lambda m: "held-out title" if m["title"] in holdout_only else "title train also shows"),
             ("lang", lambda m: m["lang"]), ("header layout", lambda m: m["header_layout"]),
             ("table style", lambda m: m["table_style"]), ("number style", lambda m: m["number_style"]),
             ("date form", lambda m: m["date_form"])]
    for name, key in attrs:
        groups = collections.defaultdict(collections.Counter)
        for d in docs:
            man = manifests.get(d["name"])
            if man is None:
                continue
            c = groups[key(man)]
            c["n"] += 1
            c["type_right"] += d["type_right"]
            for part in ("header_fields", "line_fields"):
                for k in ("tp", "fp", "fn"):
                    c[part + k] += d[part][k]
        print(f"by {name:40} {'docs':>4} {'type acc':>8} {'header F1':>9} {'line F1':>8}")
        for g, c in sorted(groups.items()):
            h = f1(c["header_fieldstp"], c["header_fieldsfp"], c["header_fieldsfn"])
            ln = c["line_fieldstp"] + c["line_fieldsfp"] + c["line_fieldsfn"]
            lf = f"{f1(c['line_fieldstp'], c['line_fieldsfp'], c['line_fieldsfn']):.3f}" if ln else "-"
            print(f"   {g:40} {c['n']:4d} {c['type_right'] / c['n']:8.1%} {h:9.3f} {lf:>8}")
        print()
    o = report["overall"]
    print("auto-accepted:", o["auto_accepted"], " fully right:", o["fully_right"])
    print()
    print("per field (all documents)      TP   FP   FN     F1")
    fields = collections.defaultdict(collections.Counter)
    for t in o["types"].values():
        for part in ("header_fields", "line_fields"):
            for name, c in t[part]["by_field"].items():
                key = ("line " if part == "line_fields" else "") + name
                for k in ("tp", "fp", "fn"):
                    fields[key][k] += c[k]
    for name, c in sorted(fields.items()):
        print(f"  {name:28} {c['tp']:4d} {c['fp']:4d} {c['fn']:4d}  {f1(c['tp'], c['fp'], c['fn']):.3f}")
    print()
    kinds = collections.Counter()
    examples = {}
    for d in docs:
        man = manifests.get(d["name"])
        if man is None:
            continue
        for err in d["errors"]:
            k = classify(err, d, man, labels, keywords)
            kinds[k] += 1
            examples.setdefault(k, f"{d['name']}: {err['location']} truth {err['truth']!r} predicted {err['predicted']!r}")
    print("failure kinds (errors, first example)")
    for k, n in kinds.most_common():
        print(f"  {n:4d}  {k}\n          e.g. {examples[k]}")


if __name__ == "__main__":
    main()
