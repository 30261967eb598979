"""Content of one document: what is printed (labels, printed values, tables) and the truth.

The truth holds canonical values (ISO dates, dot-decimal numbers); `printed`
holds, for every truth value, the string the page shows, which --verify looks
for in the text layer.
"""

import datetime as dt
from decimal import Decimal

from . import formats, vocab
from .suppliers import BUYER, po_number

KINDS = {
    # kind -> schema type
    "delivery_note": "delivery_note",
    "invoice": "invoice",
    "credit_note": "invoice",  # a credit note is a (negative) supplier invoice for the schema
    "certificate_of_conformity": "certificate_of_conformity",
    "safety_data_sheet": "safety_data_sheet",
    "other": "other",
}
KIND_WEIGHTS = [("delivery_note", 34), ("invoice", 20), ("credit_note", 5), ("certificate_of_conformity", 20),
                ("safety_data_sheet", 10), ("other", 11)]

CURRENCY_SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


class Doc:
    def __init__(self, kind, supplier, lang, family):
        self.kind, self.supplier, self.lang, self.family = kind, supplier, lang, family
        self.doc_type = KINDS[kind]
        self.title = supplier.titles[kind]
        self.header = []  # (key, label, printed value)
        self.bare = []  # printed values without any label, beside the logo
        self.subject = None
        self.place_date = None
        self.addresses = []  # (label, lines)
        self.columns = []  # (key, label, align)
        self.rows = []  # dict key -> printed cell
        self.totals = []  # (label, printed)
        self.paragraphs = []
        self.sections = []  # SDS: (heading, [(label or None, text)])
        self.tests = None  # COC results table: (head, rows)
        self.footer = []
        self.fields = {}
        self.lines = []
        self.printed = {}  # truth field -> printed
        self.printed_lines = []
        self.meta = {}

    def date(self, d, form=None):
        s = self.supplier
        return formats.fmt_date(d, form or s.date_form, self.lang, s.date_variant)

    def num(self, value, decimals, sign=None):
        return formats.fmt_number(Decimal(value), decimals, self.supplier.number_style, sign or self.supplier.sign_style)

    def set_field(self, field, truth, printed):
        self.fields[field] = truth
        self.printed[field] = printed

    def truth(self):
        return {"document_type": self.doc_type, "fields": dict(self.fields), "lines": [dict(l) for l in self.lines]}


def random_date(rng):
    return dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 364))


def _qty(rng, goods, policy):
    """(Decimal value, decimals printed)."""
    if goods == "mass":
        v = Decimal(rng.choice([rng.randint(1, 40) * 25, rng.randint(100, 2400)]))
        if rng.random() < 0.45:
            v = Decimal(rng.randint(20000, 1999999)) / 1000
    elif goods == "volume":
        v = Decimal(rng.choice([20, 25, 60, 200, 208, 1000, rng.randint(2, 60) * 5]))
        if rng.random() < 0.2:
            v = Decimal(rng.randint(1000, 99999)) / 100
    elif goods == "length":
        v = Decimal(rng.choice([50, 100, 250, 500])) if rng.random() < 0.6 else Decimal(rng.randint(100, 9999)) / 10
    else:
        v = Decimal(rng.choice([1, 2, 4, 5, 6, 10, 12, 20, 24, 50, 100, 250, 1000, 1500, rng.randint(1, 3000)]))
    natural = max(0, -v.normalize().as_tuple().exponent) if v != v.to_integral() else 0
    if policy == "fixed3":
        dec = 3
    elif policy == "fixed2":
        dec = max(2, natural) if natural <= 2 else 3
    else:
        dec = natural
    return v, dec


def _party_blocks(doc, rng):
    lang = doc.lang
    lab = vocab.LABELS
    if doc.kind in ("invoice", "credit_note", "other"):
        doc.addresses.append((rng.choice(lab["bill_to"][lang]), BUYER["lines"]))
    if doc.kind in ("delivery_note", "invoice") and rng.random() < 0.6:
        doc.addresses.append((rng.choice(lab["deliver_to"][lang]), BUYER["site2"] if rng.random() < 0.4 else BUYER["lines"]))
    if not doc.addresses:
        doc.addresses.append((None, BUYER["lines"]))


