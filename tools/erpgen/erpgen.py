#!/usr/bin/python3
"""erpgen: ERP master data with injected discrepancies for docgen documents.

From folders of docgen delivery notes and invoices (born-digital), writes
master data in quai's `files` ERP format, the documents renamed neutrally in
ingest order, and the findings each document is expected to raise.

    erpgen.py --docs DIR[,DIR...] --out OUT --seed S [--today YYYY-MM-DD]
    erpgen.py --verify OUT

Standard library only; reads docgen's cast and catalogue (tools/docgen) for
the suppliers' identifiers, the units of invoice lines and catalogue prices.
See README.md for the rules.
"""
import argparse
import csv
import hashlib
import json
import os
import random
import re
import shutil
import sys
import unicodedata
from datetime import date, timedelta
from decimal import Decimal, ROUND_DOWN

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "docgen"))

DEFAULT_TODAY = "2026-12-07"
QTY_TOLERANCE = Decimal("0.10")     # quantity_over_open: delivery > open x 1.10
PRICE_TOLERANCE = Decimal("0.05")   # price_mismatch: |po - invoice| / po > 5 %

CODES_DN = ["quantity_over_open", "po_not_found", "po_closed", "supplier_mismatch",
            "article_not_on_po", "unit_mismatch", "shelf_life_short", "lot_missing"]
CODES_INV = ["po_not_found", "po_closed", "supplier_mismatch", "article_not_on_po",
             "price_mismatch", "quantity_not_received"]
ALL_CODES = ["quantity_over_open", "po_not_found", "po_closed", "supplier_mismatch",
             "article_not_on_po", "unit_mismatch", "expired", "shelf_life_short",
             "lot_missing", "price_mismatch", "quantity_not_received", "duplicate_invoice",
             "vat_number_mismatch", "iban_changed"]

SUPPLIER_COLS = ["supplier_id", "name", "vat_number", "registration_number", "iban"]
ARTICLE_COLS = ["article_code", "supplier_id", "supplier_article_code", "description", "unit",
                "min_shelf_life_days", "certificate_required", "lot_managed"]
PO_COLS = ["po_number", "supplier_id", "status", "order_date"]
POL_COLS = ["po_number", "line", "article_code", "quantity_ordered", "quantity_received",
            "unit", "unit_price", "currency", "description", "expected_date"]

# --------------------------------------------------------------------------
# units


def _fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).strip().upper()


# unit -> (dimension, factor to the dimension's base unit)
UNITS = {
    "KG": ("mass", Decimal(1)), "G": ("mass", Decimal("0.001")), "T": ("mass", Decimal(1000)),
    "L": ("volume", Decimal(1)), "ML": ("volume", Decimal("0.001")),
    "HL": ("volume", Decimal(100)), "M3": ("volume", Decimal(1000)),
    "PCE": ("piece", Decimal(1)), "PCS": ("piece", Decimal(1)), "PC": ("piece", Decimal(1)),
    "SAC": ("bag", Decimal(1)), "BAG": ("bag", Decimal(1)),
    "FUT": ("drum", Decimal(1)), "DRUM": ("drum", Decimal(1)),
    "ROLL": ("roll", Decimal(1)), "ROULEAU": ("roll", Decimal(1)),
    "BOX": ("box", Decimal(1)), "BOITE": ("box", Decimal(1)),
}


def unit_factor(doc_unit, po_unit):
    """Quantity in doc_unit x factor = quantity in po_unit; None if not convertible."""
    a, b = UNITS.get(_fold(doc_unit)), UNITS.get(_fold(po_unit))
    if a is None or b is None:
        return Decimal(1) if _fold(doc_unit) == _fold(po_unit) else None
    if a[0] != b[0]:
        return None
    return a[1] / b[1]


def D(s):
    return Decimal(str(s))


def fmt(d):
    d = Decimal(d)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def compact(s):
    return re.sub(r"[^0-9A-Z]", "", _fold(s))


def vat_compact(s):
    c = compact(s)
    for tail in ("TVA", "MWST", "IVA"):
        if c.startswith("CHE") and c.endswith(tail):
            c = c[: -len(tail)]
    return c


