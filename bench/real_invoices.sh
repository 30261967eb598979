#!/usr/bin/env bash
# The real supplier invoices of ../shared/samples/invoices (invoice2data's test
# set): converts their expected values to quai's canonical truth (key mapping in
# that folder's README), runs `quai eval`, and prints, for invoice_number,
# invoice_date, total_incl_tax and currency, how many of the invoices are right
# and every miss with what quai read instead.
#   usage: bench/real_invoices.sh [SAMPLES_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES=${1:-../shared/samples/invoices}
OUT=${BENCH_DIR:-$PWD/build/bench-real-invoices}
rm -rf "$OUT"
mkdir -p "$OUT"
/usr/bin/python3 - "$SAMPLES" "$OUT" <<'PY'
import json, os, shutil, sys
samples, out = sys.argv[1], sys.argv[2]
mapping = {"issuer": "supplier_name", "invoice_number": "invoice_number", "date": "invoice_date",
           "amount": "total_incl_tax", "amount_untaxed": "total_excl_tax", "amount_tax": "total_tax",
           "currency": "currency", "vat": "supplier_vat_number"}
for name in sorted(os.listdir(samples)):
    if not name.endswith(".json"):
        continue
    stem = name[:-5]
    expected = json.load(open(os.path.join(samples, name)))[0]
    fields = {}
    for key, field in mapping.items():
        if key in expected:
            value = expected[key]
            fields[field] = f"{value:.2f}" if isinstance(value, float) else str(value)
    json.dump({"document_type": "invoice", "fields": fields, "lines": []},
              open(os.path.join(out, stem + ".json"), "w"), ensure_ascii=False, indent=1)
    shutil.copy(os.path.join(samples, stem + ".pdf"), out)
PY
build/quai eval "$OUT" ${QUAI_MODELS:+--models "$QUAI_MODELS"} --json > "$OUT/report.json"
build/quai eval "$OUT" ${QUAI_MODELS:+--models "$QUAI_MODELS"} | tail -n 40
/usr/bin/python3 - "$OUT/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print("\nKey fields on the real invoices (target: right on at least 9 of 11 each):")
docs = report.get("documents", [])
for field in ("invoice_number", "invoice_date", "total_incl_tax", "currency"):
    misses = [(d["name"], e) for d in docs for e in d.get("errors", []) if e.get("field") == field]
    print(f"  {field:16s} right on {len(docs) - len(misses)} of {len(docs)}")
    for name, e in misses:
        print(f"      miss {name}: expected {e.get('truth')!r}, read {e.get('predicted')!r}")
PY
