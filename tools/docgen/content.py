"""Values for each document type, as printed and as normalised truth.

make_content() draws the values of one document for a supplier (whose layout
decides how values are printed) and returns a Content whose every value is a
V(printed, truth).  Values that are printed but not part of the canonical
schema (customer number, order date...) carry truth=None: they are realistic
distractors for the extractor.  The renderer draws only `printed` strings;
Content.truth() gives the ground truth JSON from the same objects.
"""
import random
import re
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import catalogue as cat
import formats as fm
import gs1

SCHEMA = {
    "delivery_note": (("supplier_name", "delivery_note_number", "delivery_date", "po_number"),
                      ("supplier_article_code", "internal_article_code", "description",
                       "quantity", "unit", "lot_number", "expiry_date")),
    "certificate_of_conformity": (("supplier_name", "certificate_number", "issue_date",
                                   "po_number", "article_code", "lot_number", "expiry_date"), ()),
    "invoice": (("supplier_name", "invoice_number", "invoice_date", "due_date", "po_number",
                 "supplier_vat_number", "currency", "total_excl_tax", "total_tax",
                 "total_incl_tax"),
                ("supplier_article_code", "description", "quantity", "unit_price", "amount")),
    "safety_data_sheet": (("product_name", "supplier_name", "revision_date", "version",
                           "un_number", "hazard_statements"), ()),
    # None of the four: order confirmations, quotations, price lists, letters,
    # statements, flyers (others.py).  Its truth is the type alone.
    "other": ((), ()),
    # Receipts (receipts.py): a type a company declares itself, with no labels.
    "receipt": (("company", "date", "address", "total"), ()),
}
SHORT = {"delivery_note": "dn", "certificate_of_conformity": "coc", "invoice": "inv",
         "safety_data_sheet": "sds", "other": "oth", "receipt": "rcp"}
# Column letters of Layout.dn_cols / inv_cols -> line field names.
COLUMN_FIELDS = {"S": "supplier_article_code", "I": "internal_article_code",
                 "D": "description", "Q": "quantity", "U": "unit", "L": "lot_number",
                 "E": "expiry_date", "P": "unit_price", "A": "amount", "V": "vat_rate"}


@dataclass
class V:
    printed: str
    truth: object = None  # None: printed but not a schema field


@dataclass
class Content:
    doc_type: str
    supplier: object
    buyer: object
    header: dict
    lines: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def truth(self) -> dict:
        head_keys, line_keys = SCHEMA[self.doc_type]
        fields = {k: self.header[k].truth for k in head_keys
                  if k in self.header and self.header[k].truth is not None}
        lines = [{k: row[k].truth for k in line_keys if k in row and row[k].truth is not None}
                 for row in self.lines] if line_keys else []
        return {"document_type": self.doc_type, "fields": fields, "lines": lines}


# --------------------------------------------------------------------------
# identifiers

_TOKEN = re.compile(r"\{(yyyy|yy|mm|dd|doy|n\d|A)\}")


def ident(pattern: str, rng: random.Random, d: date) -> str:
    """Fill an identifier pattern: {yy} {yyyy} {mm} {dd} {doy} {n5} {A}."""
    def sub(m):
        t = m.group(1)
        if t == "yyyy":
            return f"{d.year}"
        if t == "yy":
            return f"{d.year % 100:02d}"
        if t == "mm":
            return f"{d.month:02d}"
        if t == "dd":
            return f"{d.day:02d}"
        if t == "doy":
            return f"{d.timetuple().tm_yday:03d}"
        if t == "A":
            return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        n = int(t[1])
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
    return _TOKEN.sub(sub, pattern)


def _fixed_rng(key: str) -> random.Random:
    """RNG fixed by a name, for values a supplier keeps across documents."""
    return random.Random(zlib.crc32(key.encode("utf-8")))


def article_code(sup, idx: int) -> str:
    # Codes must be unique within a supplier: derive from index, re-draw on clash.
    seen = {}
    for i in range(len(cat.CATALOGUE[sup.sector])):
        r = _fixed_rng(f"code/{sup.id}/{i}")
        code = ident(sup.code_pattern, r, date(2020, 1, 1))
        while code in seen.values():
            code = ident(sup.code_pattern, r, date(2020, 1, 1))
        seen[i] = code
    return seen[idx]


