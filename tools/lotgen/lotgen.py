#!/usr/bin/python3
"""lotgen — delivery notes with lots, certificates of those lots and an ERP copy.

Makes a test set for quai's lot book (certificate linking): born-digital
delivery notes whose lines carry lots and certificates of conformity that
certify some of those lots, ingested in an order where some certificates come
before their delivery and some after; certificates of lots never delivered,
of the wrong article or order, of another supplier's lot; lot numbers shared
by two articles of one supplier; lot numbers printed in varied forms
("LOT 24-118", "24118", "l24-118"); certificates that name the article by the
supplier's code, by the internal (ERP) code, or not at all. The expectation
of every certificate is derived from the linking rules (README.md), written
independently of quai's src/receive and src/storage.

Debian's /usr/bin/python3, standard library only; renders through
tools/docgen's modules (content, render, draw), reads nothing else.

  /usr/bin/python3 tools/lotgen/lotgen.py --out OUT [--seed 7] [--family dev]
      [--suppliers 14] [--notes 60] [--today 2026-12-07]
"""
import argparse
import csv
import json
import os
import random
import re
import sys
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "docgen"))

import cast  # noqa: E402
import catalogue as cat  # noqa: E402
import checks  # noqa: E402
import content  # noqa: E402
import draw  # noqa: E402
import formats as fm  # noqa: E402
import render  # noqa: E402
from content import V  # noqa: E402

DEFAULT_TODAY = "2026-12-07"
SUPPLIER_COLS = ["supplier_id", "name", "vat_number", "registration_number", "iban"]
ARTICLE_COLS = ["article_code", "supplier_id", "supplier_article_code", "description", "unit",
                "min_shelf_life_days", "certificate_required", "lot_managed"]
PO_COLS = ["po_number", "supplier_id", "status", "order_date"]
POL_COLS = ["po_number", "line", "article_code", "quantity_ordered", "quantity_received",
            "unit", "unit_price", "currency", "description", "expected_date"]
# Certificates whose lot was delivered (expected linked unless the rules say otherwise),
# and the kinds that must stay unlinked.
POSITIVE = "certifies_delivered_lot"
NEGATIVE_KINDS = ("unknown_lot", "wrong_article", "wrong_order", "other_suppliers_lot")


# --------------------------------------------------------------------------
# keys, as the linking rules compare them (README.md)

def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).strip().upper()


def compact(s):
    return "".join(c for c in (s or "").upper() if c.isascii() and c.isalnum())


def lot_key(printed):
    """Letters and digits, upper case; a leading LOT / BATCH / CHARGE word is not part of it."""
    key = compact(printed)
    head = re.match(r"\s*([A-Za-z]*)", printed or "").group(1).upper()
    for word in ("LOT", "BATCH", "CHARGE"):
        if head == word and len(key) > len(word):
            return key[len(word):]
    return key


def lot_forms(number, rng):
    """Printed forms of one lot number that keep its key: separators dropped
    or added, lower case, a leading LOT / Batch word."""
    forms = []
    plain = re.sub(r"[^0-9A-Za-z]", "", number)
    if plain != number:
        forms.append(plain)                                  # "24-118" -> "24118"
    if len(plain) >= 5:
        cut = rng.randint(2, len(plain) - 2)
        forms.append(plain[:cut] + rng.choice([" ", "-", "/"]) + plain[cut:])   # "24 118"
    if any(c.isalpha() for c in number):
        forms.append(number.lower())                         # "l24-118"
    forms.append("LOT " + number)                            # "LOT 24-118"
    forms.append("Lot " + plain)                             # "Lot 24118"
    forms.append("Batch " + number)
    forms = [f for f in forms if lot_key(f) == lot_key(number)]
    return forms


# --------------------------------------------------------------------------
# the set