def iban_valid(ib):
    ib = compact(ib)
    if len(ib) < 15:
        return False
    s = ib[4:] + ib[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def iban_with_check(country, bban):
    s = bban + country + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return f"{country}{98 - n % 97:02d}{bban}"


IBAN_RE = re.compile(r"IBAN\s*:?\s*([A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){2,8})")
SIRET_RE = re.compile(r"SIRET\s*:?\s*(\d{3} ?\d{3} ?\d{3} ?\d{5})")


def printed_ibans(txt):
    return [compact(m.group(1)) for m in IBAN_RE.finditer(txt)]


# --------------------------------------------------------------------------
# documents


def load_docs(dirs):
    docs, seen = [], set()
    for d in dirs:
        with open(os.path.join(d, "manifest.jsonl"), encoding="utf-8") as f:
            man = [json.loads(l) for l in f if l.strip()]
        for m in man:
            if m["document_type"] not in ("delivery_note", "invoice"):
                continue
            stem = m["stem"]
            pdfs = [x for x in m["files"] if not x.endswith((".json", ".txt"))]
            truth = json.load(open(os.path.join(d, stem + ".json"), encoding="utf-8"))
            txt = open(os.path.join(d, stem + ".txt"), encoding="utf-8").read()
            source = stem if stem not in seen else f"{os.path.basename(d.rstrip('/'))}/{stem}"
            seen.add(source)
            if not truth["fields"].get("po_number"):
                print(f"erpgen: {source}: no po_number, left out", file=sys.stderr)
                continue
            docs.append({"source": source, "dir": d, "file": pdfs[0], "manifest": m,
                         "type": m["document_type"], "truth": truth, "txt": txt,
                         "cast_id": m["supplier"]})
    return docs


def cast_suppliers():
    import cast
    return {s.id: s for s in list(cast.DEV) + list(cast.EVAL) + list(cast.HOLDOUT)}


def supplier_catalogue(sup):
    """supplier article code -> (unit printed by the layout, base price, fr name, en name, lot?)"""
    import catalogue
    import content
    out = {}
    for idx, p in enumerate(catalogue.CATALOGUE[sup.sector]):
        code = content.article_code(sup, idx)
        price = Decimal(str(content.base_price(sup, idx, *p[5]))).quantize(Decimal("0.01"))
        out[code] = {"unit": content.unit_name(sup.layout, p[2]), "price": price,
                     "name": p[0] if sup.layout.lang == "fr" else p[1], "lot": p[7], "idx": idx}
    return out


# --------------------------------------------------------------------------
# derivation: which rules a document violates, from truths and master data


class Erp:
    def __init__(self, suppliers, articles, pos, po_lines):
        self.suppliers = suppliers          # list of dict rows
        self.articles = articles            # list of dict rows
        self.pos = pos                      # po_number -> row
        self.po_lines = po_lines            # po_number -> [rows]

    @classmethod
    def read(cls, erp_dir):
        def rows(name):
            with open(os.path.join(erp_dir, name), newline="", encoding="utf-8") as f:
                return list(csv.DictReader(f))
        pos = {r["po_number"]: r for r in rows("purchase_orders.csv")}
        pol = {}
        for r in rows("purchase_order_lines.csv"):
            pol.setdefault(r["po_number"], []).append(r)
        for v in pol.values():
            v.sort(key=lambda r: int(r["line"]))
        return cls(rows("suppliers.csv"), rows("articles.csv"), pos, pol)

    def write(self, erp_dir):
        os.makedirs(erp_dir, exist_ok=True)

        def put(name, cols, rows):
            with open(os.path.join(erp_dir, name), "w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=cols, lineterminator="\r\n",
                                   quoting=csv.QUOTE_MINIMAL)
                w.writeheader()
                for r in rows:
                    w.writerow({c: r.get(c, "") for c in cols})
        put("suppliers.csv", SUPPLIER_COLS, self.suppliers)
        put("articles.csv", ARTICLE_COLS, self.articles)
        put("purchase_orders.csv", PO_COLS, self.pos.values())
        put("purchase_order_lines.csv", POL_COLS,
            [l for po in self.pos for l in self.po_lines.get(po, [])] +
            [l for po, ls in self.po_lines.items() if po not in self.pos for l in ls])

    def index(self):
        self.sup_by_name = {}
        for s in self.suppliers:
            self.sup_by_name.setdefault(_fold(s["name"]), s)
        self.art = {}
        for a in self.articles:
            self.art[(a["article_code"], a["supplier_id"])] = a


def derive(doc_truth, doc_type, txt, erp, today, earlier_invoices):
    """Set of (code, field) the rules give for one document.

    earlier_invoices: set of (supplier_id, invoice_number) ingested before it."""
    out = []
    f = doc_truth["fields"]
    sup = erp.sup_by_name.get(_fold(f.get("supplier_name", "")))
    if sup is None:
        return [("supplier_unknown", "supplier_name")]
    if doc_type == "invoice":
        pv = f.get("supplier_vat_number")
        if pv and sup["vat_number"] and vat_compact(pv) != vat_compact(sup["vat_number"]):
            out.append(("vat_number_mismatch", "supplier_vat_number"))
        if (sup["supplier_id"], f.get("invoice_number")) in earlier_invoices:
            out.append(("duplicate_invoice", "invoice_number"))
    ibans = printed_ibans(txt)
    if ibans and sup["iban"] and compact(sup["iban"]) not in ibans:
        out.append(("iban_changed", "iban"))
    po = erp.pos.get(f.get("po_number"))
    if po is None:
        out.append(("po_not_found", "po_number"))
        return out
    if po["status"] != "open":
        out.append(("po_closed", "po_number"))
    if po["supplier_id"] != sup["supplier_id"]:
        out.append(("supplier_mismatch", "supplier_name"))
    pls = erp.po_lines.get(po["po_number"], [])
    used = set()
    for i, line in enumerate(doc_truth["lines"]):
        cands = []
        for j, pl in enumerate(pls):
            if j in used:
                continue
            a = erp.art.get((pl["article_code"], po["supplier_id"]))
            if line.get("internal_article_code"):
                ok = pl["article_code"] == line["internal_article_code"]
            else:
                ok = a is not None and a["supplier_article_code"] == line["supplier_article_code"]
            if ok:
                cands.append(j)
        if not cands:
            out.append(("article_not_on_po", f"lines[{i}].supplier_article_code"))
            continue
        j = cands[0]
        used.add(j)
        pl = pls[j]
        art = erp.art.get((pl["article_code"], po["supplier_id"]))
        q = D(line["quantity"])
        if doc_type == "delivery_note":
            fac = unit_factor(line.get("unit", ""), pl["unit"])
            if fac is None:
                out.append(("unit_mismatch", f"lines[{i}].unit"))
            else:
                qc = q * fac
                open_q = D(pl["quantity_ordered"]) - D(pl["quantity_received"])
                if qc > open_q * (1 + QTY_TOLERANCE):
                    out.append(("quantity_over_open", f"lines[{i}].quantity"))
                elif qc > open_q:
                    out.append(("boundary_quantity", f"lines[{i}].quantity"))
            exp = line.get("expiry_date")
            if exp:
                e = date.fromisoformat(exp)
                if e < today:
                    out.append(("expired", f"lines[{i}].expiry_date"))
                elif art is not None:
                    shelf = int(art["min_shelf_life_days"] or 0)
                    if e < today + timedelta(days=shelf):
                        out.append(("shelf_life_short", f"lines[{i}].expiry_date"))
                    elif e == today + timedelta(days=shelf):
                        out.append(("boundary_shelf_life", f"lines[{i}].expiry_date"))
            if art is not None and art["lot_managed"] == "true" and not line.get("lot_number"):
                out.append(("lot_missing", f"lines[{i}].lot_number"))
        else:
            if q > D(pl["quantity_received"]):
                out.append(("quantity_not_received", f"lines[{i}].quantity"))
            pp, ip = D(pl["unit_price"]), D(line["unit_price"])
            if pp == 0 or abs(pp - ip) / pp > PRICE_TOLERANCE:
                out.append(("price_mismatch", f"lines[{i}].unit_price"))
    return out


def derive_all(entries, erp, today):
    """entries: list of (truth, type, txt) in ingest order -> list of derived lists."""
    erp.index()
    seen, res = set(), []
    for truth, typ, txt in entries:
        res.append(derive(truth, typ, txt, erp, today, seen))
        if typ == "invoice":
            s = erp.sup_by_name.get(_fold(truth["fields"].get("supplier_name", "")))
            if s:
                seen.add((s["supplier_id"], truth["fields"].get("invoice_number")))
    return res


def grouped(derived):
    """[(code, field)] -> {code: [fields]}"""
    g = {}
    for c, fld in derived:
        g.setdefault(c, []).append(fld)
    return g


# --------------------------------------------------------------------------
# generation


NOISE_NAMES_A = ["Atlas", "Boréal", "Cobalt", "Delta", "Estuaire", "Falcon", "Granit", "Helios",
                 "Iroise", "Jura", "Kappa", "Lumen", "Meridian", "Nordic", "Orion", "Pyrène",
                 "Quartz", "Rivage", "Sirius", "Tamaris", "Ulysse", "Vega", "Westfield", "Zenith"]
NOISE_NAMES_B = ["Chimie", "Emballages", "Industrie", "Distribution", "Logistique", "Matériaux",
                 "Ingrédients", "Process", "Supplies", "Components", "Technik", "Hygiène"]
NOISE_FORMS = ["SAS", "SARL", "SA", "Ltd", "GmbH", "B.V.", "S.r.l."]


def vat_fr(siren):
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def luhn_ok(digits):
    t = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n *= 2
            n -= 9 if n > 9 else 0
        t += n
    return t % 10 == 0


def make_siren(rng):
    while True:
        s = f"{rng.randint(100000000, 999999999)}"
        if luhn_ok(s):
            return s


def make_siret(rng, siren):
    while True:
        s = siren + f"{rng.randint(10, 999):05d}"
        if luhn_ok(s):
            return s


def random_iban(rng, country="FR"):
    lengths = {"FR": 23, "DE": 18, "BE": 12, "NL": 14, "GB": 18, "IT": 23, "ES": 20, "CH": 17}
    n = lengths.get(country, 20)
    if country == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO"]) + "".join(rng.choice("0123456789") for _ in range(10))
    elif country == "GB":
        bban = rng.choice(["NWBK", "HBUK", "BARC"]) + "".join(rng.choice("0123456789") for _ in range(14))
    elif country == "IT":
        bban = rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(22))
    else:
        bban = "".join(rng.choice("0123456789") for _ in range(n))
    return iban_with_check(country, bban)