def internal_code(buyer, sector: str, idx: int) -> str:
    return ident(buyer.item_pattern, _fixed_rng(f"item/{buyer.id}/{sector}/{idx}"), date(2020, 1, 1))


def customer_number(sup, buyer) -> str:
    r = _fixed_rng(f"cust/{sup.id}/{buyer.id}")
    pattern = r.choice(["411{n5}", "C{n5}", "{n6}", "CL-{n4}", "K{n6}"])
    return ident(pattern, r, date(2020, 1, 1))


def base_price(sup, idx: int, lo: float, hi: float) -> float:
    return _fixed_rng(f"price/{sup.id}/{idx}").uniform(lo, hi)


# --------------------------------------------------------------------------
# GS1 identifiers (fixed per supplier and product; never drawn from the
# document's random stream, so adding barcodes changes no other value)

# GS1 prefixes by country (GTIN-13 leading digits), fictitious company numbers.
GS1_PREFIXES = {"FR": range(300, 380), "GB": range(500, 510), "DE": range(400, 441),
                "NL": range(870, 880), "BE": range(540, 550), "CH": range(760, 770),
                "US": range(0, 140), "ES": range(840, 850), "IT": range(800, 840)}


def gs1_company_prefix(sup) -> str:
    """A 9-digit GS1 company prefix (country prefix + 6 digits)."""
    r = _fixed_rng(f"gs1/{sup.id}")
    return f"{r.choice(GS1_PREFIXES[sup.country]):03d}{r.randint(0, 999999):06d}"


def gtin14(sup, idx: int) -> str:
    """GTIN-14 of a catalogue product: indicator, company prefix, item, check."""
    r = _fixed_rng(f"gtin/{sup.id}")
    indicator = r.choice("01")
    item = (r.randint(0, 999) + 37 * idx) % 1000
    body = f"{indicator}{gs1_company_prefix(sup)}{item:03d}"
    return body + gs1.check_digit(body)


def sscc(sup, doc_number: str, k: int = 0) -> str:
    """SSCC-18 of pallet k of a shipment: extension, company prefix, serial, check."""
    r = _fixed_rng(f"sscc/{sup.id}/{doc_number}/{k}")
    body = f"{r.randint(0, 9)}{gs1_company_prefix(sup)}{r.randint(0, 9999999):07d}"
    return body + gs1.check_digit(body)


def gs1_expiry(lay, v):
    """(17) value for an expiry V: the truth date, day 00 when printed as month/year."""
    d = date.fromisoformat(v.truth)
    return gs1.yymmdd(d, day_unknown=lay.expiry_fmt != "date")


def gs1_item(sup, idx, row):
    """(01) GTIN, (17) expiry, (10) lot of one item, only for values in the truth."""
    els = [("01", gtin14(sup, idx))]
    exp, lot = row.get("expiry_date"), row.get("lot_number")
    if exp is not None and exp.truth:
        els.append(("17", gs1_expiry(sup.layout, exp)))
    if lot is not None and lot.truth and gs1.encodable("10", lot.truth):
        els.append(("10", lot.truth))
    return els


def po_element(h):
    po = h["po_number"].truth
    return [("400", po)] if gs1.encodable("400", po) else []


def dn_gs1(sup, h, rows, idxs):
    """Labels of a delivery note: [{'role', 'line', 'elements'}] (see render.gs1_block)."""
    labels = []
    if sup.layout.gs1 == "full":
        els = [("00", sscc(sup, h["delivery_note_number"].truth))] + po_element(h)
        labels += [{"role": "pallet", "line": None, "elements": e} for e in gs1.pack(els)]
    for i, (idx, row) in enumerate(zip(idxs, rows)):
        labels += [{"role": "line", "line": i, "elements": e}
                   for e in gs1.pack(gs1_item(sup, idx, row))]
    return labels


def coc_gs1(sup, h, idx):
    els = gs1_item(sup, idx, h)
    if sup.layout.gs1 == "full":
        els += po_element(h)
    return [{"role": "product", "line": None, "elements": e} for e in gs1.pack(els)]