class Article:
    def __init__(self, sup, idx, buyer):
        self.sup = sup
        self.idx = idx
        self.product = cat.CATALOGUE[sup.sector][idx]
        self.supplier_code = content.article_code(sup, idx)
        self.internal_code = content.internal_code(buyer, sup.sector, idx)
        self.unit = content.unit_name(sup.layout, self.product[2])
        lang = 0 if sup.layout.lang == "fr" else 1
        self.description = self.product[lang]


class Lot:
    def __init__(self, lot_id, article, number, mfg, expiry):
        self.id = lot_id
        self.article = article
        self.sup = article.sup
        self.number = number
        self.key = lot_key(number)
        self.mfg = mfg
        self.expiry = expiry            # date or None
        self.deliveries = []            # [(note, line index)]

    def orders(self):
        return {note.po for note, _ in self.deliveries}


class Note:
    def __init__(self, sup, po, ship):
        self.sup = sup
        self.po = po
        self.ship = ship
        self.lines = []                 # [(lot, printed lot, quantity Decimal)]
        self.file = None


class Certificate:
    def __init__(self, sup, kind):
        self.sup = sup
        self.kind = kind                # POSITIVE or one of NEGATIVE_KINDS
        self.lot = None                 # the lot it certifies, when delivered (POSITIVE)
        self.number = ""                # canonical lot number it names
        self.printed_lot = ""
        self.article = None             # the Article it names, or None
        self.article_by = "none"        # "internal", "supplier", "none"
        self.po = ""
        self.timing = "any"             # "before" / "after" its lot's first delivery
        self.where = None               # its place in the ingest order, when chosen (traps)
        self.file = None


