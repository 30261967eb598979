#!/usr/bin/python3
"""Score quai's ERP findings against an erpgen set.

    score.py --expected OUT/expected.jsonl --findings FINDINGS.jsonl [--json]

FINDINGS.jsonl: one object per document as `quai erp findings --json` prints it:
{"original_name": "doc-0001.pdf", "document_type": ..., "findings":
 [{"code", "severity": "block"|"warn"|"info", "field", "message"}]}.

An injected discrepancy is found when a finding with its code is on the document
(the field is compared too, as a secondary figure). A clean document is blocked
when it has a finding of severity "block" whose code is not among its tolerated
codes. Findings on injected documents other than the expected code (and the
tolerated ones) are listed as extra. Always exits 0: it reports.
"""
import argparse
import json
import os
import sys


def load_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"score: {path}:{n}: not JSON ({e})", file=sys.stderr)
    return out


# The codes of the rules checked against the ERP (the list, plus the
# supplier that cannot be paired and the ERP that does not answer); the others
# come from checking the document's own values (totals, unread lines).
ERP_CODES = {"po_not_found", "po_closed", "supplier_mismatch", "supplier_not_found", "article_not_on_po",
             "quantity_over_open", "unit_mismatch", "expired", "shelf_life_short", "lot_missing",
             "price_mismatch", "quantity_not_received", "duplicate_invoice", "vat_number_mismatch",
             "iban_changed", "erp_unavailable"}


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--findings", required=True)
    ap.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    a = ap.parse_args()
    expected = load_jsonl(a.expected)
    found = {}
    for r in load_jsonl(a.findings):
        name = os.path.basename(r.get("original_name") or r.get("file") or "")
        found.setdefault(name, []).extend(r.get("findings") or [])
    seen_names = set(found)

    per_code = {}          # code -> [total, found, field ok]
    missed, clean_blocked, extra, missing_docs = [], [], [], []
    n_inj = n_found = n_field = 0
    n_clean = 0
    extra_blocking = 0
    for e in expected:
        name = e["file"]
        fs = found.get(name, [])
        if name not in seen_names:
            missing_docs.append(name)
        tol = set(e.get("tolerated", []))
        exp = e.get("expected", [])
        codes = {x["code"] for x in exp}
        if not exp:
            n_clean += 1
            blocking = [f for f in fs if f.get("blocking", f.get("severity") == "block") and f.get("code") not in tol]
            if blocking:
                clean_blocked.append((e, blocking))
            continue
        for x in exp:
            c = x["code"]
            pc = per_code.setdefault(c, [0, 0, 0])
            pc[0] += 1
            n_inj += 1
            hits = [f for f in fs if f.get("code") == c]
            if hits:
                pc[1] += 1
                n_found += 1
                ok_fields = set(x.get("fields") or [x.get("field")])
                if any(f.get("field") in ok_fields for f in hits):
                    pc[2] += 1
                    n_field += 1
            else:
                missed.append((e, x, fs))
        others = [f for f in fs if f.get("code") not in codes and f.get("code") not in tol]
        if others:
            extra.append((e, others))
            extra_blocking += sum(1 for f in others if f.get("severity") == "block")

    print(f"documents: {len(expected)} expected, {len(seen_names)} in findings"
          + (f", {len(missing_docs)} absent from findings" if missing_docs else ""))
    print(f"discrepancies found with the right code: {n_found}/{n_inj} ({pct(n_found, n_inj):.1f} %)"
          f"; with the right field too: {n_field}/{n_inj} ({pct(n_field, n_inj):.1f} %)")
    for c in sorted(per_code):
        t, f, fl = per_code[c]
        print(f"  {c:24s} {f:4d}/{t:<4d} ({pct(f, t):5.1f} %)  field {fl}/{t}")
    erp_blocked = [(e, fs) for e, fs in clean_blocked if any(f.get("code") in ERP_CODES for f in fs)]
    print(f"clean documents given a blocking finding: {len(clean_blocked)}/{n_clean} ({pct(len(clean_blocked), n_clean):.1f} %);"
          f" by an ERP rule: {len(erp_blocked)}/{n_clean} ({pct(len(erp_blocked), n_clean):.1f} %)")
    for e, fs in clean_blocked:
        print(f"  {e['file']} ({e.get('source', '')}, {e['document_type']}): "
              + "; ".join(f"{f.get('code')} {f.get('field', '')} {f.get('message', '')}".strip() for f in fs))
    print(f"injected documents with extra findings: {len(extra)} ({extra_blocking} extra blocking findings)")
    for e, fs in extra:
        print(f"  {e['file']} ({e.get('source', '')}) expected {[x['code'] for x in e['expected']]}: "
              + "; ".join(f"{f.get('code')}[{f.get('severity')}] {f.get('field', '')}" for f in fs))
    if missed:
        print(f"missed discrepancies: {len(missed)}")
        for e, x, fs in missed:
            print(f"  {e['file']} ({e.get('source', '')}): {x['code']} {x.get('field', '')}; quai said "
                  + (", ".join(f"{f.get('code')}[{f.get('severity')}]" for f in fs) or "nothing"))
    if missing_docs:
        print("absent from findings: " + " ".join(missing_docs[:30]) + (" ..." if len(missing_docs) > 30 else ""))
    if a.json:
        print(json.dumps({"injected": n_inj, "found": n_found, "found_field": n_field,
                          "found_pct": round(pct(n_found, n_inj), 2),
                          "clean": n_clean, "clean_blocked": len(clean_blocked),
                          "clean_blocked_pct": round(pct(len(clean_blocked), n_clean), 2),
                          "clean_blocked_by_erp": len(erp_blocked),
                          "clean_blocked_by_erp_pct": round(pct(len(erp_blocked), n_clean), 2),
                          "per_code": {c: {"total": v[0], "found": v[1], "field": v[2]} for c, v in per_code.items()},
                          "extra_docs": len(extra), "missing_docs": len(missing_docs)}))
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as ex:     # reports, never fails the caller
        print(f"score: error: {ex}", file=sys.stderr)
    sys.exit(0)
