#!/usr/bin/python3
"""ERP master data at scale for bench/erp_scale.sh: a folder of the four CSV
exports quai's files connector reads (N orders of L lines, suppliers and
articles to match), documents.jsonl (delivery notes, as quai extract --json
values, each on a random order of the copy), and --change K: rewrites the
order lines of K random orders (a new received quantity), as an ERP export
after a day of receipts."""
import argparse, csv, json, os, random

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--orders", type=int, default=100000)
    ap.add_argument("--lines", type=int, default=10, help="lines per order")
    ap.add_argument("--documents", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--change", type=int, default=0, help="only rewrite the received quantity of this many orders")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    suppliers = max(10, a.orders // 100)
    articles = max(100, a.orders // 2)
    os.makedirs(a.out, exist_ok=True)
    lines_path = os.path.join(a.out, "purchase_order_lines.csv")
    if a.change:
        changed = set(rng.sample(range(a.orders), a.change))
        rows = list(csv.reader(open(lines_path, newline="")))
        for row in rows[1:]:
            order = int(row[0][2:])
            if order in changed:
                row[4] = str(min(float(row[3]), float(row[4]) + 1))
        with open(lines_path + ".tmp", "w", newline="") as f:
            csv.writer(f).writerows(rows)
        os.replace(lines_path + ".tmp", lines_path)
        return
    name = lambda s: "Fournisseur %05d SAS" % s
    with open(os.path.join(a.out, "suppliers.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["supplier_id", "name", "vat_number", "registration_number", "iban"])
        for s in range(suppliers):
            w.writerow(["S%05d" % s, name(s), "FR%011d" % (10**9 + s), "", ""])
    article_supplier = [rng.randrange(suppliers) for _ in range(articles)]
    with open(os.path.join(a.out, "articles.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["article_code", "supplier_id", "supplier_article_code", "description", "unit",
                    "min_shelf_life_days", "certificate_required", "lot_managed"])
        for i in range(articles):
            w.writerow(["MP-%06d" % i, "S%05d" % article_supplier[i], "SC-%06d" % i,
                        "Article %d qualité technique" % i, "KG", 30, "false", "true"])
    by_supplier = {}
    for i, s in enumerate(article_supplier):
        by_supplier.setdefault(s, []).append(i)
    orders = []
    supplier_ids = sorted(by_supplier)
    with open(os.path.join(a.out, "purchase_orders.csv"), "w", newline="") as f, \
         open(lines_path, "w", newline="") as g:
        w, v = csv.writer(f), csv.writer(g)
        w.writerow(["po_number", "supplier_id", "status", "order_date"])
        v.writerow(["po_number", "line", "article_code", "quantity_ordered", "quantity_received", "unit",
                    "unit_price", "currency"])
        for o in range(a.orders):
            s = rng.choice(supplier_ids)
            po = "PO%d" % o
            w.writerow([po, "S%05d" % s, "open", "2026-11-01"])
            lines = []
            for l in range(a.lines):
                art = rng.choice(by_supplier[s])
                ordered = rng.randrange(10, 1000)
                v.writerow([po, (l + 1) * 10, "MP-%06d" % art, ordered, 0, "KG", "2.50", "EUR"])
                lines.append((art, ordered))
            orders.append((po, s, lines))
    with open(os.path.join(a.out, "documents.jsonl"), "w") as f:
        for _ in range(a.documents):
            po, s, lines = rng.choice(orders)
            value = lambda x: {"value": str(x), "confidence": 0.99}
            doc = {"document_type": "delivery_note",
                   "fields": {"supplier_name": value(name(s)), "po_number": value(po),
                              "delivery_note_number": value("BL%d" % rng.randrange(10**6))},
                   "lines": [{"supplier_article_code": value("SC-%06d" % art), "quantity": value(ordered // 2),
                              "unit": value("kg"), "lot_number": value("L1"), "expiry_date": value("2028-01-01"),
                              "description": value("Article %d qualité technique" % art)}
                             for art, ordered in lines]}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")

main()