class Generator:
    def __init__(self, args):
        self.rng = random.Random(f"lotgen/{args.seed}")
        self.today = date.fromisoformat(args.today)
        self.buyer = cast.BUYERS[0]
        family = cast.FAMILIES[args.family]
        self.suppliers = family[: args.suppliers] if args.suppliers else list(family)
        self.articles = {}
        for sup in self.suppliers:
            self.articles[sup.id] = [Article(sup, i, self.buyer)
                                     for i, p in enumerate(cat.CATALOGUE[sup.sector]) if p[7]]
            codes = [a.internal_code for a in self.articles[sup.id]]
            if len(set(codes)) != len(codes):
                raise SystemExit(f"lotgen: two articles of {sup.id} share an internal code")
        self.lots = []
        self.notes = []
        self.certificates = []
        self.learn = []                 # (stem, Content) validated before the set
        self.used_keys = set()          # every lot key drawn (any supplier)
        self.pos = set()
        self.cert_required = {}

    # -- drawing ------------------------------------------------------------
    def new_number(self, sup, mfg):
        for _ in range(1000):
            number = content.ident(sup.lot_pattern, self.rng, mfg)
            if lot_key(number) not in self.used_keys and len(lot_key(number)) >= 4:
                self.used_keys.add(lot_key(number))
                return number
        raise SystemExit(f"lotgen: no new lot number for {sup.id}")

    def new_po(self, order_date):
        while True:
            po = content.ident(self.buyer.po_pattern, self.rng, order_date)
            if po not in self.pos:
                self.pos.add(po)
                return po

    def expiry_of(self, article, mfg):
        months = article.product[6]
        if not months:
            return None
        e = mfg + timedelta(days=int(months * 30.4))
        if e <= self.today + timedelta(days=30):   # nothing expired or short of shelf life
            e = self.today + timedelta(days=self.rng.randint(60, 400))
        return e

    def new_lot(self, article, ship, number=None):
        mfg = ship - timedelta(days=self.rng.randint(3, 90))
        number = number or self.new_number(article.sup, mfg)
        lot = Lot(f"L{len(self.lots) + 1:04d}", article, number, mfg, self.expiry_of(article, mfg))
        self.lots.append(lot)
        return lot

    def ship_date(self):
        d = self.today - timedelta(days=self.rng.randint(2, 150))
        while d.weekday() >= 5:
            d -= timedelta(days=1)
        return d

    # -- delivery notes -------------------------------------------------------
    def make_notes(self, count):
        rng = self.rng
        dates = sorted(self.ship_date() for _ in range(count))
        for k in range(count):
            sup = self.suppliers[k % len(self.suppliers)]
            ship = dates[k]
            note = Note(sup, self.new_po(ship - timedelta(days=rng.randint(3, 25))), ship)
            arts = rng.sample(self.articles[sup.id], min(len(self.articles[sup.id]), rng.choice([1, 2, 2, 3, 3, 4])))
            for art in arts:
                earlier = [l for l in self.lots if l.article is art and l.deliveries
                           and all(n.po != note.po for n, _ in l.deliveries)]
                others = [l for l in self.lots if l.sup is sup and l.article is not art
                          and not any(o.key == l.key and o.article is art for o in self.lots)]
                roll = rng.random()
                if earlier and roll < 0.12:
                    lot = rng.choice(earlier)                       # the rest of a lot delivered before
                elif others and roll < 0.26:
                    # A number another article has, mostly from an earlier delivery.
                    elsewhere = [l for l in others if all(n is not note for n, _ in l.deliveries)]
                    pool = elsewhere if elsewhere and rng.random() < 0.7 else others
                    lot = self.new_lot(art, ship, rng.choice(pool).number)
                else:
                    lot = self.new_lot(art, ship)
                printed = lot.number if rng.random() < 0.75 else rng.choice(lot_forms(lot.number, rng))
                quantity = content.draw_qty(art.product, rng)
                lot.deliveries.append((note, len(note.lines)))
                note.lines.append((lot, printed, quantity))
            self.notes.append(note)

    # -- certificates ---------------------------------------------------------
    def make_traps(self, count):
        """Two lots of one supplier with one number, of two articles, on an
        earlier and a later delivery note, and a certificate of each naming
        neither article nor order, ingested between the two notes: when it
        comes, the earlier lot is the only candidate (the right one for the
        first certificate, the wrong one for the second); by the end the rules
        cannot choose. Returns how many pairs were made."""
        rng = self.rng
        made = 0
        for sup in rng.sample(self.suppliers, len(self.suppliers)):
            notes = [n for n in self.notes if n.sup is sup]
            if made >= count or len(notes) < 2:
                continue
            early, late = notes[0], notes[-1]
            pair = None
            for a_lot, _, _ in early.lines:
                if any(l is not a_lot and l.sup is sup and l.key == a_lot.key for l in self.lots):
                    continue  # already not alone with its number
                for i, (b_lot, _, quantity) in enumerate(late.lines):
                    if (b_lot.article is not a_lot.article and len(b_lot.deliveries) == 1
                            and not any(l is not b_lot and l.sup is sup and l.key == b_lot.key for l in self.lots)
                            and not any(l.sup is sup and l.article is b_lot.article and l.key == a_lot.key
                                        for l in self.lots)):
                        pair = (a_lot, b_lot, i, quantity)
                        break
                if pair:
                    break
            if not pair:
                continue
            a_lot, b_lot, i, quantity = pair
            b_lot.number, b_lot.key = a_lot.number, a_lot.key
            printed = a_lot.number if rng.random() < 0.5 else rng.choice(lot_forms(a_lot.number, rng))
            late.lines[i] = (b_lot, printed, quantity)
            for lot in (a_lot, b_lot):
                c = Certificate(sup, POSITIVE)
                c.lot, c.number, c.article_by = lot, lot.number, "none"
                c.where = rng.uniform(self.notes.index(early) + 0.01, self.notes.index(late) - 0.01)
                self.certificates.append(c)
            made += 1
        return made

    def name_article(self, c, article, modes=("internal", "supplier", "none"), weights=(4, 4, 2)):
        c.article_by = self.rng.choices(modes, weights)[0]
        c.article = None if c.article_by == "none" else article

    def make_certificates(self, share, negatives):
        rng = self.rng
        for lot in self.lots:
            if not lot.deliveries or rng.random() >= share:
                continue
            c = Certificate(lot.sup, POSITIVE)
            c.lot, c.number = lot, lot.number
            shared = any(l is not lot and l.sup is lot.sup and l.key == lot.key for l in self.lots)
            # A number two articles share: as often without an article as with one.
            self.name_article(c, lot.article, weights=(1, 1, 2) if shared else (4, 4, 2))
            c.po = rng.choice(sorted(lot.orders())) if rng.random() < 0.5 else ""
            c.timing = "before" if rng.random() < 0.4 else "after"
            self.certificates.append(c)
        delivered = [l for l in self.lots if l.deliveries]
        for k in range(negatives):
            kind = NEGATIVE_KINDS[k % len(NEGATIVE_KINDS)]
            for _ in range(100):
                c = self.negative(kind, delivered)
                if c is not None:
                    self.certificates.append(c)
                    break
            else:
                raise SystemExit(f"lotgen: could not make a certificate of kind {kind}")
        for c in self.certificates:
            c.printed_lot = c.number if rng.random() < 0.4 else rng.choice(lot_forms(c.number, rng))

    def orders_of(self, sup):
        return sorted({n.po for n in self.notes if n.sup is sup})

    def negative(self, kind, delivered):
        rng = self.rng
        if kind == "unknown_lot":
            sup = rng.choice(self.suppliers)
            c = Certificate(sup, kind)
            c.number = self.new_number(sup, self.today - timedelta(days=rng.randint(10, 200)))
            self.name_article(c, rng.choice(self.articles[sup.id]))
            c.po = rng.choice(self.orders_of(sup) or [""]) if rng.random() < 0.4 else ""
            return c
        lot = rng.choice(delivered)
        sup = lot.sup
        if kind == "wrong_article":
            same_number = {l.article for l in self.lots if l.sup is sup and l.key == lot.key}
            others = [a for a in self.articles[sup.id] if a not in same_number]
            if not others:
                return None
            c = Certificate(sup, kind)
            c.number = lot.number
            self.name_article(c, rng.choice(others), ("internal", "supplier"), (1, 1))
            c.po = rng.choice(sorted(lot.orders())) if rng.random() < 0.4 else ""
            return c
        if kind == "wrong_order":
            same_number = [l for l in self.lots if l.sup is sup and l.key == lot.key]
            taken = set().union(*(l.orders() for l in same_number))
            free = [po for po in self.orders_of(sup) if po not in taken]
            if not free:
                return None
            c = Certificate(sup, kind)
            c.number = lot.number
            modes = ("internal", "supplier", "none") if len(same_number) == 1 else ("internal", "supplier")
            self.name_article(c, lot.article, modes, (4, 4, 2)[: len(modes)])
            c.po = rng.choice(free)
            return c
        if kind == "other_suppliers_lot":
            others = [s for s in self.suppliers if s is not sup
                      and not any(l.sup is s and l.key == lot.key for l in self.lots)]
            if not others:
                return None
            other = rng.choice(others)
            c = Certificate(other, kind)
            c.number = lot.number
            self.name_article(c, rng.choice(self.articles[other.id]))
            c.po = rng.choice(self.orders_of(other) or [""]) if rng.random() < 0.4 else ""
            return c
        raise ValueError(kind)

    # -- what the rules give ------------------------------------------------
    def expected_lot(self, c):
        """The lot the linking rules give the certificate once everything is
        accepted, or (None, why): same supplier and lot key; the article's
        internal or supplier code when it names one; delivered on its PO when
        it names one; exactly one such lot."""
        found = [l for l in self.lots if l.deliveries and l.sup is c.sup and l.key == lot_key(c.printed_lot)]
        if not found:
            return None, "no delivery of this lot"
        if c.article is not None:
            found = [l for l in found if l.article.internal_code == c.article.internal_code]
            if not found:
                return None, "not of this article"
        if c.po:
            found = [l for l in found if c.po in l.orders()]
            if not found:
                return None, "not on this order"
        if len(found) > 1:
            return None, "several lots match"
        return found[0], ""

    # -- ingest order -----------------------------------------------------------
    def order(self):
        """Notes in shipping order; each certificate before or after its lot's
        first delivery as drawn, the others anywhere."""
        rng = self.rng
        keyed = [(float(i), 0, n) for i, n in enumerate(self.notes)]
        for c in self.certificates:
            if c.where is not None:
                where = c.where
            elif c.lot is not None:
                first = min(self.notes.index(n) for n, _ in c.lot.deliveries)
                twins = [self.notes.index(n) for l in self.lots if l is not c.lot and l.sup is c.sup
                         and l.key == c.lot.key for n, _ in l.deliveries if self.notes.index(n) > first]
                if c.timing == "after" and twins:
                    # Between its delivery and that of the other lot with its number: linking
                    # must not stay with the first lot once the second one comes.
                    where = rng.uniform(first + 0.01, min(twins) - 0.01)
                elif c.timing == "before":
                    where = rng.uniform(max(-1.0, first - 8), first - 0.01)
                else:
                    where = rng.uniform(first + 0.01, min(len(self.notes), first + 8))
            else:
                where = rng.uniform(-1.0, len(self.notes))
            keyed.append((where, 1, c))
        keyed.sort(key=lambda t: (t[0], t[1]))
        return [x for _, _, x in keyed]