# --------------------------------------------------------------------------
# dates and small helpers

def business_day(rng: random.Random) -> date:
    d = date(2025, 1, 6) + timedelta(days=rng.randint(0, 690))
    while d.weekday() >= 5:  # documents are issued on working days
        d += timedelta(days=1)
    return d


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    return date(y, m, min(d.day, 28))


def unit_name(lay, unit_key: str) -> str:
    name = cat.UNITS[lay.lang][unit_key]
    upper = zlib.crc32(f"{lay.id}/units".encode()) % 3 == 0
    return name.upper() if upper else name


def describe(lay, product, rng, long_prob=0.35) -> str:
    fr, en = product[0], product[1]
    text = fr if lay.lang == "fr" else en
    if rng.random() < long_prob:
        pack = product[9][0 if lay.lang == "fr" else 1]
        text = f"{text} – {pack}"
    return text


def draw_qty(product, rng) -> Decimal:
    lo, hi = product[3]
    unit = product[2]
    q = rng.randint(lo, hi)
    if unit in ("kg", "l") and q > 30:
        q = int(round(q / 5.0)) * 5 or lo  # bulk goods come in round quantities
    if unit == "kg" and rng.random() < 0.15:
        return Decimal(q) + Decimal(rng.choice(["0.5", "0.25", "0.75"]))
    return Decimal(q)


def lot_and_expiry(sup, lay, product, ship: date, rng):
    """Lot printed as a V and expiry as a V (or None when not applicable)."""
    mfg = ship - timedelta(days=rng.randint(3, 120))
    lot = V(ident(sup.lot_pattern, rng, mfg), None) if product[7] else None
    if lot:
        lot.truth = lot.printed
    exp = None
    if product[6]:
        e = mfg + timedelta(days=int(product[6] * 30.4))
        printed, truth = fm.expiry_value(e, lay.date_fmt, lay.expiry_fmt)
        exp = V(printed, truth)
    return lot, exp, mfg


def choose_products(sup, rng, n):
    """n catalogue indices; few distinct products, repeated with other lots."""
    cat_items = cat.CATALOGUE[sup.sector]
    pool = list(range(len(cat_items)))
    rng.shuffle(pool)
    return [pool[i % len(pool)] if i < len(pool) else rng.choice(pool) for i in range(n)]


def line_count(rng) -> int:
    # About one document in five is long enough to continue on page 2.
    return rng.randint(26, 42) if rng.random() < 0.2 else rng.randint(1, 8)


def common_header(sup, buyer, lay, rng, d: date, order_date: date):
    po_printed = ident(buyer.po_pattern, rng, order_date)
    return {
        "supplier_name": V(sup.name, sup.name),
        "po_number": V(po_printed, po_printed),
        "customer_number": V(customer_number(sup, buyer)),
    }


# --------------------------------------------------------------------------
# document types

def delivery_note(sup, buyer, rng) -> Content:
    lay = sup.layout
    ship = business_day(rng)
    order = ship - timedelta(days=rng.randint(3, 25))
    h = common_header(sup, buyer, lay, rng, ship, order)
    num = ident(sup.dn_pattern, rng, ship)
    h["delivery_note_number"] = V(num, num)
    h["delivery_date"] = V(*fm.date_value(ship, lay.date_fmt))
    h["order_date"] = V(fm.fmt_date(order, lay.date_fmt))
    h["carrier"] = V(rng.choice(cat.CARRIERS))
    cols = lay.dn_cols.split()
    rows = []
    idxs = choose_products(sup, rng, line_count(rng))
    for idx in idxs:
        p = cat.CATALOGUE[sup.sector][idx]
        lot, exp, _ = lot_and_expiry(sup, lay, p, ship, rng)
        code = article_code(sup, idx)
        q_printed, q_truth = fm.qty_value(draw_qty(p, rng), lay.qty_mode, lay.num_fmt)
        desc = describe(lay, p, rng)
        unit = unit_name(lay, p[2])
        row = {"supplier_article_code": V(code, code),
               "description": V(desc, desc),
               "quantity": V(q_printed, q_truth),
               "unit": V(unit, unit)}
        if "I" in cols and lay.internal_code:
            ic = internal_code(buyer, sup.sector, idx)
            row["internal_article_code"] = V(ic, ic)
        if lot and "L" in cols:
            row["lot_number"] = lot
        if exp and "E" in cols:
            row["expiry_date"] = exp
        rows.append(row)
    n_pack = max(1, len(rows) + rng.randint(0, 6))
    h["packages"] = V(str(n_pack))
    weight = Decimal(rng.randint(20, 4000)) + Decimal(rng.randint(0, 9)) / 10
    h["weight"] = V(fm.fmt_number(weight, 1, lay.num_fmt) + " kg")
    extra = {"gs1": dn_gs1(sup, h, rows, idxs)} if lay.gs1 else {}
    return Content("delivery_note", sup, buyer, h, rows, extra)