def alter_vat(rng, vat):
    """Another VAT number of the same shape (digits changed)."""
    c = vat_compact(vat)
    if c.startswith("FR") and len(c) == 13:
        while True:
            v = vat_fr(make_siren(rng))
            if v != c:
                return v
    chars = list(c)
    pos = [i for i, ch in enumerate(chars) if ch.isdigit() and i >= 2]
    for i in rng.sample(pos, min(3, len(pos))):
        chars[i] = str((int(chars[i]) + rng.randint(1, 9)) % 10)
    return "".join(chars)


def alter_iban(rng, iban):
    c = compact(iban)
    while True:
        bban = list(c[4:])
        digits = [i for i, ch in enumerate(bban) if ch.isdigit()]
        for i in rng.sample(digits, min(4, len(digits))):
            bban[i] = str((int(bban[i]) + rng.randint(1, 9)) % 10)
        v = iban_with_check(c[:2], "".join(bban))
        if v != c:
            return v


def po_like(rng, model, taken, avoid):
    """A PO number shaped like model (digits and letters redrawn), unique, and at
    least 2 characters away from every document's PO."""
    for _ in range(1000):
        s = "".join(rng.choice("0123456789") if ch.isdigit() else ch for ch in model)
        if s in taken:
            continue
        if any(len(a) == len(s) and sum(x != y for x, y in zip(a, s)) < 2 for a in avoid):
            continue
        return s
    raise RuntimeError("cannot draw a PO number")


def qround(d, integral):
    if integral:
        return d.to_integral_value(rounding=ROUND_DOWN)
    return d.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