# --------------------------------------------------------------------------
# rendering through docgen


def note_content(g, note, number):
    sup, lay, rng = note.sup, note.sup.layout, g.rng
    order = note.ship - timedelta(days=rng.randint(3, 25))
    h = {"supplier_name": V(sup.name, sup.name),
         "po_number": V(note.po, note.po),
         "customer_number": V(content.customer_number(sup, g.buyer)),
         "delivery_note_number": V(number, number),
         "delivery_date": V(*fm.date_value(note.ship, lay.date_fmt)),
         "order_date": V(fm.fmt_date(order, lay.date_fmt)),
         "carrier": V(rng.choice(cat.CARRIERS))}
    cols = lay.dn_cols.split()
    rows, idxs = [], []
    for lot, printed, quantity in note.lines:
        art = lot.article
        q_printed, q_truth = fm.qty_value(quantity, lay.qty_mode, lay.num_fmt)
        desc = content.describe(lay, art.product, rng)
        row = {"supplier_article_code": V(art.supplier_code, art.supplier_code),
               "description": V(desc, desc),
               "quantity": V(q_printed, q_truth),
               "unit": V(art.unit, art.unit)}
        if "I" in cols and lay.internal_code:
            row["internal_article_code"] = V(art.internal_code, art.internal_code)
        if "L" in cols:
            row["lot_number"] = V(printed, printed)
        if lot.expiry and "E" in cols:
            row["expiry_date"] = V(*fm.expiry_value(lot.expiry, lay.date_fmt, lay.expiry_fmt))
        rows.append(row)
        idxs.append(art.idx)
    h["packages"] = V(str(len(rows) + rng.randint(0, 6)))
    weight = Decimal(rng.randint(20, 4000)) + Decimal(rng.randint(0, 9)) / 10
    h["weight"] = V(fm.fmt_number(weight, 1, lay.num_fmt) + " kg")
    extra = {"gs1": content.dn_gs1(sup, h, rows, idxs)} if lay.gs1 else {}
    return content.Content("delivery_note", sup, g.buyer, h, rows, extra)