def _po(doc, rng, d, required=True):
    s = doc.supplier
    po = po_number(rng, d)
    mode = s.po_label_mode
    order_date = d - dt.timedelta(days=rng.randint(3, 40))
    if mode == "subject":
        word = {"fr": "Votre commande n° {po} du {d}", "en": "Your order {po} dated {d}", "de": "Ihre Bestellung {po} vom {d}",
                "it": "Vs. ordine n. {po} del {d}", "es": "Su pedido n.º {po} de {d}", "nl": "Uw bestelling {po} van {d}"}[doc.lang]
        doc.subject = word.format(po=po, d=doc.date(order_date))
    elif mode == "bare":
        doc.bare.append(po)
    else:
        doc.header.append(("po_number", s.labels["po_number"], po))
        if rng.random() < 0.4:
            doc.header.append(("order_date", s.labels["order_date"], doc.date(order_date)))
    doc.set_field("po_number", po, po)


def _footer(doc, rng):
    s = doc.supplier
    parts = [s.name, " – ".join(s.address), s.reg]
    if s.vat:
        parts.append(f"{vocab.LABELS['supplier_vat_number'][doc.lang][0]} {s.vat}")
    doc.footer.append(" · ".join(parts[:2]))
    doc.footer.append(" · ".join(parts[2:]) + (f" · IBAN {s.iban}" if s.iban else ""))
    if doc.kind in ("invoice", "credit_note"):
        doc.footer.insert(0, rng.choice(vocab.LEGAL[doc.lang]))


def _number_and_date(doc, rng, num_key, num_field, date_key, date_field, d):
    s = doc.supplier
    kind_for_pattern = doc.kind if doc.kind in s.number_patterns else "other"
    number = s.number(rng, kind_for_pattern, d)
    doc.header.append((num_key, s.labels[num_key], number))
    doc.set_field(num_field, number, number)
    printed = doc.date(d)
    if s.date_place and doc.kind != "safety_data_sheet":
        word = {"fr": "{c}, le {d}", "en": "{c}, {d}", "de": "{c}, den {d}", "it": "{c}, lì {d}", "es": "{c}, a {d}",
                "nl": "{c}, {d}"}[doc.lang]
        doc.place_date = word.format(c=s.city, d=printed)
    else:
        doc.header.append((date_key, s.labels[date_key], printed))
    doc.set_field(date_field, d.isoformat(), printed)


def build(kind, supplier, rng, family, n_lines=None):
    doc = Doc(kind, supplier, supplier.lang, family)
    d = random_date(rng)
    s = supplier
    doc.set_field("supplier_name", s.name, s.name)
    if kind == "safety_data_sheet":
        _sds(doc, rng, d)
        _footer(doc, rng)
        return doc
    _party_blocks(doc, rng)
    if kind == "delivery_note":
        _number_and_date(doc, rng, "delivery_note_number", "delivery_note_number", "delivery_date", "delivery_date", d)
        _po(doc, rng, d)
        if rng.random() < 0.5:
            doc.header.append(("customer_number", s.labels["customer_number"], str(rng.randint(10000, 99999))))
        if rng.random() < 0.3:
            doc.header.append(("carrier", s.labels["carrier"], rng.choice(["Geodis", "DB Schenker", "Kuehne+Nagel", "DHL Freight", "GLS", "own truck"])))
        _lines(doc, rng, n_lines, with_lots=True, with_prices=s.show_unit_price_on_dn)
    elif kind in ("invoice", "credit_note"):
        _number_and_date(doc, rng, "invoice_number" if kind == "invoice" else "credit_number", "invoice_number",
                         "invoice_date", "invoice_date", d)
        if kind == "invoice" or rng.random() < 0.5:
            due = d + dt.timedelta(days=rng.choice([30, 45, 60]))
            doc.header.append(("due_date", s.labels["due_date"], doc.date(due)))
            doc.set_field("due_date", due.isoformat(), doc.date(due))
        if rng.random() < 0.85:
            _po(doc, rng, d)
        if rng.random() < 0.5:
            dn = s.number(rng, "delivery_note", d)
            doc.header.append(("dn_ref", s.labels["delivery_note_number"], dn))
        if s.vat:
            if rng.random() < 0.6:
                doc.header.append(("supplier_vat_number", s.labels["supplier_vat_number"], s.vat))
            doc.set_field("supplier_vat_number", s.vat, s.vat)
        if rng.random() < 0.5:
            doc.header.append(("customer_vat", s.labels["supplier_vat_number"] + " " + {"fr": "client", "en": "(customer)", "de": "Kunde", "it": "cliente", "es": "cliente", "nl": "klant"}[doc.lang], BUYER["vat"]))
        _lines(doc, rng, n_lines, with_lots=False, with_prices=True)
        _totals(doc, rng)
    elif kind == "certificate_of_conformity":
        _coc(doc, rng, d)
    else:
        _number_and_date(doc, rng, "our_ref", "_number", "invoice_date", "_date", d)
        doc.fields.pop("_number"), doc.fields.pop("_date")
        doc.printed.pop("_number"), doc.printed.pop("_date")
        if rng.random() < 0.6:
            po = po_number(rng, d)
            doc.header.append(("po_ref", s.labels["po_number"], po))
        _lines(doc, rng, n_lines, with_lots=False, with_prices=True)
        _totals(doc, rng, record=False)
        doc.fields = {}
        doc.printed = {}
        doc.lines = []
        doc.printed_lines = []
    _footer(doc, rng)
    return doc