def invoice(sup, buyer, rng) -> Content:
    lay = sup.layout
    inv_date = business_day(rng)
    ship = inv_date - timedelta(days=rng.randint(0, 10))
    order = ship - timedelta(days=rng.randint(3, 25))
    h = common_header(sup, buyer, lay, rng, inv_date, order)
    num = ident(sup.inv_pattern, rng, inv_date)
    h["invoice_number"] = V(num, num)
    h["invoice_date"] = V(*fm.date_value(inv_date, lay.date_fmt))
    days, eom = rng.choice([(30, False), (45, True), (60, False), (30, True), (45, False)])
    due = inv_date + timedelta(days=days)
    if eom:
        due = fm.last_day_of_month(due)
    h["due_date"] = V(*fm.date_value(due, lay.date_fmt))
    h["terms_days"] = V(str(days), None)
    h["terms_eom"] = V("eom" if eom else "", None)
    h["dn_ref"] = V(ident(sup.dn_pattern, rng, ship))
    h["order_date"] = V(fm.fmt_date(order, lay.date_fmt))
    if sup.vat:
        h["supplier_vat_number"] = V(sup.vat, sup.vat)
    h["buyer_vat"] = V(buyer.vat)
    rows, total = [], Decimal(0)
    for idx in choose_products(sup, rng, line_count(rng)):
        p = cat.CATALOGUE[sup.sector][idx]
        code = article_code(sup, idx)
        qty = draw_qty(p, rng)
        q_printed, q_truth = fm.qty_value(qty, lay.qty_mode, lay.num_fmt)
        qty_exact = Decimal(q_truth)
        price = Decimal(str(base_price(sup, idx, *p[5]) * rng.uniform(0.97, 1.03)))
        price = fm.quantize(price, lay.price_decimals)
        amount = fm.quantize(qty_exact * price, 2)  # amount = printed qty x printed price
        total += amount
        desc = describe(lay, p, rng)
        unit = unit_name(lay, p[2])
        rows.append({
            "supplier_article_code": V(code, code),
            "description": V(desc, desc),
            "quantity": V(q_printed, q_truth),
            "unit": V(unit),
            "unit_price": V(*fm.money_value(price, lay.num_fmt, lay.price_decimals)),
            "amount": V(*fm.money_value(amount, lay.num_fmt)),
            "vat_rate": V(fm.percent(sup.tax_rate, lay.num_fmt)),
        })
    tax = fm.quantize(total * sup.tax_rate / 100, 2)
    gross = total + tax
    cur = sup.currency
    for key, val in (("total_excl_tax", total), ("total_tax", tax), ("total_incl_tax", gross)):
        printed, truth = fm.money_value(val, lay.num_fmt)
        h[key] = V(fm.with_currency(printed, cur, lay.currency_display), truth)
    # The currency is printed as the layout's mark (€, $, EUR...); truth is ISO 4217.
    mark = fm.CURRENCY_SYMBOLS[cur] if lay.currency_display.startswith("symbol") else cur
    h["currency"] = V(mark, cur)
    h["tax_rate"] = V(fm.percent(sup.tax_rate, lay.num_fmt))
    return Content("invoice", sup, buyer, h, rows)