def certificate_content(g, c, number):
    sup, lay, rng = c.sup, c.sup.layout, g.rng
    base = content.certificate(sup, g.buyer, rng)   # tests, signer, dates, quantity
    h = base.header
    h["certificate_number"] = V(number, number)
    for key in ("po_number", "article_code", "lot_number", "expiry_date"):
        h.pop(key, None)
    if c.po:
        h["po_number"] = V(c.po, c.po)
    article = c.article or (c.lot.article if c.lot else rng.choice(g.articles[sup.id]))
    if c.article is not None:
        code = c.article.internal_code if c.article_by == "internal" else c.article.supplier_code
        h["article_code"] = V(code, code)
    h["product"] = V(content.describe(lay, article.product, rng, 0.0))
    h["lot_number"] = V(c.printed_lot, c.printed_lot)
    lot = c.lot
    expiry = lot.expiry if lot else g.expiry_of(article, g.today - timedelta(days=rng.randint(10, 90)))
    if expiry:
        h["expiry_date"] = V(*fm.expiry_value(expiry, lay.date_fmt, lay.expiry_fmt))
    if lot:
        h["mfg_date"] = V(fm.fmt_date(lot.mfg, lay.date_fmt))
        h["dn_ref"] = V(lot.deliveries[0][0].number)
    base.extra.pop("gs1", None)
    if lay.gs1 and c.article is not None:   # GS1 identifies the article: only when it is named
        els = content.gs1_item(sup, article.idx, h)
        if lay.gs1 == "full" and c.po:
            els += content.po_element(h)
        base.extra["gs1"] = [{"role": "product", "line": None, "elements": e}
                             for e in content.gs1.pack(els)]
    return base