def _lines(doc, rng, n_lines, with_lots, with_prices):
    s = doc.supplier
    lang = doc.lang
    n = n_lines if n_lines is not None else rng.choice([1, 2, 3, 3, 4, 5, 6, 8, 10, 14])
    credit = doc.kind == "credit_note"
    sublines = s.table_style == "sublines" and with_lots
    cols = []
    if rng.random() < 0.35:
        cols.append(("pos", s.columns["pos"], "c"))
    cols.append(("supplier_article_code", s.columns["supplier_article_code"], "l"))
    if s.show_internal and doc.kind == "delivery_note":
        cols.append(("internal_article_code", s.columns["internal_article_code"], "l"))
    cols.append(("description", s.columns["description"], "l"))
    packing = doc.kind == "delivery_note" and rng.random() < 0.25
    if packing:
        cols.append(("packaging", s.columns["packaging"], "c"))
    cols.append(("quantity", s.columns["quantity"], "r"))
    if s.unit_attach == "column":
        cols.append(("unit", s.columns["unit"], "c"))
    if with_lots and not sublines:
        cols.append(("lot_number", s.columns["lot_number"], "l"))
        if s.show_expiry:
            cols.append(("expiry_date", s.columns["expiry_date"], "c"))
    if with_prices:
        cols.append(("unit_price", s.columns["unit_price"], "r"))
        if doc.kind != "delivery_note" and rng.random() < 0.3:
            cols.append(("vat_rate", s.columns["vat_rate"], "c"))
        cols.append(("amount", s.columns["amount"], "r"))
    doc.columns = cols
    doc.meta["sublines"] = sublines
    base = doc.fields.get("delivery_date") or doc.fields.get("invoice_date") or "2026-06-01"
    base = dt.date.fromisoformat(base)
    step = 10 if rng.random() < 0.5 else 1
    for i in range(n):
        item = rng.choice(s.catalogue)
        q, dec = _qty(rng, item["goods"], s.qty_decimals)
        q_printed = doc.num(q, dec, sign="minus")
        unit = item["unit"]
        cell_q = q_printed
        if s.unit_attach == "attached":
            cell_q = f"{q_printed} {unit}"
        elif s.unit_attach == "attached_nospace":
            cell_q = f"{q_printed}{unit}"
        row = {"pos": str((i + 1) * step), "supplier_article_code": item["code"],
               "description": item["description"], "quantity": cell_q}
        truth = {"supplier_article_code": item["code"], "description": item["description"],
                 "quantity": formats.plain(q, dec)}
        printed = {"supplier_article_code": item["code"], "description": item["description"], "quantity": q_printed}
        if doc.kind == "delivery_note":
            row["unit"] = unit
            truth["unit"] = unit
            printed["unit"] = unit
            if s.show_internal:
                row["internal_article_code"] = item["internal"]
                truth["internal_article_code"] = item["internal"]
                printed["internal_article_code"] = item["internal"]
        elif s.unit_attach == "column":
            row["unit"] = unit
        if packing:
            per = rng.choice([5, 10, 20, 25])
            row["packaging"] = f"{max(1, int(q) // per)} x {per} {unit}"
        if with_lots:
            lot = s.lot(rng, base - dt.timedelta(days=rng.randint(5, 200)))
            row["lot_number"] = lot
            truth["lot_number"] = lot
            printed["lot_number"] = lot
            if s.show_expiry and item["goods"] in ("mass", "volume"):
                exp = base + dt.timedelta(days=rng.randint(120, 1100))
                ep = formats.fmt_date(exp, s.line_date_form, lang, s.date_variant)
                row["expiry_date"] = ep
                truth["expiry_date"] = exp.isoformat()
                printed["expiry_date"] = ep
        if with_prices:
            price = Decimal(str(item["price"])) * Decimal(str(round(rng.uniform(0.93, 1.07), 3)))
            price = formats.quantize(price, 2)
            amount = formats.quantize(price * formats.quantize(q, dec), 2)
            if credit:
                amount = -amount
            row["unit_price"] = doc.num(price, 2)
            row["amount"] = doc.num(amount, 2)
            row["vat_rate"] = f"{s.vat_rate} %".replace(".", "," if formats.style_seps(s.number_style)[1] == "," else ".")
            row["_amount"] = amount
            if doc.kind in ("invoice", "credit_note"):
                truth["unit_price"] = formats.plain(price, 2)
                truth["amount"] = formats.plain(amount, 2)
                printed["unit_price"] = row["unit_price"]
                printed["amount"] = row["amount"]
        doc.rows.append(row)
        doc.lines.append(truth)
        doc.printed_lines.append(printed)