class Gen:
    def __init__(self, docs, seed, today, noise_factor=5):
        self.rng = random.Random(f"erpgen/{seed}")
        self.docs = list(docs)
        self.rng.shuffle(self.docs)     # ingest order mixes families and types
        self.today = today
        self.noise_factor = noise_factor
        self.cast = cast_suppliers()
        self.catalogues = {}
        self.suppliers = {}            # cast id -> row
        self.articles = {}             # (article_code, supplier_id) -> row
        self.pos, self.po_lines = {}, {}
        self.expected = {}             # doc index -> {code: [fields]}
        self.tolerated = {}            # doc index -> set of codes
        self.notes = {}

    # -- base, clean master data ---------------------------------------------
    def cat(self, cid):
        if cid not in self.catalogues:
            self.catalogues[cid] = supplier_catalogue(self.cast[cid])
        return self.catalogues[cid]

    def build_suppliers(self):
        rng = self.rng
        n = 0
        for d in self.docs:
            cid = d["cast_id"]
            if cid in self.suppliers:
                continue
            s = self.cast[cid]
            n += 1
            legal = s.legal.format(vat=s.vat) if "{vat}" in s.legal else s.legal
            m = SIRET_RE.search(legal)
            ibm = IBAN_RE.search(s.bank or "")
            iban = compact(ibm.group(1)) if ibm else random_iban(rng, {"GBP": "GB"}.get(s.currency, s.country if s.country in ("FR", "DE", "BE", "NL", "IT", "ES", "CH") else "FR") if s.country != "US" else "FR")
            if s.country == "US":
                iban = ""
            self.suppliers[cid] = {
                "supplier_id": f"F{10000 + rng.randint(1, 899) * 10 + n % 10:05d}",
                "name": s.name, "vat_number": vat_compact(s.vat) if s.vat else "",
                "registration_number": compact(m.group(1)) if m else "",
                "iban": iban, "_cast": cid, "_currency": s.currency}
        ids = set()
        for r in self.suppliers.values():      # unique ids
            while r["supplier_id"] in ids:
                r["supplier_id"] = f"F{rng.randint(10000, 99999)}"
            ids.add(r["supplier_id"])
        names = {_fold(r["name"]) for r in self.suppliers.values()} | {_fold(s.name) for s in self.cast.values()}
        self.noise_suppliers = []
        for k in range(max(10, 2 * len(self.suppliers))):
            while True:
                name = f"{rng.choice(NOISE_NAMES_A)} {rng.choice(NOISE_NAMES_B)} {rng.choice(NOISE_FORMS)}"
                if _fold(name) not in names:
                    break
            names.add(_fold(name))
            siren = make_siren(rng)
            sid = f"F{rng.randint(10000, 99999)}"
            while sid in ids:
                sid = f"F{rng.randint(10000, 99999)}"
            ids.add(sid)
            self.noise_suppliers.append({
                "supplier_id": sid, "name": name, "vat_number": vat_fr(siren),
                "registration_number": make_siret(rng, siren) if rng.random() < 0.7 else "",
                "iban": random_iban(rng, "FR") if rng.random() < 0.9 else "", "_currency": "EUR"})

    def art_codes(self):
        """(cast id, supplier article code) -> article_code used for lines without an
        internal code: the smallest internal code printed for it, else an invented one."""
        seen = {}
        for d in self.docs:
            if d["type"] != "delivery_note":
                continue
            for l in d["truth"]["lines"]:
                if l.get("internal_article_code"):
                    seen.setdefault((d["cast_id"], l["supplier_article_code"]), set()).add(l["internal_article_code"])
        return {k: min(v) for k, v in seen.items()}

    def invent_code(self, cid, sac):
        h = int(hashlib.sha256(f"{cid}/{sac}".encode()).hexdigest(), 16)
        return f"ART-{h % 1000000:06d}"

    def build_articles_and_pos(self):
        rng = self.rng
        mapped = self.art_codes()
        self.doc_po = {}
        for k, d in enumerate(self.docs):
            cid = d["cast_id"]
            sup = self.suppliers[cid]
            cat = self.cat(cid)
            lines = d["truth"]["lines"]
            d["art"] = []
            for l in lines:
                sac = l["supplier_article_code"]
                code = l.get("internal_article_code") or mapped.get((cid, sac)) or self.invent_code(cid, sac)
                d["art"].append(code)
                key = (code, sup["supplier_id"])
                info = cat.get(sac, {})
                if key not in self.articles:
                    unit = l.get("unit") or info.get("unit") or "PCE"
                    self.articles[key] = {
                        "article_code": code, "supplier_id": sup["supplier_id"],
                        "supplier_article_code": sac,
                        "description": info.get("name") or l.get("description", ""),
                        "unit": _fold(unit), "min_shelf_life_days": "0",
                        "certificate_required": "false",
                        "lot_managed": "true" if info.get("lot", bool(l.get("lot_number"))) else "false"}
                if d["type"] == "delivery_note" and not l.get("lot_number"):
                    self.articles[key]["lot_managed"] = "false"
            # the PO: one line per document line, open quantities covering the largest
            # delivery of the same article on the document
            f = d["truth"]["fields"]
            po = f["po_number"]
            if po in self.pos:
                raise SystemExit(f"erpgen: PO {po} on two documents; not supported")
            ddate = date.fromisoformat(f.get("delivery_date") or f.get("invoice_date"))
            self.pos[po] = {"po_number": po, "supplier_id": sup["supplier_id"], "status": "open",
                            "order_date": (ddate - timedelta(days=rng.randint(3, 45))).isoformat()}
            maxq = {}
            for i, l in enumerate(lines):
                maxq[d["art"][i]] = max(maxq.get(d["art"][i], Decimal(0)), D(l["quantity"]))
            pls = []
            for i, l in enumerate(lines):
                sac = l["supplier_article_code"]
                info = cat.get(sac, {})
                q = maxq[d["art"][i]]
                integral = q == q.to_integral_value()
                if d["type"] == "delivery_note":
                    unit = l.get("unit") or info.get("unit", "PCE")
                    extra = rng.choice([Decimal(0), Decimal(0), qround(q * D("0.5"), integral)])
                    received = rng.choice([Decimal(0), Decimal(0), qround(q * D("0.4"), integral)])
                    ordered = q + extra + received
                    price = info.get("price") or Decimal(rng.randint(100, 9000)) / 100
                    currency = sup["_currency"]
                else:
                    unit = info.get("unit", "PCE")
                    received = q + rng.choice([Decimal(0), Decimal(0), qround(q * D("0.3"), integral)])
                    ordered = received + rng.choice([Decimal(0), Decimal(0), qround(q * D("0.5"), integral)])
                    price = D(l["unit_price"])
                    currency = f.get("currency") or sup["_currency"]
                pls.append({"po_number": po, "line": str(10 * (i + 1)), "article_code": d["art"][i],
                            "quantity_ordered": fmt(ordered), "quantity_received": fmt(received),
                            "unit": _fold(unit), "unit_price": fmt(price), "currency": currency,
                            "description": info.get("name") or l.get("description", ""),
                            "expected_date": (ddate + timedelta(days=rng.randint(-3, 3))).isoformat()})
            self.po_lines[po] = pls
            self.doc_po[k] = po

    def set_shelf_lives(self):
        gaps = {}
        for d in self.docs:
            if d["type"] != "delivery_note":
                continue
            for i, l in enumerate(d["truth"]["lines"]):
                if l.get("expiry_date"):
                    g = (date.fromisoformat(l["expiry_date"]) - self.today).days
                    if g >= 0:
                        gaps[d["art"][i]] = min(gaps.get(d["art"][i], 10 ** 6), g)
        self.shelf = {}
        for (code, sid), a in self.articles.items():
            if code not in self.shelf:
                g = gaps.get(code)
                choices = [v for v in (0, 30, 60, 90, 120, 180, 270, 365) if g is not None and v < g]
                self.shelf[code] = self.rng.choice(choices[-3:]) if choices else 0
            a["min_shelf_life_days"] = str(self.shelf[code])

    def set_lot_managed(self, code, value):
        for (c, sid), a in self.articles.items():
            if c == code:
                a["lot_managed"] = value

    def set_shelf(self, code, days):
        self.shelf[code] = days
        for (c, sid), a in self.articles.items():
            if c == code:
                a["min_shelf_life_days"] = str(days)

    def add_noise(self):
        rng = self.rng
        # extra articles: the rest of each supplier's catalogue, and noise suppliers' items
        used_codes = {c for c, _ in self.articles}
        self.sup_articles = {}
        for cid, s in self.suppliers.items():
            for sac, info in self.cat(cid).items():
                key = None
                for (c, sid), a in self.articles.items():
                    if sid == s["supplier_id"] and a["supplier_article_code"] == sac:
                        key = (c, sid)
                        break
                if key is None:
                    code = self.invent_code(cid, sac)
                    while code in used_codes:
                        code = f"ART-{rng.randint(0, 999999):06d}"
                    used_codes.add(code)
                    key = (code, s["supplier_id"])
                    self.articles[key] = {
                        "article_code": code, "supplier_id": s["supplier_id"],
                        "supplier_article_code": sac, "description": info["name"],
                        "unit": _fold(info["unit"]), "min_shelf_life_days": str(rng.choice([0, 0, 90, 180])),
                        "certificate_required": rng.choice(["false", "false", "true"]),
                        "lot_managed": "true" if info["lot"] else "false"}
                self.sup_articles.setdefault(s["supplier_id"], []).append(self.articles[key])
        words = ["Gant nitrile", "Carton double cannelure", "Solvant", "Graisse lithium",
                 "Film étirable", "Farine", "Colle PU", "Réactif tampon", "Huile hydraulique",
                 "Sucre", "Étiquette", "Masque FFP2"]
        for s in self.noise_suppliers:
            for k in range(rng.randint(3, 8)):
                code = f"ART-{rng.randint(0, 999999):06d}"
                while code in used_codes:
                    code = f"ART-{rng.randint(0, 999999):06d}"
                used_codes.add(code)
                u = rng.choice(["KG", "L", "PCE", "SAC", "ROLL", "BOX"])
                a = {"article_code": code, "supplier_id": s["supplier_id"],
                     "supplier_article_code": f"{s['name'][:3].upper()}-{rng.randint(100, 9999)}",
                     "description": f"{rng.choice(words)} {rng.randint(1, 99)}", "unit": u,
                     "min_shelf_life_days": str(rng.choice([0, 0, 30, 90])),
                     "certificate_required": rng.choice(["false", "true"]),
                     "lot_managed": rng.choice(["false", "true"])}
                self.articles[(code, s["supplier_id"])] = a
                self.sup_articles.setdefault(s["supplier_id"], []).append(a)
        # extra orders
        doc_pos = [d["truth"]["fields"]["po_number"] for d in self.docs]
        taken = set(self.pos)
        all_sups = list(self.suppliers.values()) + self.noise_suppliers
        n_noise = self.noise_factor * len(self.docs) + rng.randint(0, len(self.docs))
        for k in range(n_noise):
            s = rng.choice(list(self.suppliers.values())) if rng.random() < 0.7 else rng.choice(all_sups)
            po = po_like(rng, rng.choice(doc_pos), taken, doc_pos)
            taken.add(po)
            od = date(2025, 1, 1) + timedelta(days=rng.randint(0, 700))
            status = rng.choices(["open", "closed", "cancelled"], [55, 35, 10])[0]
            self.pos[po] = {"po_number": po, "supplier_id": s["supplier_id"], "status": status,
                            "order_date": od.isoformat()}
            arts = self.sup_articles.get(s["supplier_id"], [])
            lines = []
            for i, a in enumerate(rng.sample(arts, min(len(arts), rng.randint(1, 6)))):
                qo = Decimal(rng.choice([5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]))
                qr = {"open": rng.choice([Decimal(0), qo / 2, qo]), "closed": qo,
                      "cancelled": Decimal(0)}[status]
                lines.append({"po_number": po, "line": str(10 * (i + 1)), "article_code": a["article_code"],
                              "quantity_ordered": fmt(qo), "quantity_received": fmt(qr), "unit": a["unit"],
                              "unit_price": fmt(Decimal(rng.randint(20, 40000)) / 100),
                              "currency": s.get("_currency", "EUR"), "description": a["description"],
                              "expected_date": (od + timedelta(days=rng.randint(5, 40))).isoformat()})
            self.po_lines[po] = lines

    # -- derivation over the current state --------------------------------------
    def erp(self):
        sups = list(self.suppliers.values()) + self.noise_suppliers
        return Erp(sups, list(self.articles.values()), self.pos, self.po_lines)

    def order(self):
        return self.ingest  # list of (doc index, is_duplicate)

    def derive_now(self):
        entries = [(self.docs[k]["truth"], self.docs[k]["type"], self.docs[k]["txt"]) for k, dup in self.ingest]
        return derive_all(entries, self.erp(), self.today)

    # -- injections -----------------------------------------------------------------
    def unique_lines(self, k):
        d = self.docs[k]
        arts = d["art"]
        sacs = [l["supplier_article_code"] for l in d["truth"]["lines"]]
        return [i for i in range(len(arts)) if arts.count(arts[i]) == 1 and sacs.count(sacs[i]) == 1]

    def mutate(self, k, code):
        """Apply one injection to document k; returns an undo function or None."""
        rng = self.rng
        d = self.docs[k]
        po = self.doc_po[k]
        pls = self.po_lines[po]
        saved_po = dict(self.pos[po])
        saved_lines = [dict(x) for x in pls]

        def undo_po():
            self.pos[po] = saved_po
            self.po_lines[po] = saved_lines
        lines = d["truth"]["lines"]
        uniq = self.unique_lines(k)
        if code == "po_not_found":
            self.removed = getattr(self, "removed", {})
            del self.pos[po]
            del self.po_lines[po]
            return undo_po
        if code == "po_closed":
            self.pos[po]["status"] = "closed"
            for pl in pls:
                pl["quantity_received"] = pl["quantity_received"]
            return undo_po
        if code == "supplier_mismatch":
            others = [s for s in list(self.suppliers.values()) + self.noise_suppliers
                      if s["supplier_id"] != saved_po["supplier_id"]]
            other = rng.choice(others)
            self.pos[po]["supplier_id"] = other["supplier_id"]
            # the PO's articles exist for that supplier too (so only the supplier differs)
            added = []
            for pl in pls:
                key = (pl["article_code"], other["supplier_id"])
                if key not in self.articles:
                    a = dict(self.articles[(pl["article_code"], saved_po["supplier_id"])])
                    a["supplier_id"] = other["supplier_id"]
                    self.articles[key] = a
                    added.append(key)

            def undo():
                undo_po()
                for key in added:
                    del self.articles[key]
            return undo
        if not uniq and code in ("quantity_over_open", "article_not_on_po", "unit_mismatch",
                                 "price_mismatch", "quantity_not_received"):
            return None
        if code == "article_not_on_po":
            if len(lines) < 2:
                return None
            i = rng.choice(uniq)
            del pls[i]
            for n, pl in enumerate(pls):
                pl["line"] = str(10 * (n + 1))
            self.inj_field = f"lines[{i}].supplier_article_code"
            return undo_po
        if code == "quantity_over_open":
            i = rng.choice(uniq)
            q = D(lines[i]["quantity"])
            integral = q == q.to_integral_value()
            open_q = qround(q * D("0.6"), integral)
            received = rng.choice([Decimal(0), qround(q * D("0.5"), integral) + 1])
            pls[i]["quantity_ordered"] = fmt(open_q + received)
            pls[i]["quantity_received"] = fmt(received)
            return undo_po
        if code == "unit_mismatch":
            cands = [i for i in uniq if UNITS.get(_fold(lines[i].get("unit", "")))]
            if not cands:
                return None
            i = rng.choice(cands)
            dim = UNITS[_fold(lines[i]["unit"])][0]
            pls[i]["unit"] = {"mass": "PCE", "volume": "KG"}.get(dim, "KG")
            return undo_po
        if code == "price_mismatch":
            i = rng.choice(uniq)
            p = D(lines[i]["unit_price"])
            f = rng.choice([D("0.8"), D("1.2"), D("1.25"), D("0.75")])
            pls[i]["unit_price"] = fmt((p * f).quantize(Decimal("0.01")))
            return undo_po
        if code == "quantity_not_received":
            i = rng.choice(uniq)
            q = D(lines[i]["quantity"])
            integral = q == q.to_integral_value()
            pls[i]["quantity_received"] = fmt(rng.choice([Decimal(0), qround(q * D("0.5"), integral)]))
            return undo_po
        if code == "lot_missing":
            cands = [i for i, l in enumerate(lines) if not l.get("lot_number")]
            if not cands:
                return None
            code_a = d["art"][rng.choice(cands)]
            self.set_lot_managed(code_a, "true")
            return lambda: self.set_lot_managed(code_a, "false")
        if code == "shelf_life_short":
            cands = [i for i, l in enumerate(lines) if l.get("expiry_date")
                     and date.fromisoformat(l["expiry_date"]) >= self.today]
            if not cands:
                return None
            i = rng.choice(cands)
            code_a = d["art"][i]
            gap = (date.fromisoformat(lines[i]["expiry_date"]) - self.today).days
            old = self.shelf[code_a]
            new = ((gap // 30) + 1) * 30
            if new <= gap:
                new = gap + 1
            self.set_shelf(code_a, new)
            return lambda: self.set_shelf(code_a, old)
        return None

    def try_inject(self, k, code, base):
        undo = self.mutate(k, code)
        if undo is None:
            return False
        now = self.derive_now()
        pos = [n for n, (kk, dup) in enumerate(self.ingest) if kk == k and not dup][0]
        ok = grouped(now[pos]).keys() == {code}
        ok = ok and all(now[n] == base[n] for n in range(len(now)) if n != pos)
        if not ok:
            undo()
            return False
        self.expected[pos] = grouped(now[pos])
        return True

    def run(self):
        rng = self.rng
        self.build_suppliers()
        self.build_articles_and_pos()
        self.set_shelf_lives()
        for (code, sid), a in list(self.articles.items()):      # one lot_managed per article_code
            if a["lot_managed"] == "false":
                self.set_lot_managed(code, "false")
        self.add_noise()
        n = len(self.docs)
        self.ingest = [(k, False) for k in range(n)]
        base = self.derive_now()
        for p, dv in enumerate(base):
            g = grouped(dv)
            assert set(g) <= {"expired"}, (self.docs[p]["source"], dv)
            if g:
                self.expected[p] = g
                self.tolerated[p] = {"shelf_life_short"}
        n_codes = len(ALL_CODES)
        target = max(1, round(0.5 * n / n_codes))
        count = {c: 0 for c in ALL_CODES}
        count["expired"] = len(self.expected)
        taken = set(self.expected)        # ingest positions with an expectation

        # supplier-level: VAT and IBAN
        by_sup = {}
        for k, d in enumerate(self.docs):
            by_sup.setdefault(d["cast_id"], []).append(k)
        cids = sorted(by_sup)
        rng.shuffle(cids)
        self.changed_suppliers = {}
        for code in ("vat_number_mismatch", "iban_changed"):
            for cid in cids:
                if count[code] >= target:
                    break
                if cid in self.changed_suppliers:
                    continue
                s = self.suppliers[cid]
                invs = [k for k in by_sup[cid] if self.docs[k]["type"] == "invoice"]
                if not invs or any(k in taken for k in invs):
                    continue
                if code == "vat_number_mismatch":
                    if not s["vat_number"] or not all(self.docs[k]["truth"]["fields"].get("supplier_vat_number") for k in invs):
                        continue
                    old = s["vat_number"]
                    s["vat_number"] = alter_vat(rng, old)
                else:
                    printed = [printed_ibans(self.docs[k]["txt"]) for k in invs]
                    if not s["iban"] or not all(p and iban_valid(p[0]) for p in printed):
                        continue   # quai reads only IBANs with a valid mod-97
                    old = s["iban"]
                    s["iban"] = alter_iban(rng, old)
                now = self.derive_now()
                changed = [p for p in range(n) if now[p] != base[p]]
                if sorted(changed) != sorted(invs) or any(set(grouped(now[p])) != {code} for p in invs):
                    s["vat_number" if code == "vat_number_mismatch" else "iban"] = old
                    continue
                self.changed_suppliers[cid] = code
                for p in invs:
                    self.expected[p] = grouped(now[p])
                    taken.add(p)
                    count[code] += 1
                if code == "vat_number_mismatch":
                    for p in by_sup[cid]:
                        if self.docs[p]["type"] == "delivery_note":
                            # the VAT number printed in a delivery note's footer is not a
                            # delivery-note field: a finding on it is tolerated, not required
                            self.tolerated.setdefault(p, set()).add(code)
                base = now

        # duplicate invoices: a second file of a clean invoice, later in the ingest order
        clean_invs = [k for k in range(n) if self.docs[k]["type"] == "invoice" and k not in taken]
        rng.shuffle(clean_invs)
        self.dup_of = {}
        for k in clean_invs[:target]:
            taken.add(k)                  # the original stays clean
            self.dup_of[k] = True
        # per-document injections
        goal = round(0.5 * (n + len(self.dup_of)))
        free = [k for k in range(n) if k not in taken]
        rng.shuffle(free)
        injected = len([p for p in self.expected]) + len(self.dup_of)
        exhausted = set()
        while injected < goal and free:
            # the rarest code so far that some free document can still take
            codes = [c for c in set(CODES_DN) | set(CODES_INV) if c not in exhausted]
            if not codes:
                break
            rng.shuffle(codes)
            code = min(codes, key=lambda c: count[c])
            cands = [k for k in free if code in (CODES_DN if self.docs[k]["type"] == "delivery_note" else CODES_INV)]
            # balance the types: prefer the type with fewer injections so far
            done = False
            for k in cands[:60]:
                if self.try_inject(k, code, base):
                    count[code] += 1
                    injected += 1
                    taken.add(k)
                    free.remove(k)
                    base = self.derive_now()
                    done = True
                    break
            if not done:
                exhausted.add(code)
        # noise on clean delivery notes: PO lines in another, convertible unit
        clean_dns = [k for k in range(n) if k not in taken and self.docs[k]["type"] == "delivery_note"]
        rng.shuffle(clean_dns)
        self.converted = []
        for k in clean_dns[: max(1, len(clean_dns) // 5)]:
            pls = self.po_lines[self.doc_po[k]]
            d = self.docs[k]
            did = False
            for i, l in enumerate(d["truth"]["lines"]):
                u = UNITS.get(_fold(l.get("unit", "")))
                if not u or u[0] not in ("mass", "volume"):
                    continue
                target_unit = rng.choice({"mass": ["T", "G"], "volume": ["ML", "HL"]}[u[0]])
                fac = unit_factor(l["unit"], target_unit)
                for key in ("quantity_ordered", "quantity_received"):
                    pls[i][key] = fmt(D(pls[i][key]) * fac)
                pls[i]["unit"] = target_unit
                did = True
            if did:
                self.converted.append(k)
        now = self.derive_now()
        assert now == base, "unit conversion changed a finding"
        # duplicates into the ingest order, each after its original
        for k in self.dup_of:
            pos = [p for p, (kk, dup) in enumerate(self.ingest) if kk == k][0]
            at = rng.randint(pos + 1, len(self.ingest))
            self.ingest.insert(at, (k, True))
        # re-key expectations by ingest position
        exp, tol = {}, {}
        final = self.derive_now()
        pos_of = {kk: p for p, (kk, dup) in enumerate(self.ingest) if not dup}
        for p, (kk, dup) in enumerate(self.ingest):
            if dup:
                exp[p] = grouped(final[p])
                tol[p] = {"quantity_not_received"}    # the same goods invoiced twice
                count["duplicate_invoice"] += 1
            else:
                exp[p] = self.expected.get(kk, {})
                tol[p] = self.tolerated.get(kk, set())
        self.final_expected, self.final_tolerated, self.final_derived = exp, tol, final
        for p in range(len(self.ingest)):
            assert set(grouped(final[p])) == set(exp[p]), (p, final[p], exp[p])
        self.count = count

    # -- output ------------------------------------------------------------------------
    def write(self, out):
        os.makedirs(os.path.join(out, "docs"), exist_ok=True)
        self.erp().write(os.path.join(out, "erp"))
        with open(os.path.join(out, "today"), "w") as f:
            f.write(self.today.isoformat() + "\n")
        rows = []
        for p, (k, dup) in enumerate(self.ingest):
            d = self.docs[k]
            src = os.path.join(d["dir"], d["file"])
            ext = os.path.splitext(d["file"])[1]
            name = f"doc-{p + 1:04d}{ext}"
            dst = os.path.join(out, "docs", name)
            data = open(src, "rb").read()
            if dup:
                data = redo_pdf_id(data, d["source"])
            with open(dst, "wb") as f:
                f.write(data)
            e = self.final_expected[p]
            rows.append({"file": name, "document_type": d["type"],
                         "expected": [{"code": c, "field": flds[0], "fields": flds} for c, flds in sorted(e.items())],
                         "tolerated": sorted(self.final_tolerated[p]),
                         "source": d["source"] + (" (duplicate)" if dup else ""),
                         "docs_dir": os.path.abspath(d["dir"]),
                         "po_unit_converted": (k in self.converted and not dup),
                         "sha256": hashlib.sha256(data).hexdigest()})
        with open(os.path.join(out, "expected.jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"file": "docs/" + r["file"], "source": r["source"],
                                    "sha256": r["sha256"]}, ensure_ascii=False) + "\n")
        return rows


def redo_pdf_id(data, salt):
    """Same PDF content, different bytes: a new /ID in the trailer (same length,
    so the cross-reference offsets stay valid), as when a supplier's system exports
    the same invoice again."""
    m = re.search(rb"/ID\s*\[<([0-9a-fA-F]+)><([0-9a-fA-F]+)>\]", data)
    if not m:
        return data + b"\n% duplicate\n"
    h = hashlib.md5(salt.encode() + m.group(1)).hexdigest().encode()[: len(m.group(1))]
    return data[: m.start(1)] + h + data[m.end(1): m.start(2)] + h + data[m.end(2):]


# --------------------------------------------------------------------------
# verify


def verify(out):
    """Re-derive, from the truths, texts and CSVs alone, each document's findings
    and compare with expected.jsonl; also check the CSVs' own consistency."""
    problems = []
    erp = Erp.read(os.path.join(out, "erp"))
    today = date.fromisoformat(open(os.path.join(out, "today")).read().strip())
    rows = [json.loads(l) for l in open(os.path.join(out, "expected.jsonl"), encoding="utf-8")]
    entries = []
    for r in rows:
        stem = r["source"].split(" ")[0].split("/")[-1]
        t = json.load(open(os.path.join(r["docs_dir"], stem + ".json"), encoding="utf-8"))
        txt = open(os.path.join(r["docs_dir"], stem + ".txt"), encoding="utf-8").read()
        if t["document_type"] != r["document_type"]:
            problems.append(f"{r['file']}: type {t['document_type']} != {r['document_type']}")
        entries.append((t, r["document_type"], txt))
        data = open(os.path.join(out, "docs", r["file"]), "rb").read()
        if hashlib.sha256(data).hexdigest() != r["sha256"]:
            problems.append(f"{r['file']}: sha256 differs")
    derived = derive_all(entries, erp, today)
    counts = {}
    for r, dv in zip(rows, derived):
        g = grouped(dv)
        exp = {e["code"]: e.get("fields", [e["field"]]) for e in r["expected"]}
        if set(g) != set(exp):
            problems.append(f"{r['file']} ({r['source']}): derived {sorted(g)} expected {sorted(exp)}")
        elif any(sorted(g[c]) != sorted(exp[c]) for c in g):
            problems.append(f"{r['file']}: fields differ {g} vs {exp}")
        if len(exp) > 1:
            problems.append(f"{r['file']}: more than one injected code")
        for c in exp:
            counts[c] = counts.get(c, 0) + 1
    # master data consistency
    sids = [s["supplier_id"] for s in erp.suppliers]
    if len(sids) != len(set(sids)):
        problems.append("duplicate supplier_id")
    names = [_fold(s["name"]) for s in erp.suppliers]
    if len(names) != len(set(names)):
        problems.append("duplicate supplier name")
    arts = {(a["article_code"], a["supplier_id"]) for a in erp.articles}
    if len(arts) != len(erp.articles):
        problems.append("duplicate (article_code, supplier_id)")
    shelf = {}
    for a in erp.articles:
        if a["supplier_id"] not in set(sids):
            problems.append(f"article {a['article_code']}: unknown supplier")
        shelf.setdefault(a["article_code"], set()).add((a["min_shelf_life_days"], a["lot_managed"]))
    for c, v in shelf.items():
        if len(v) > 1:
            problems.append(f"article {c}: min_shelf_life_days or lot_managed differs between suppliers")
    for po, r in erp.pos.items():
        if r["status"] not in ("open", "closed", "cancelled"):
            problems.append(f"PO {po}: status {r['status']}")
        if r["supplier_id"] not in set(sids):
            problems.append(f"PO {po}: unknown supplier")
        for pl in erp.po_lines.get(po, []):
            if (pl["article_code"], r["supplier_id"]) not in arts:
                problems.append(f"PO {po} line {pl['line']}: article {pl['article_code']} not an article of its supplier")
            if D(pl["quantity_received"]) > D(pl["quantity_ordered"]):
                problems.append(f"PO {po} line {pl['line']}: received > ordered")
            for k in ("quantity_ordered", "quantity_received", "unit_price"):
                if not re.fullmatch(r"\d+(\.\d+)?", pl[k]):
                    problems.append(f"PO {po} line {pl['line']}: {k}={pl[k]!r}")
    for po in erp.po_lines:
        if po not in erp.pos:
            problems.append(f"lines of unknown PO {po}")
    n_docs = len(rows)
    n_pos = len(erp.pos)
    print(f"verify {out}: {n_docs} documents, {len(erp.suppliers)} suppliers, {len(erp.articles)} articles, "
          f"{n_pos} POs ({sum(len(v) for v in erp.po_lines.values())} lines)")
    print("expected codes: " + ", ".join(f"{c} {counts.get(c, 0)}" for c in ALL_CODES)
          + f"; clean {sum(1 for r in rows if not r['expected'])}")
    for p in problems[:50]:
        print("PROBLEM", p)
    print("verify:", "OK" if not problems else f"{len(problems)} problems")
    return 0 if not problems else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", action="append", help="docgen output folder(s); repeat or comma-separate")
    ap.add_argument("--out")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--today", default=DEFAULT_TODAY)
    ap.add_argument("--noise-orders", type=int, default=5, help="extra orders per document (default 5)")
    ap.add_argument("--verify", metavar="OUT", help="check a generated set and exit")
    a = ap.parse_args()
    if a.verify:
        sys.exit(verify(a.verify))
    if not a.docs or not a.out:
        ap.error("--docs and --out are required")
    dirs = [x for d in a.docs for x in d.split(",") if x]
    docs = load_docs(dirs)
    if os.path.exists(a.out):
        for sub in ("docs", "erp"):
            shutil.rmtree(os.path.join(a.out, sub), ignore_errors=True)
    g = Gen(docs, a.seed, date.fromisoformat(a.today), a.noise_orders)
    g.run()
    rows = g.write(a.out)
    counts = {}
    for r in rows:
        for e in r["expected"]:
            counts[e["code"]] = counts.get(e["code"], 0) + 1
    clean = sum(1 for r in rows if not r["expected"])
    print(f"erpgen: {len(rows)} documents ({sum(1 for r in rows if r['document_type'] == 'delivery_note')} delivery notes, "
          f"{sum(1 for r in rows if r['document_type'] == 'invoice')} invoices), {clean} clean, "
          f"{len(rows) - clean} with a discrepancy; today {g.today}; {len(g.converted)} clean notes with PO lines in another unit")
    print("  " + ", ".join(f"{c} {counts.get(c, 0)}" for c in ALL_CODES))
    print(f"  master data: {len(g.suppliers) + len(g.noise_suppliers)} suppliers, {len(g.articles)} articles, "
          f"{len(g.pos)} POs -> {a.out}")


if __name__ == "__main__":
    main()