def write_document(c, path, title):
    doc = render.render(c)
    lines = doc.text_lines()
    missing = checks.missing_truth(c, lines)
    if missing:
        raise SystemExit(f"lotgen: {path}: truth values not printed: {missing}")
    bad = checks.gs1_problems(doc.codes, c.truth(), lines)
    if bad:
        raise SystemExit(f"lotgen: {path}: barcodes disagree with the truth: {bad}")
    draw.write_pdf(doc, path, title, c.supplier.name)
    with open(path[:-4] + ".json", "w", encoding="utf-8") as f:
        json.dump(c.truth(), f, ensure_ascii=False, indent=1)
        f.write("\n")


# --------------------------------------------------------------------------
# the ERP copy (docs/erp.md, `files` connector)


def erp_rows(g):
    rng = random.Random(f"lotgen/erp/{g.rng.random()}")
    suppliers, articles, orders, lines = [], [], [], []
    ids = {}
    for n, sup in enumerate(g.suppliers):
        ids[sup.id] = f"F{20000 + 10 * n + rng.randint(0, 9)}"
        legal = sup.legal.format(vat=sup.vat) if "{vat}" in sup.legal else sup.legal
        siret = re.search(r"SIRET\s*:?\s*(\d{3} ?\d{3} ?\d{3} ?\d{5})", legal)
        iban = re.search(r"IBAN\s*:?\s*([A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){2,8})", sup.bank or "")
        suppliers.append({"supplier_id": ids[sup.id], "name": sup.name,
                          "vat_number": compact(sup.vat) if sup.vat else "",
                          "registration_number": compact(siret.group(1)) if siret else "",
                          "iban": compact(iban.group(1)) if iban else ""})
        for art in g.articles[sup.id]:
            articles.append({"article_code": art.internal_code, "supplier_id": ids[sup.id],
                             "supplier_article_code": art.supplier_code, "description": art.description,
                             "unit": fold(art.unit), "min_shelf_life_days": "0",
                             "certificate_required": "true" if g.cert_required[art.internal_code, sup.id] else "false",
                             "lot_managed": "true"})
    for note in g.notes:
        orders.append({"po_number": note.po, "supplier_id": ids[note.sup.id], "status": "open",
                       "order_date": (note.ship - timedelta(days=rng.randint(5, 40))).isoformat()})
        for i, (lot, _, quantity) in enumerate(note.lines):
            art = lot.article
            price = Decimal(str(content.base_price(art.sup, art.idx, *art.product[5]))).quantize(Decimal("0.01"))
            lines.append({"po_number": note.po, "line": str(10 * (i + 1)), "article_code": art.internal_code,
                          "quantity_ordered": fm.plain(quantity * rng.choice([1, 1, 2]), 3).rstrip("0").rstrip("."),
                          "quantity_received": "0", "unit": fold(art.unit), "unit_price": str(price),
                          "currency": art.sup.currency, "description": art.description,
                          "expected_date": note.ship.isoformat()})
    return suppliers, articles, orders, lines