def _totals(doc, rng, record=True):
    s = doc.supplier
    net = sum((r["_amount"] for r in doc.rows), Decimal(0))
    rate = Decimal(str(s.vat_rate))
    tax = formats.quantize(net * rate / 100, 2)
    gross = net + tax
    cur = s.currency
    sym = CURRENCY_SYMBOL[cur]
    mode = s.currency_print

    def money(v):
        text = doc.num(v, 2)
        if mode == "symbol" and sym != cur:
            return f"{text} {sym}" if formats.style_seps(s.number_style)[1] == "," else f"{sym}{text}"
        return text

    r = f"{s.vat_rate}".replace(".", "," if formats.style_seps(s.number_style)[1] == "," else ".")
    tax_label = s.labels["total_tax"].replace("{r}", r)
    suffix = f" {cur}" if mode == "code" else ""
    rows = [(s.labels["total_excl_tax"] + suffix, money(net), "total_excl_tax", net)]
    if s.vat_rate:
        rows.append((tax_label, money(tax), "total_tax", tax))
    rows.append((s.labels["total_incl_tax"] + suffix, money(gross), "total_incl_tax", gross))
    for label, printed, field, value in rows:
        doc.totals.append((label, printed))
        doc.meta.setdefault("total_labels", {})[field] = label
        if record:
            doc.set_field(field, formats.plain(value, 2), doc.num(value, 2))
    if record:
        if mode == "label":
            doc.header.append(("currency", s.labels["currency"], cur))
            doc.set_field("currency", cur, cur)
        elif mode == "symbol" and sym != cur:
            doc.set_field("currency", cur, sym)
        else:
            doc.set_field("currency", cur, cur)


def _coc(doc, rng, d):
    s = doc.supplier
    lang = doc.lang
    _number_and_date(doc, rng, "certificate_number", "certificate_number", "issue_date", "issue_date", d)
    if rng.random() < 0.85:
        _po(doc, rng, d)
    item = rng.choice(s.catalogue)
    prod_d = d - dt.timedelta(days=rng.randint(2, 90))
    lot = s.lot(rng, prod_d)
    if rng.random() < 0.4:
        doc.header.insert(0, ("supplier_name", s.labels["supplier_name"], s.name))
    doc.header.append(("article_code", s.labels["article_code"], item["code"]))
    doc.set_field("article_code", item["code"], item["code"])
    doc.header.append(("product", s.columns["description"], item["description"]))
    doc.header.append(("lot_number", s.labels["lot_number"], lot))
    doc.set_field("lot_number", lot, lot)
    mfg = {"fr": "Date de fabrication", "en": "Manufacturing date", "de": "Herstelldatum", "it": "Data di produzione",
           "es": "Fecha de fabricación", "nl": "Productiedatum"}[lang]
    if rng.random() < 0.6:
        doc.header.append(("mfg_date", mfg, doc.date(prod_d)))
    if s.show_expiry or rng.random() < 0.5:
        exp = prod_d + dt.timedelta(days=rng.randint(180, 1095))
        doc.header.append(("expiry_date", s.labels["expiry_date"], doc.date(exp)))
        doc.set_field("expiry_date", exp.isoformat(), doc.date(exp))
    if rng.random() < 0.5:
        q, dec = _qty(rng, item["goods"], s.qty_decimals)
        doc.header.append(("qty", s.columns["quantity"], f"{doc.num(q, dec)} {item['unit']}"))
    if rng.random() < 0.4:
        doc.header.append(("dn_ref", s.labels["delivery_note_number"], s.number(rng, "delivery_note", d)))
    head = vocab.COC_TESTS["head"][lang]
    rows = []
    for names, method, spec in rng.sample(vocab.COC_TESTS["rows"], rng.randint(2, 5)):
        if formats.style_seps(s.number_style)[1] == ".":
            spec = spec.replace(",", ".")
        rows.append([names[lang], method, spec, vocab.COC_TESTS["ok"][lang]])
    doc.tests = (head, rows)
    doc.paragraphs.append(vocab.COC_STATEMENT[lang])
    doc.paragraphs.append(vocab.COC_TESTS["manager"][lang] + " : " + rng.choice(["M. Lefort", "J. Carter", "A. Huber", "G. Rossi", "L. Ortega", "P. de Vries"]))
    doc.addresses = [(None, BUYER["lines"])] if rng.random() < 0.7 else []