# Analysis tests on certificates: (fr, en, spec fr/en template, lo, hi, decimals, unit)
TESTS = {
    "chem": (("Pureté (CPG)", "Purity (GC)", "≥ {lo}", 99.5, 99.95, 2, "%"),
             ("Teneur en eau (Karl Fischer)", "Water content (Karl Fischer)", "≤ {hi}", 0.01,
              0.2, 3, "%"),
             ("Couleur (Pt-Co)", "Colour (Pt-Co)", "≤ {hi}", 2, 10, 0, ""),
             ("Masse volumique à 20 °C", "Density at 20 °C", "{lo} – {hi}", 0.785, 0.795, 3,
              "g/cm³")),
    "food": (("Humidité", "Moisture", "≤ {hi}", 11.0, 15.5, 1, "%"),
             ("Cendres (matière sèche)", "Ash (dry matter)", "{lo} – {hi}", 0.50, 0.60, 2, "%"),
             ("Protéines", "Protein", "≥ {lo}", 10.5, 12.5, 1, "%"),
             ("Salmonella", "Salmonella", "Absence / 25 g", None, None, 0, ""),
             ("Levures et moisissures", "Yeasts and moulds", "≤ {hi}", 10, 1000, 0, "ufc/g")),
    "pack": (("Grammage", "Grammage", "{lo} – {hi}", 600, 640, 0, "g/m²"),
             ("Résistance à la compression (ECT)", "Edge crush test (ECT)", "≥ {lo}", 7.0, 8.5,
              1, "kN/m"),
             ("Humidité", "Moisture", "≤ {hi}", 6.0, 10.0, 1, "%")),
    "ppe": (("NQA trous (EN 455-1)", "AQL pinholes (EN 455-1)", "≤ {hi}", 0.5, 1.5, 1, ""),
            ("Épaisseur paume", "Palm thickness", "{lo} – {hi}", 0.08, 0.12, 2, "mm"),
            ("Force de rupture", "Force at break", "≥ {lo}", 6.0, 9.0, 1, "N")),
    "lab": (("Titre", "Assay", "≥ {lo}", 99.8, 99.99, 2, "%"),
            ("Résidu à l'évaporation", "Residue on evaporation", "≤ {hi}", 0.0005, 0.001, 4,
             "%"),
            ("Transmission UV à 210 nm", "UV transmittance at 210 nm", "≥ {lo}", 96, 99.5, 1,
             "%")),
    "lube": (("Viscosité cinématique à 40 °C", "Kinematic viscosity at 40 °C", "{lo} – {hi}",
              41.4, 50.6, 1, "mm²/s"),
             ("Indice de viscosité", "Viscosity index", "≥ {lo}", 140, 160, 0, ""),
             ("Point éclair (COC)", "Flash point (COC)", "≥ {lo}", 200, 240, 0, "°C")),
    "adhes": (("Viscosité Brookfield", "Brookfield viscosity", "{lo} – {hi}", 8000, 12000, 0,
               "mPa·s"),
              ("Extrait sec", "Solids content", "{lo} – {hi}", 48.0, 52.0, 1, "%"),
              ("Temps ouvert", "Open time", "{lo} – {hi}", 10, 20, 0, "min")),
}


def coc_tests(sup, rng):
    lay = sup.layout
    out = []
    for fr, en, spec, lo, hi, dec, unit in TESTS[sup.sector]:
        name = fr if lay.lang == "fr" else en
        if lo is None:
            spec_s = spec if lay.lang == "fr" else "Absent / 25 g"
            out.append((name, spec_s, "Absence" if lay.lang == "fr" else "Absent"))
            continue
        f = lambda x: fm.fmt_number(Decimal(str(x)), dec, lay.num_fmt)
        spec_s = spec.format(lo=f(lo), hi=f(hi)) + (f" {unit}" if unit else "")
        if "≥" in spec:
            val = rng.uniform(lo, lo + (hi - lo) * 0.9)
        elif "≤" in spec:
            val = rng.uniform(lo, hi * 0.95)
        else:
            val = rng.uniform(lo + (hi - lo) * 0.1, hi - (hi - lo) * 0.1)
        if "≥" in spec:
            val = max(val, lo)
        out.append((name, spec_s, f(val) + (f" {unit}" if unit else "")))
    return out