def write_csv(path, cols, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in cols})


# --------------------------------------------------------------------------


def generate(args):
    g = Generator(args)
    rng = g.rng
    for sup in g.suppliers:
        for art in g.articles[sup.id]:
            g.cert_required[art.internal_code, sup.id] = rng.random() < 0.3
    g.make_notes(args.notes)
    traps = g.make_traps(args.traps)
    g.make_certificates(args.certified, max(4, round(args.negatives * args.notes)))
    # One delivery note and one certificate per supplier, validated before the
    # set so that quai knows the layouts (their lots are apart from the set's).
    learn_notes, learn_certs = [], []
    for sup in g.suppliers:
        ship = g.today - timedelta(days=200)
        note = Note(sup, g.new_po(ship - timedelta(days=10)), ship)
        for art in g.articles[sup.id][:2]:
            lot = g.new_lot(art, ship)
            lot.deliveries.append((note, len(note.lines)))
            note.lines.append((lot, lot.number, content.draw_qty(art.product, rng)))
        learn_notes.append(note)
        c = Certificate(sup, "learn")
        c.lot = note.lines[0][0]
        c.number = c.printed_lot = c.lot.number
        c.article, c.article_by, c.po = c.lot.article, "supplier", note.po
        learn_certs.append(c)
    learn_lots = {l.id for n in learn_notes for l, _, _ in n.lines}

    out = args.out
    for sub in ("docs", "learn", "erp"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    draw.register_fonts()
    numbers = set()

    def number_of(pattern, d):
        while True:
            n = content.ident(pattern, rng, d)
            if n not in numbers:
                numbers.add(n)
                return n

    for k, note in enumerate(learn_notes):
        note.number = number_of(note.sup.dn_pattern, note.ship)
        note.file = f"learn-{k + 1:02d}-dn.pdf"
        c = note_content(g, note, note.number)
        write_document(c, os.path.join(out, "learn", note.file), "learn " + note.file)
    for k, cert in enumerate(learn_certs):
        cert.file = f"learn-{k + 1:02d}-coc.pdf"
        c = certificate_content(g, cert, number_of(cert.sup.coc_pattern, g.today))
        write_document(c, os.path.join(out, "learn", cert.file), "learn " + cert.file)

    order = g.order()
    manifest = []
    for k, item in enumerate(order):
        name = f"doc-{k + 1:04d}.pdf"
        item.file = name
        if isinstance(item, Note):
            item.number = number_of(item.sup.dn_pattern, item.ship)
    for item in order:
        path = os.path.join(out, "docs", item.file)
        if isinstance(item, Note):
            c = note_content(g, item, item.number)
            kind = "delivery_note"
        else:
            c = certificate_content(g, item, number_of(item.sup.coc_pattern, g.today))
            kind = "certificate_of_conformity"
        write_document(c, path, item.file)
        manifest.append({"file": "docs/" + item.file, "document_type": kind, "supplier": item.sup.id,
                         "supplier_name": item.sup.name})

    # What each certificate should give, from the rules.
    expected = []
    for cert in g.certificates:
        lot, why = g.expected_lot(cert)
        intended = cert.lot if cert.kind == POSITIVE else None
        category = cert.kind
        if cert.kind == POSITIVE and lot is None:
            # The rules cannot choose: never a guess (traps: not even the one that was alone when it came).
            category = "shared_number_no_article" if cert.where is None else "shared_number_second_lot_later"
        elif cert.kind == POSITIVE and cert.article is None and any(
                l is not cert.lot and l.sup is cert.sup and l.key == cert.lot.key and l.deliveries for l in g.lots):
            category = "shared_number_order_decides"
        elif cert.kind != POSITIVE and lot is not None:
            raise SystemExit(f"lotgen: {cert.file} ({cert.kind}) would link to {lot.id}")
        if cert.kind == POSITIVE and lot is not None and lot is not intended:
            raise SystemExit(f"lotgen: {cert.file} would link to {lot.id}, not {intended.id}")
        first = None
        if cert.lot is not None:
            first = min(n.file for n, _ in cert.lot.deliveries)
        expected.append({
            "file": cert.file, "supplier": cert.sup.id, "category": category,
            "expect": "linked" if lot else "unlinked", "reason": why,
            "lot": None if lot is None else {
                "id": lot.id, "number": lot.number, "article_code": lot.article.internal_code,
                "deliveries": [[n.file, i] for n, i in lot.deliveries]},
            "certified_lot": None if cert.lot is None else cert.lot.id,
            "lot_printed": cert.printed_lot, "article_by": cert.article_by,
            "article_code": "" if cert.article is None else (
                cert.article.internal_code if cert.article_by == "internal" else cert.article.supplier_code),
            "po_number": cert.po,
            "timing": "before" if first and cert.file < first else ("after" if first else "none")})
    expected.sort(key=lambda e: e["file"])

    suppliers, articles, orders, lines = erp_rows(g)
    write_csv(os.path.join(out, "erp", "suppliers.csv"), SUPPLIER_COLS, suppliers)
    write_csv(os.path.join(out, "erp", "articles.csv"), ARTICLE_COLS, articles)
    write_csv(os.path.join(out, "erp", "purchase_orders.csv"), PO_COLS, orders)
    write_csv(os.path.join(out, "erp", "purchase_order_lines.csv"), POL_COLS, lines)
    with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for m in manifest:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "expected.jsonl"), "w", encoding="utf-8") as f:
        for e in expected:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "lots.jsonl"), "w", encoding="utf-8") as f:
        for lot in g.lots:
            if lot.id in learn_lots or not lot.deliveries:
                continue
            f.write(json.dumps({"id": lot.id, "supplier": lot.sup.id, "number": lot.number,
                                "article_code": lot.article.internal_code,
                                "supplier_article_code": lot.article.supplier_code,
                                "certificate_required": g.cert_required[lot.article.internal_code, lot.sup.id],
                                "deliveries": [[n.file, i] for n, i in lot.deliveries]}) + "\n")
    with open(os.path.join(out, "today"), "w") as f:
        f.write(g.today.isoformat() + "\n")
    counts = {}
    for e in expected:
        counts[e["category"]] = counts.get(e["category"], 0) + 1
    print(f"lotgen: {len(g.notes)} delivery notes ({sum(len(n.lines) for n in g.notes)} lines, "
          f"{sum(1 for l in g.lots if l.deliveries) - len(learn_lots)} lots), {len(expected)} certificates "
          f"({sum(e['expect'] == 'linked' for e in expected)} to link; "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + f"), {len(suppliers)} suppliers; "
          f"{traps} of them pairs ingested between two lots with one number; "
          f"learn: {len(learn_notes) + len(learn_certs)} documents", file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--family", default="dev", choices=sorted(cast.FAMILIES))
    ap.add_argument("--suppliers", type=int, default=0, help="the family's first N suppliers (0: all)")
    ap.add_argument("--notes", type=int, default=60, help="delivery notes")
    ap.add_argument("--certified", type=float, default=0.75, help="share of delivered lots with a certificate")
    ap.add_argument("--negatives", type=float, default=0.6,
                    help="certificates that must stay unlinked, per delivery note")
    ap.add_argument("--traps", type=int, default=3,
                    help="pairs of certificates that link to a lot that a later delivery makes ambiguous")
    ap.add_argument("--today", default=DEFAULT_TODAY)
    generate(ap.parse_args(argv))


if __name__ == "__main__":
    main()