def _sds(doc, rng, d):
    s = doc.supplier
    lang = doc.lang
    product = s.sds_product["description"].upper() if rng.random() < 0.5 else s.sds_product["description"]
    doc.set_field("product_name", product, product)
    doc.subject = vocab.REACH_LINE[lang]
    doc.header.append(("product_name", s.labels["product_name"], product))
    rev = d
    doc.header.append(("revision_date", s.labels["revision_date"], doc.date(rev)))
    doc.set_field("revision_date", rev.isoformat(), doc.date(rev))
    version = rng.choice(["1.0", "2.1", "3", "4.2", "5.0", "12"])
    if rng.random() < 0.85:
        doc.header.append(("version", s.labels["version"], version))
        doc.set_field("version", version, version)
    if rng.random() < 0.6:
        old = rev - dt.timedelta(days=rng.randint(200, 1500))
        doc.header.append(("replaces", s.labels["replaces"], doc.date(old)))
    if rng.random() < 0.4:
        doc.header.append(("printed", s.labels["printed"], doc.date(rev + dt.timedelta(days=rng.randint(1, 300)))))
    hs = sorted(rng.sample(list(vocab.H_STATEMENTS), rng.randint(1, 4)))
    un = rng.choice(["1263", "1993", "1824", "3082", "1170", "2735", None])
    sec = vocab.SDS_SECTIONS[lang]
    word = vocab.SDS_SECTION_WORD[lang]
    sup_label = s.labels["supplier_name"]
    doc.sections.append((f"{word} 1: {sec[0]}", [
        ("1.1 " + s.labels["product_name"], product),
        ("1.2", {"fr": "Usage industriel", "en": "Industrial use", "de": "Industrielle Verwendung", "it": "Uso industriale",
                 "es": "Uso industrial", "nl": "Industrieel gebruik"}[lang]),
        ("1.3 " + sup_label, s.name),
        (None, ", ".join(s.address)),
        ("1.4 " + vocab.SDS_EMERGENCY[lang], s.phone)]))
    doc.sections.append((f"{word} 2: {sec[1]}", [(vocab.SDS_H_LABEL[lang][0], ", ".join(hs))] +
                         [(None, f"{h} {vocab.H_STATEMENTS[h][lang]}") for h in hs]))
    doc.set_field("hazard_statements", ", ".join(hs), ", ".join(hs))
    doc.sections.append((f"{word} 3: {sec[2]}", [(None, "CAS 64742-54-7   25 - 50 %"), (None, "CAS 68037-01-4   10 - 25 %")]))
    doc.sections.append((f"{word} 4: {sec[3]}", [(None, {"fr": "Rincer abondamment à l'eau.", "en": "Rinse with plenty of water.",
                                                          "de": "Mit viel Wasser spülen.", "it": "Sciacquare abbondantemente con acqua.",
                                                          "es": "Aclarar con abundante agua.", "nl": "Met veel water spoelen."}[lang])]))
    un_label = rng.choice(vocab.SDS_UN_LABEL[lang])
    if un:
        shown = rng.choice([f"UN {un}", un, f"UN{un}"])
        doc.sections.append((f"{word} 14: {sec[4]}", [("14.1 " + un_label, shown)]))
        # Identifiers are truth as printed (the contract's rule): "UN1263" printed whole stays so.
        doc.set_field("un_number", shown if shown == f"UN{un}" else f"UN {un}", shown)
    else:
        doc.sections.append((f"{word} 14: {sec[4]}", [("14.1 " + un_label, {"fr": "Non réglementé", "en": "Not regulated",
                                                                               "de": "Nicht eingestuft", "it": "Non regolamentato",
                                                                               "es": "No regulado", "nl": "Niet gereglementeerd"}[lang])]))