def certificate(sup, buyer, rng) -> Content:
    lay = sup.layout
    ship = business_day(rng)
    issue = ship - timedelta(days=rng.randint(0, 4))
    order = ship - timedelta(days=rng.randint(3, 25))
    h = common_header(sup, buyer, lay, rng, issue, order)
    num = ident(sup.coc_pattern, rng, issue)
    h["certificate_number"] = V(num, num)
    h["issue_date"] = V(*fm.date_value(issue, lay.date_fmt))
    idx = rng.randrange(len(cat.CATALOGUE[sup.sector]))
    p = cat.CATALOGUE[sup.sector][idx]
    # Certificates are about lots: prefer products that have one.
    tries = 0
    while not p[7] and tries < 20:
        idx = rng.randrange(len(cat.CATALOGUE[sup.sector]))
        p = cat.CATALOGUE[sup.sector][idx]
        tries += 1
    code = article_code(sup, idx)
    h["article_code"] = V(code, code)
    h["product"] = V(describe(lay, p, rng, 0.0))
    lot, exp, mfg = lot_and_expiry(sup, lay, p, ship, rng)
    if lot:
        h["lot_number"] = lot
    if exp:
        h["expiry_date"] = exp
    h["mfg_date"] = V(fm.fmt_date(mfg, lay.date_fmt))
    q_printed, _ = fm.qty_value(draw_qty(p, rng), lay.qty_mode, lay.num_fmt)
    h["quantity"] = V(f"{q_printed} {unit_name(lay, p[2])}")
    h["dn_ref"] = V(ident(sup.dn_pattern, rng, ship))
    signer = cat.SIGNERS[lay.lang][zlib.crc32(sup.id.encode()) % len(cat.SIGNERS[lay.lang])]
    extra = {"tests": coc_tests(sup, rng), "signer": signer, "sector": sup.sector}
    if lay.gs1:
        extra["gs1"] = coc_gs1(sup, h, idx)
    return Content("certificate_of_conformity", sup, buyer, h, [], extra)


def safety_data_sheet(sup, buyer, rng) -> Content:
    lay = sup.layout
    items = [(i, p) for i, p in enumerate(cat.CATALOGUE[sup.sector]) if p[8]]
    idx, p = rng.choice(items)
    data = cat.SDS[p[8]]
    name = p[0] if lay.lang == "fr" else p[1]
    rev = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2600))
    printed_on = rev + timedelta(days=rng.randint(10, 400))
    prev = rev - timedelta(days=rng.randint(200, 1500))
    major = rng.randint(1, 9)
    version = f"{major}.{rng.randint(0, 4)}" if rng.random() < 0.8 else f"{major}"
    if lay.num_fmt != "en" and lay.lang == "fr" and "." in version and rng.random() < 0.5:
        version = version.replace(".", ",")  # French templates often write 3,1
    h = {"supplier_name": V(sup.name, sup.name),
         "product_name": V(name, name),
         "revision_date": V(*fm.date_value(rev, lay.date_fmt)),
         "version": V(version, version),
         "print_date": V(fm.fmt_date(printed_on, lay.date_fmt)),
         "supersedes": V(fm.fmt_date(prev, lay.date_fmt)),
         "article_code": V(article_code(sup, idx))}
    hs = data[0]
    if hs:
        h["hazard_statements"] = V(", ".join(hs), ", ".join(hs))
    if data[1]:
        un = f"UN{data[1]}" if zlib.crc32(f"{sup.id}/un".encode()) % 2 else f"UN {data[1]}"
        h["un_number"] = V(un, un)
    return Content("safety_data_sheet", sup, buyer, h, [], {"sds": data, "product": p})


MAKERS = {"delivery_note": delivery_note, "invoice": invoice,
          "certificate_of_conformity": certificate, "safety_data_sheet": safety_data_sheet}


def make_content(sup, buyer, doc_type, rng, slot=None) -> Content:
    if doc_type == "other":
        import others
        return others.make_other(sup, buyer, rng, slot)
    if doc_type == "receipt":
        import receipts
        return receipts.make_receipt(sup, rng)
    return MAKERS[doc_type](sup, buyer, rng)
