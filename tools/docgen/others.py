"""Content of `other` documents: supplier mail that is none of the four types.

The classifier must learn to answer `other` for these instead of forcing a
type, so several are close to the real types on purpose:

- order_confirmation: "Accusé de réception de commande" / "Order confirmation";
  a PO number, dates and a table of articles with prices, like an invoice or a
  delivery note.
- quotation: "Devis" / "Quotation" / "Angebot", priced lines and totals.
- price_list: the supplier's tariff, article codes and price breaks.
- letter: general correspondence (price revision, closure, bank details,
  documents enclosed, reply to a claim, payment reminder, new contact); some
  mention a PO, a delivery note, a lot or an invoice number in running text.
- statement: "Relevé de compte" / "Statement of account", a list of invoice
  numbers, due dates and balances.
- flyer: marketing leaflet.

Truth is always {"document_type": "other", "fields": {}, "lines": []}: every
value here is a V(printed) with truth None.  Wording that is fixed per
supplier (titles, labels, number patterns) is chosen with cast._pick-style
hashes of the supplier, never with the seed.
"""
import zlib
from datetime import date, timedelta
from decimal import Decimal

import catalogue as cat
import formats as fm
from content import (V, Content, article_code, base_price, business_day, choose_products,
                     common_header, customer_number, describe, draw_qty, ident, unit_name)

KINDS = ("order_confirmation", "quotation", "price_list", "letter", "statement", "flyer")
# Kinds in turn (order confirmations, the hardest, most often): any ten
# consecutive `other` documents of a run cover every kind.
CYCLE = ("order_confirmation", "letter", "quotation", "statement", "order_confirmation",
         "price_list", "letter", "flyer", "order_confirmation", "quotation")

# Suppliers whose own language is neither French nor English print their
# titles in both ("ANGEBOT / QUOTATION").
NATIVE = {"DE": "de", "NL": "nl", "IT": "it", "ES": "es"}

TITLES = {
    "order_confirmation": {
        "fr": ["ACCUSÉ DE RÉCEPTION DE COMMANDE", "Accusé de réception de commande",
               "CONFIRMATION DE COMMANDE", "Confirmation de commande"],
        "en": ["ORDER CONFIRMATION", "Order Confirmation", "ORDER ACKNOWLEDGEMENT",
               "Sales Order Acknowledgement"],
        "de": "AUFTRAGSBESTÄTIGUNG", "nl": "ORDERBEVESTIGING", "it": "CONFERMA D'ORDINE",
        "es": "CONFIRMACIÓN DE PEDIDO"},
    "quotation": {
        "fr": ["DEVIS", "Devis", "OFFRE DE PRIX", "PROPOSITION COMMERCIALE"],
        "en": ["QUOTATION", "Quotation", "PRICE QUOTATION", "QUOTE"],
        "de": "ANGEBOT", "nl": "OFFERTE", "it": "OFFERTA", "es": "PRESUPUESTO"},
    "price_list": {
        "fr": ["TARIF {year}", "LISTE DE PRIX {year}", "Tarif professionnel {year}"],
        "en": ["PRICE LIST {year}", "Trade Price List {year}", "PRICE LIST"],
        "de": "PREISLISTE {year}", "nl": "PRIJSLIJST {year}", "it": "LISTINO PREZZI {year}",
        "es": "LISTA DE PRECIOS {year}"},
    "statement": {
        "fr": ["RELEVÉ DE COMPTE", "Relevé de compte client", "RELEVÉ DE FACTURES"],
        "en": ["STATEMENT OF ACCOUNT", "Statement", "CUSTOMER STATEMENT"],
        "de": "KONTOAUSZUG", "nl": "REKENINGOVERZICHT", "it": "ESTRATTO CONTO",
        "es": "EXTRACTO DE CUENTA"},
}

NUMBERS = {
    "order_confirmation": {"fr": ["AR{yy}{n5}", "ARC-{n6}", "CDE-{yy}{n4}", "CC{yy}{n5}"],
                           "en": ["SO{n6}", "OC-{yy}{n5}", "ACK-{n6}", "SO-{yyyy}-{n4}"]},
    "quotation": {"fr": ["DEV{yy}-{n4}", "D{yy}{n5}", "OFF-{n5}", "DV{n6}"],
                  "en": ["Q{n6}", "QT-{yy}{n4}", "QUO-{n5}", "SQ{yy}{n4}"]},
    "price_list": {"fr": ["T{yyyy}-{n2}", "TARIF-{yyyy}-{A}"],
                   "en": ["PL{yyyy}-{n2}", "PL-{yy}{A}"]},
    "statement": {"fr": ["R{yy}{mm}-{n4}", "RC{n6}"], "en": ["ST{yy}{mm}{n4}", "S-{n6}"]},
    "credit_note": {"fr": ["AV{yy}{n4}", "AV-{n5}"], "en": ["CN-{n5}", "CR{yy}{n4}"]},
}

LABELS = {
    "fr": {
        "oc_number": ["N° ARC", "Confirmation n°", "N° de commande interne", "Notre réf."],
        "oc_date": ["Date", "Date de l'AR", "Établi le"],
        "planned": ["Date de livraison prévue", "Livraison prévue le", "Délai confirmé",
                    "Expédition prévue le"],
        "q_number": ["Devis n°", "N° d'offre", "Offre n°", "Référence devis"],
        "q_date": ["Date", "Date du devis", "Établi le"],
        "valid": ["Valable jusqu'au", "Validité de l'offre", "Offre valable jusqu'au"],
        "enquiry": ["Votre demande du", "Suite à votre demande du", "Votre consultation du"],
        "contact": ["Votre contact", "Affaire suivie par", "Interlocuteur"],
        "pl_number": ["Tarif n°", "Réf. tarif", "Liste de prix n°"],
        "valid_from": ["Applicable à partir du", "Valable à compter du", "Date d'effet"],
        "st_date": ["Relevé au", "Date du relevé", "Situation au"],
        "period": ["Période", "Période du relevé"],
        "st_number": ["Relevé n°", "N° de relevé"],
        "addressee": ["À l'attention de", "Destinataire", "Client"],
        "col_date": ["Délai", "Date livr.", "Livraison", "Date prévue"],
        "col_qty": ["Qté", "Quantité", "Qté cdée"],
        "col_disc": ["Remise", "Rem. %", "Remise %"],
    },
    "en": {
        "oc_number": ["Confirmation No.", "Sales order No.", "Our ref.", "Acknowledgement No."],
        "oc_date": ["Date", "Order acknowledged on", "Date issued"],
        "planned": ["Planned delivery date", "Estimated ship date", "Confirmed delivery",
                    "Scheduled dispatch"],
        "q_number": ["Quotation No.", "Quote ref.", "Quote No.", "Offer No."],
        "q_date": ["Date", "Quotation date", "Issued on"],
        "valid": ["Valid until", "Offer valid to", "Validity"],
        "enquiry": ["Your enquiry of", "Your request dated", "Your RFQ of"],
        "contact": ["Your contact", "Sales contact", "Account manager"],
        "pl_number": ["Price list No.", "List ref.", "Tariff No."],
        "valid_from": ["Effective from", "Valid from", "Prices effective"],
        "st_date": ["Statement date", "As at", "Statement as of"],
        "period": ["Period", "Statement period"],
        "st_number": ["Statement No.", "Ref."],
        "addressee": ["Attention", "Prepared for", "Customer"],
        "col_date": ["Ship date", "Delivery", "Est. ship", "Due date"],
        "col_qty": ["Qty", "Quantity", "Qty ordered"],
        "col_disc": ["Disc.", "Discount", "Disc. %"],
    },
}

SALES_PEOPLE = {
    "fr": ("Nathalie Perrin", "Thomas Lefèvre", "Camille Roussel", "Élodie Martin",
           "Guillaume Barbier", "Karine Dupuis"),
    "en": ("Sarah Mitchell", "James Whitfield", "Laura Bennett", "Peter Novak",
           "Rachel Moore", "Tom Hughes"),
}
SALES_ROLES = {
    "fr": ("Service commercial", "Administration des ventes", "Responsable grands comptes",
           "Assistante commerciale", "Directeur commercial"),
    "en": ("Sales Department", "Customer Service", "Key Account Manager", "Sales Administrator",
           "Sales Director"),
}


def pick(sup, key, options):
    """A fixed choice per supplier (like cast._pick, never the seed)."""
    return options[zlib.crc32(f"{sup.id}/{key}".encode("utf-8")) % len(options)]


def lbl(sup, key):
    lay = sup.layout
    text = pick(sup, "oth/" + key, LABELS[lay.lang][key])
    return text.upper() if lay.upper_labels else text


def title(sup, kind, year: int) -> str:
    lay = sup.layout
    t = TITLES[kind]
    own = pick(sup, "title/" + kind, t[lay.lang]).format(year=year)
    native = NATIVE.get(sup.country)
    if native:
        eng = t["en"][0].format(year=year).replace(f" {year}", "")
        return f"{t[native].format(year=year)} / {eng}"
    return own


def number(sup, kind, rng, d):
    return ident(pick(sup, "num/" + kind, NUMBERS[kind][sup.layout.lang]), rng, d)


def money(x, lay, decimals=2):
    return fm.money_value(x, lay.num_fmt, decimals)[0]


def money_cur(x, sup, decimals=2):
    return fm.with_currency(money(x, sup.layout, decimals), sup.currency,
                            sup.layout.currency_display if sup.layout.currency_display != "field"
                            else "code_suffix")


def sales_person(sup, rng):
    lang = sup.layout.lang
    return rng.choice(SALES_PEOPLE[lang]), pick(sup, "sales_role", SALES_ROLES[lang])


# --------------------------------------------------------------------------
# priced lines (order confirmations, quotations)

def priced_lines(sup, rng, n, with_dates=None, discount=False):
    lay = sup.layout
    rows, total = [], Decimal(0)
    for idx in choose_products(sup, rng, n):
        p = cat.CATALOGUE[sup.sector][idx]
        qty = draw_qty(p, rng)
        q_printed, q_plain = fm.qty_value(qty, lay.qty_mode, lay.num_fmt)
        price = Decimal(str(base_price(sup, idx, *p[5]) * rng.uniform(0.97, 1.05)))
        price = fm.quantize(price, lay.price_decimals)
        disc = Decimal(rng.choice([0, 0, 0, 3, 5, 10])) if discount else Decimal(0)
        amount = fm.quantize(Decimal(q_plain) * price * (100 - disc) / 100, 2)
        total += amount
        row = {"code": V(article_code(sup, idx)), "desc": V(describe(lay, p, rng)),
               "qty": V(q_printed), "unit": V(unit_name(lay, p[2])),
               "price": V(money(price, lay, lay.price_decimals)),
               "amount": V(money(amount, lay)), "vat": V(fm.percent(sup.tax_rate, lay.num_fmt))}
        if with_dates:
            row["date"] = V(fm.fmt_date(with_dates + timedelta(days=rng.choice([0, 0, 0, 7, 14])),
                                        lay.date_fmt))
        if discount:
            row["disc"] = V(fm.percent(disc, lay.num_fmt) if disc else "")
        rows.append(row)
    return rows, total


def totals(sup, total):
    tax = fm.quantize(total * sup.tax_rate / 100, 2)
    lay = sup.layout
    return {"total_excl_tax": V(money_cur(total, sup)), "total_tax": V(money_cur(tax, sup)),
            "total_incl_tax": V(money_cur(total + tax, sup)),
            "tax_rate": V(fm.percent(sup.tax_rate, lay.num_fmt))}


def n_lines(rng):
    return rng.randint(12, 30) if rng.random() < 0.12 else rng.randint(1, 7)


def order_confirmation(sup, buyer, rng):
    lay = sup.layout
    d = business_day(rng)
    order = d - timedelta(days=rng.randint(0, 4))
    planned = d + timedelta(days=rng.randint(3, 30))
    h = common_header(sup, buyer, lay, rng, d, order)
    h["po_number"].truth = None  # printed, but an order confirmation has no schema
    h["doc_number"] = V(number(sup, "order_confirmation", rng, d))
    h["date"] = V(fm.fmt_date(d, lay.date_fmt))
    h["order_date"] = V(fm.fmt_date(order, lay.date_fmt))
    h["planned"] = V(fm.fmt_date(planned, lay.date_fmt))
    rows, total = priced_lines(sup, rng, n_lines(rng), with_dates=planned)
    h.update(totals(sup, total))
    fr = lay.lang == "fr"
    po = h["po_number"].printed
    intro = (f"Nous vous remercions de votre commande n° {po} du {h['order_date'].printed}, "
             "que nous confirmons aux conditions ci-dessous." if fr else
             f"Thank you for your order {po} dated {h['order_date'].printed}, which we "
             "confirm as follows.")
    notes = ([f"Merci de vérifier cette confirmation : sans observation de votre part sous "
              f"{rng.choice([24, 48])} heures, la commande est considérée comme acceptée.",
              "Ce document ne vaut pas facture. Les délais sont donnés à titre indicatif.",
              "Nos ventes sont soumises à nos conditions générales de vente."] if fr else
             [f"Please check this acknowledgement and advise any discrepancy within "
              f"{rng.choice([24, 48])} hours.",
              "This is not an invoice. Delivery dates are estimates.",
              "All sales are subject to our standard terms and conditions."])
    pairs = [("oc_number", "doc_number"), ("oc_date", "date"), ("po", "po_number"),
             ("order_date", "order_date"), ("planned", "planned"),
             ("customer_number", "customer_number")]
    return h, rows, {"intro": intro, "notes": notes, "pairs": pairs,
                     "addr": lay.label("ship_to"), "sales": sales_person(sup, rng),
                     "year": d.year}


def quotation(sup, buyer, rng):
    lay = sup.layout
    d = business_day(rng)
    enquiry = d - timedelta(days=rng.randint(1, 12))
    valid = d + timedelta(days=rng.choice([30, 30, 60, 90]))
    h = {"supplier_name": V(sup.name), "customer_number": V(customer_number(sup, buyer)),
         "doc_number": V(number(sup, "quotation", rng, d)),
         "date": V(fm.fmt_date(d, lay.date_fmt)), "valid": V(fm.fmt_date(valid, lay.date_fmt)),
         "enquiry": V(fm.fmt_date(enquiry, lay.date_fmt))}
    name, role = sales_person(sup, rng)
    h["contact"] = V(name)
    discount = zlib.crc32(f"{sup.id}/q_disc".encode()) % 2 == 0
    rows, total = priced_lines(sup, rng, n_lines(rng), discount=discount)
    h.update(totals(sup, total))
    fr = lay.lang == "fr"
    lead = rng.choice([1, 2, 3, 4])
    free = fm.with_currency(fm.fmt_number(Decimal(rng.choice([500, 800, 1000, 1500])), 0,
                                          lay.num_fmt), sup.currency, "symbol_suffix"
                            if lay.lang == "fr" else "symbol_prefix")
    intro = (f"Suite à votre demande du {h['enquiry'].printed}, nous avons le plaisir de vous "
             "soumettre notre meilleure offre pour les articles suivants :" if fr else
             f"Further to your enquiry of {h['enquiry'].printed}, we are pleased to quote as "
             "follows:")
    notes = ([f"Validité de l'offre : jusqu'au {h['valid'].printed}.",
              f"Délai de livraison : {lead} semaine{'s' if lead > 1 else ''} à réception de "
              "commande, sauf vente entre-temps.",
              f"Franco de port à partir de {free} HT.",
              f"Règlement : {rng.choice([30, 45, 60])} jours net date de facture.",
              "Offre soumise à nos conditions générales de vente."] if fr else
             [f"This quotation is valid until {h['valid'].printed}.",
              f"Lead time: {lead} week{'s' if lead > 1 else ''} from receipt of order, "
              "subject to prior sale.",
              f"Carriage paid on orders over {free} net.",
              f"Payment terms: {rng.choice([30, 45, 60])} days net from invoice date.",
              "Prices are subject to our standard terms and conditions of sale."])
    pairs = [("q_number", "doc_number"), ("q_date", "date"), ("valid", "valid"),
             ("enquiry", "enquiry"), ("customer_number", "customer_number"),
             ("contact", "contact")]
    return h, rows, {"intro": intro, "notes": notes, "pairs": pairs,
                     "addr": lbl(sup, "addressee"), "sales": (name, role),
                     "discount": discount, "year": d.year}


def price_list(sup, buyer, rng):
    lay = sup.layout
    d = business_day(rng)
    start = date(d.year + (1 if d.month >= 11 else 0), 1 if d.month >= 11 or d.month < 4 else
                 rng.choice([4, 7]), 1)
    h = {"supplier_name": V(sup.name), "customer_number": V(customer_number(sup, buyer)),
         "doc_number": V(number(sup, "price_list", rng, start)),
         "date": V(fm.fmt_date(d, lay.date_fmt)),
         "valid_from": V(fm.fmt_date(start, lay.date_fmt))}
    tiers = rng.choice([(1, 10, 50), (1, 5, 20), (1, 25, 100)])
    fr = lay.lang == "fr"
    tier_heads = ([f"{tiers[0]}–{tiers[1] - 1}", f"{tiers[1]}–{tiers[2] - 1}", f"≥ {tiers[2]}"])
    rows = []
    bump = Decimal(str(rng.uniform(1.0, 1.06)))
    for idx, p in enumerate(cat.CATALOGUE[sup.sector]):
        base = Decimal(str(base_price(sup, idx, *p[5]))) * bump
        prices = [fm.quantize(base * Decimal(k), lay.price_decimals)
                  for k in ("1", "0.96", "0.92")]
        pack = p[9][0 if fr else 1]
        rows.append({"code": V(article_code(sup, idx)),
                     "desc": V(p[0] if fr else p[1]), "pack": V(pack),
                     "unit": V(unit_name(lay, p[2])),
                     "prices": [V(money(x, lay, lay.price_decimals)) for x in prices]})
    cur = sup.currency
    free = fm.fmt_number(Decimal(rng.choice([500, 750, 1000, 1500])), 0, lay.num_fmt)
    notes = ([f"Prix unitaires en {cur} hors taxes, départ usine, par unité de vente.",
              f"Franco de port à partir de {free} {cur} HT par commande.",
              "Ce tarif annule et remplace tout tarif antérieur. Prix susceptibles de "
              "modification sans préavis en cas de variation exceptionnelle des matières "
              "premières.",
              f"Conditions générales de vente disponibles sur {sup.web}."] if fr else
             [f"Unit prices in {cur}, excluding VAT, ex works, per sales unit.",
              f"Free delivery on orders over {free} {cur} net.",
              "This price list supersedes all previous lists. Prices may change without "
              "notice in case of exceptional raw material price movements.",
              f"Terms and conditions of sale: {sup.web}."])
    pairs = [("pl_number", "doc_number"), ("valid_from", "valid_from"),
             ("customer_number", "customer_number")]
    return h, [], {"year": start.year, "price_rows": rows, "tier_heads": tier_heads, "notes": notes,
                   "pairs": pairs, "addr": lbl(sup, "addressee"),
                   "intro": (f"Veuillez trouver ci-dessous nos prix applicables à compter du "
                             f"{h['valid_from'].printed}." if fr else
                             f"Please find below our prices effective "
                             f"{h['valid_from'].printed}.")}


def statement(sup, buyer, rng):
    lay = sup.layout
    d = business_day(rng)
    end = fm.last_day_of_month(d - timedelta(days=28))
    begin = date(end.year, end.month, 1) - timedelta(days=rng.choice([0, 31, 61]))
    begin = date(begin.year, begin.month, 1)
    fr = lay.lang == "fr"
    h = {"supplier_name": V(sup.name), "customer_number": V(customer_number(sup, buyer)),
         "doc_number": V(number(sup, "statement", rng, end)),
         "date": V(fm.fmt_date(end, lay.date_fmt)),
         "period": V(f"{fm.fmt_date(begin, lay.date_fmt)} – {fm.fmt_date(end, lay.date_fmt)}")}
    entries = []
    opening = fm.quantize(Decimal(str(rng.uniform(0, 9000))), 2) if rng.random() < 0.6 \
        else Decimal(0)
    if opening:
        entries.append((begin, "", "Solde reporté" if fr else "Balance brought forward", None,
                        opening, Decimal(0)))
    day = begin
    for _ in range(rng.randint(4, 14)):
        day = day + timedelta(days=rng.randint(1, 9))
        if day > end:
            break
        r = rng.random()
        if r < 0.62:
            amount = fm.quantize(Decimal(str(rng.uniform(80, 12000))), 2)
            due = day + timedelta(days=rng.choice([30, 45, 60]))
            po = ident(buyer.po_pattern, rng, day)
            text = (f"Facture – cde {po}" if fr else f"Invoice – PO {po}") \
                if rng.random() < 0.5 else ("Facture" if fr else "Invoice")
            entries.append((day, ident(sup.inv_pattern, rng, day), text, due, amount,
                            Decimal(0)))
        elif r < 0.85:
            amount = fm.quantize(Decimal(str(rng.uniform(200, 15000))), 2)
            text = rng.choice(["Règlement virement", "Règlement LCR", "Virement reçu"] if fr
                              else ["Payment received – thank you", "Bank transfer",
                                    "Payment – BACS"])
            entries.append((day, "", text, None, Decimal(0), amount))
        else:
            amount = fm.quantize(Decimal(str(rng.uniform(20, 900))), 2)
            entries.append((day, number(sup, "credit_note", rng, day),
                            "Avoir" if fr else "Credit note", None, Decimal(0), amount))
    bal = Decimal(0)
    rows = []
    for day, ref, text, due, debit, credit in entries:
        bal += debit - credit
        rows.append([fm.fmt_date(day, lay.date_fmt), ref, text,
                     fm.fmt_date(due, lay.date_fmt) if due else "",
                     money(debit, lay) if debit else "", money(credit, lay) if credit else "",
                     money(abs(bal), lay) + (" CR" if bal < 0 else "")])
    # ageing of the open balance (illustrative split)
    open_bal = max(bal, Decimal(0))
    cut = [Decimal(str(rng.uniform(0.4, 0.9))), Decimal(str(rng.uniform(0, 0.3)))]
    a = fm.quantize(open_bal * cut[0], 2)
    b = fm.quantize((open_bal - a) * cut[1] * 2 if open_bal - a > 0 else 0, 2)
    b = min(b, open_bal - a)
    c = open_bal - a - b
    ageing = [money(x, lay) for x in (a, b, c, Decimal(0))]
    h["balance"] = V(money_cur(abs(bal), sup) + (" CR" if bal < 0 else ""))
    notes = (["Merci de nous faire parvenir le règlement des montants échus. Si votre "
              "paiement a été effectué entre-temps, veuillez ne pas tenir compte de ce relevé.",
              "Pour toute question, contactez notre service comptabilité clients."] if fr else
             ["Please remit payment of any overdue amounts. If you have already paid, "
              "please disregard this statement.",
              "For any query, please contact our credit control department."])
    pairs = [("st_date", "date"), ("period", "period"), ("customer_number", "customer_number")]
    if zlib.crc32(f"{sup.id}/st_num".encode()) % 2:
        pairs.insert(0, ("st_number", "doc_number"))
    return h, [], {"year": end.year, "st_rows": rows, "ageing": ageing, "notes": notes, "pairs": pairs,
                   "addr": lay.label("bill_to")}


# --------------------------------------------------------------------------
# letters

LETTER_SUBJECTS = ("price_increase", "closure", "bank_change", "documents", "claim_reply",
                   "new_contact", "reminder")


def letter(sup, buyer, rng):
    lay = sup.layout
    fr = lay.lang == "fr"
    d = business_day(rng)
    D = lambda x: fm.fmt_date(x, lay.date_fmt)  # noqa: E731
    subject_kind = rng.choice(LETTER_SUBJECTS)
    name, role = sales_person(sup, rng)
    city = sup.address[-2].split(" ", 1)[-1] if sup.country in ("FR", "BE", "CH") else ""
    h = {"supplier_name": V(sup.name)}
    products = cat.CATALOGUE[sup.sector]
    idx = rng.randrange(len(products))
    prod = products[idx][0 if fr else 1]
    po = ident(buyer.po_pattern, rng, d - timedelta(days=rng.randint(10, 40)))
    dn = ident(sup.dn_pattern, rng, d - timedelta(days=rng.randint(2, 20)))
    ship = d - timedelta(days=rng.randint(2, 20))
    enclosures = ""
    if subject_kind == "price_increase":
        eff = date(d.year + (d.month >= 10), (d.month + 2) % 12 + 1 if d.month < 10 else 1, 1)
        pct = fm.percent(Decimal(rng.choice(["2.5", "3", "3.5", "4", "4.8", "5", "6"])),
                         lay.num_fmt)
        subject = (f"Révision de nos tarifs au {D(eff)}" if fr else
                   f"Price adjustment effective {D(eff)}")
        body = ([
            "Malgré tous nos efforts pour maîtriser nos coûts, la hausse continue des prix des "
            "matières premières, de l'énergie et du transport nous contraint à réviser nos "
            "conditions tarifaires.",
            f"À compter du {D(eff)}, nos prix de vente seront augmentés de {pct} en moyenne. "
            "Les commandes reçues avant cette date seront facturées aux conditions actuelles.",
            "Votre nouveau tarif personnalisé vous sera adressé prochainement. Notre service "
            "commercial reste à votre disposition pour en discuter."] if fr else [
            "Despite our continued efforts to contain costs, the ongoing increase in raw "
            "material, energy and freight prices obliges us to review our prices.",
            f"With effect from {D(eff)}, our selling prices will increase by {pct} on average. "
            "Orders received before that date will be invoiced at current prices.",
            "Your updated price list will follow shortly. Our sales team will be happy to "
            "discuss any questions you may have."])
    elif subject_kind == "closure":
        start = d + timedelta(days=rng.randint(20, 60))
        start -= timedelta(days=start.weekday())
        stop = start + timedelta(days=rng.choice([4, 11, 18]))
        last = start - timedelta(days=3)
        subject = "Fermeture annuelle de nos services" if fr else "Annual closure"
        body = ([
            f"Nous vous informons que nos bureaux et notre entrepôt seront fermés du "
            f"{D(start)} au {D(stop)} inclus.",
            f"Les dernières expéditions avant la fermeture partiront le {D(last)}. Afin de "
            "garantir la continuité de vos approvisionnements, nous vous invitons à nous "
            "transmettre vos commandes au plus tôt.",
            "Une permanence téléphonique sera assurée pour les urgences."] if fr else [
            f"Please note that our offices and warehouse will be closed from {D(start)} to "
            f"{D(stop)} inclusive.",
            f"The last shipments before the closure will leave on {D(last)}. To ensure "
            "continuity of supply, please place your orders as early as possible.",
            "An emergency telephone service will be available throughout."])
    elif subject_kind == "bank_change":
        eff = d + timedelta(days=rng.randint(10, 40))
        subject = ("Changement de coordonnées bancaires" if fr else
                   "Change of bank details")
        body = ([
            f"Nous vous informons qu'à compter du {D(eff)}, nos coordonnées bancaires "
            "changent. Nous vous remercions d'effectuer désormais vos règlements sur le "
            f"compte suivant : {sup.bank}.",
            "Par mesure de sécurité, nous vous invitons à confirmer ce changement par "
            f"téléphone auprès de notre service comptable au {sup.phone} avant tout "
            "paiement. Nous ne vous demanderons jamais de modifier nos coordonnées par simple "
            "courriel."] if fr else [
            f"Please note that from {D(eff)} our bank details will change. Kindly make all "
            f"future payments to the following account: {sup.bank}.",
            "For your security, please confirm this change by telephone with our accounts "
            f"department on {sup.phone} before making any payment. We will never ask you to "
            "change our bank details by email alone."])
        enclosures = "RIB" if fr else "Bank letter"
    elif subject_kind == "documents":
        lot = ident(sup.lot_pattern, rng, ship - timedelta(days=20))
        subject = (f"Envoi de documents – votre commande {po}" if fr else
                   f"Documents for your order {po}")
        body = ([
            f"Suite à notre livraison {dn} du {D(ship)}, veuillez trouver ci-joint le "
            f"certificat de conformité du lot {lot} ainsi que la fiche de données de sécurité "
            f"du produit {prod}.",
            "Ces documents sont également disponibles sur demande auprès de notre service "
            "qualité. Nous restons à votre disposition pour tout complément d'information."]
            if fr else [
            f"Further to our delivery {dn} of {D(ship)}, please find enclosed the certificate "
            f"of conformity for batch {lot} and the safety data sheet for {prod}.",
            "These documents are also available on request from our quality department. "
            "Please do not hesitate to contact us should you need further information."])
        enclosures = ("Certificat de conformité, FDS" if fr else
                      "Certificate of conformity, SDS")
    elif subject_kind == "claim_reply":
        claim = d - timedelta(days=rng.randint(3, 15))
        credit = money_cur(fm.quantize(Decimal(str(rng.uniform(40, 1500))), 2), sup)
        subject = (f"Votre réclamation du {D(claim)} – livraison {dn}" if fr else
                   f"Your complaint of {D(claim)} – delivery {dn}")
        body = ([
            f"Nous accusons réception de votre réclamation concernant la livraison {dn} du "
            f"{D(ship)} (votre commande {po}), relative au produit {prod}.",
            "Après analyse par notre service qualité, nous reconnaissons que la marchandise "
            f"n'était pas conforme. Un avoir de {credit} vous sera adressé dans les prochains "
            "jours et les actions correctives nécessaires ont été engagées.",
            "Nous vous prions de nous excuser pour la gêne occasionnée."] if fr else [
            f"We acknowledge receipt of your complaint about delivery {dn} of {D(ship)} "
            f"(your order {po}) concerning {prod}.",
            "Following investigation by our quality department we accept that the goods did "
            f"not meet specification. A credit note for {credit} will be issued shortly and "
            "corrective actions have been taken.",
            "Please accept our apologies for the inconvenience caused."])
    elif subject_kind == "new_contact":
        new = rng.choice([p for p in SALES_PEOPLE[lay.lang] if p != name])
        subject = ("Votre nouvel interlocuteur commercial" if fr else
                   "Your new account manager")
        body = ([
            f"Nous avons le plaisir de vous informer qu'à compter de ce jour, {new} devient "
            "votre interlocuteur privilégié pour le suivi de vos commandes, de vos demandes "
            "de prix et de vos besoins techniques.",
            f"Vous pouvez joindre notre équipe au {sup.phone} ou par courriel à "
            f"{sup.email}.",
            "Nous vous remercions de votre confiance et restons à votre écoute."] if fr else [
            f"We are pleased to inform you that {new} is now your dedicated contact for "
            "orders, quotations and technical questions.",
            f"Our team can be reached on {sup.phone} or by email at {sup.email}.",
            "Thank you for your continued business."])
    else:  # reminder
        inv_d = d - timedelta(days=rng.randint(45, 90))
        due = inv_d + timedelta(days=30)
        inv = ident(sup.inv_pattern, rng, inv_d)
        amount = money_cur(fm.quantize(Decimal(str(rng.uniform(150, 9000))), 2), sup)
        subject = (f"Relance – facture {inv}" if fr else f"Payment reminder – invoice {inv}")
        body = ([
            f"Sauf erreur ou omission de notre part, notre facture {inv} du {D(inv_d)}, "
            f"d'un montant de {amount} TTC, échue le {D(due)}, reste à ce jour impayée.",
            "Nous vous remercions de bien vouloir procéder à son règlement dans les meilleurs "
            "délais. Si votre paiement a été effectué entre-temps, nous vous prions de ne pas "
            "tenir compte de ce courrier."] if fr else [
            f"According to our records, our invoice {inv} dated {D(inv_d)} for {amount}, due "
            f"on {D(due)}, remains unpaid.",
            "We would be grateful if you could arrange payment at your earliest convenience. "
            "If payment has already been made, please disregard this letter."])
    place = (f"{city}, le {D(d)}" if city and fr else
             (f"{D(d)}" if not fr else f"Le {D(d)}"))
    salutation = "Madame, Monsieur," if fr else "Dear Sir or Madam,"
    closing = ("Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations "
               "distinguées." if fr else "Yours faithfully,")
    refs = []
    if rng.random() < 0.6:
        ini = "".join(w[0] for w in name.split()[:2]).upper()
        refs.append(("Nos réf. : " if fr else "Our ref: ") + f"{ini}/{rng.randint(100, 999)}")
    if subject_kind in ("documents", "claim_reply") and rng.random() < 0.5:
        refs.append(("Vos réf. : " if fr else "Your ref: ") + po)
    h["date"] = V(place)
    return h, [], {"subject_kind": subject_kind, "subject": subject, "body": body,
                   "salutation": salutation, "closing": closing, "sign": (name, role),
                   "refs": refs, "enclosures": enclosures,
                   "subject_label": "Objet : " if fr else "Subject: "}


# --------------------------------------------------------------------------
# flyers

CLAIMS = {
    "chem": [("Livraison sous 48 h en bidons, fûts, IBC ou vrac",
              "48-hour delivery in cans, drums, IBCs or bulk"),
             ("Certificat d'analyse fourni avec chaque lot", "Certificate of analysis with every batch"),
             ("Conseils techniques et réglementaires (REACH, CLP)",
              "Technical and regulatory support (REACH, CLP)"),
             ("Reprise des emballages vides", "Return scheme for empty packaging")],
    "food": [("Matières premières tracées de la parcelle au sac",
              "Raw materials traced from field to bag"),
             ("Certifié IFS Food et FSSC 22000", "IFS Food and FSSC 22000 certified"),
             ("Livraison en sacs, big bags ou citerne", "Delivered in bags, big bags or tankers"),
             ("Fiches techniques et allergènes disponibles", "Specifications and allergen data on request")],
    "pack": [("Fabrication sur mesure dès 500 pièces", "Made to measure from 500 pieces"),
             ("Cartons 100 % recyclables, encres à l'eau", "100% recyclable board, water-based inks"),
             ("Stock permanent de 300 références", "300 references permanently in stock"),
             ("Livraison J+2 partout en France", "Delivery within 48 hours")],
    "ppe": [("Conformes aux normes EN en vigueur", "Compliant with current EN standards"),
            ("Tailles du 6 au 11 disponibles sur stock", "Sizes 6 to 11 in stock"),
            ("Échantillons gratuits sur simple demande", "Free samples on request"),
            ("Marquage personnalisé possible", "Custom marking available")],
    "lab": [("Qualité analytique contrôlée lot par lot", "Analytical grade, tested batch by batch"),
            ("Certificats en ligne 24 h/24", "Certificates online 24/7"),
            ("Expédition le jour même avant 14 h", "Same-day dispatch for orders before 2 pm"),
            ("Conditionnements de 100 mL à 25 L", "Pack sizes from 100 mL to 25 L")],
    "lube": [("Huiles homologuées constructeurs", "OEM-approved oils"),
             ("Analyse d'huile en service offerte", "Free in-service oil analysis"),
             ("Livraison en fûts, IBC ou vrac", "Delivered in drums, IBCs or bulk"),
             ("Audit lubrification de votre site", "Lubrication audit of your plant")],
    "adhes": [("Prise rapide, excellente tenue", "Fast setting, excellent bond strength"),
              ("Formulations sans solvant", "Solvent-free formulations"),
              ("Essais gratuits dans notre laboratoire", "Free trials in our application lab"),
              ("Assistance technique sur site", "On-site technical support")],
}
HEADLINES = {"fr": ["NOUVEAU !", "OFFRE SPÉCIALE", "PROMOTION DU MOIS", "NOUVELLE GAMME",
                    "PRIX CHOC"],
             "en": ["NEW!", "SPECIAL OFFER", "DEAL OF THE MONTH", "NEW RANGE", "PRICE BUSTER"]}


def flyer(sup, buyer, rng):
    lay = sup.layout
    fr = lay.lang == "fr"
    d = business_day(rng)
    start = d + timedelta(days=rng.randint(0, 10))
    stop = start + timedelta(days=rng.choice([14, 30, 45, 60]))
    pct = rng.choice([5, 8, 10, 12, 15, 20, 25])
    products = cat.CATALOGUE[sup.sector]
    picks = rng.sample(range(len(products)), min(len(products), rng.choice([2, 3, 3])))
    cards = []
    for idx in picks:
        p = products[idx]
        price = fm.quantize(Decimal(str(base_price(sup, idx, *p[5]))), lay.price_decimals)
        promo = fm.quantize(price * (100 - pct) / 100, lay.price_decimals)
        unit = unit_name(lay, p[2])
        cards.append({"name": p[0] if fr else p[1], "pack": p[9][0 if fr else 1],
                      "code": article_code(sup, idx),
                      "old": money_cur(price, sup, lay.price_decimals),
                      "new": money_cur(promo, sup, lay.price_decimals),
                      "unit": unit})
    claims = rng.sample(CLAIMS[sup.sector], 3)
    head = rng.choice(HEADLINES[lay.lang])
    D = lambda x: fm.fmt_date(x, lay.date_fmt)  # noqa: E731
    sub = (f"Jusqu'à -{pct} % sur une sélection de produits" if fr else
           f"Up to {pct}% off selected products")
    validity = (f"Offre valable du {D(start)} au {D(stop)} dans la limite des stocks "
                "disponibles. Prix unitaires hors taxes, hors frais de port." if fr else
                f"Offer valid from {D(start)} to {D(stop)} while stocks last. Unit prices "
                "excluding VAT and carriage.")
    code = f"{''.join(ch for ch in head if ch.isalpha())[:5]}{pct}"
    cta = ("Commandez dès maintenant" if fr else "Order now")
    promo_line = (f"Code promo à rappeler lors de votre commande : {code}" if fr else
                  f"Quote promotion code {code} when ordering")
    return {"supplier_name": V(sup.name)}, [], {
        "head": head, "sub": sub, "pct": pct, "cards": [{k: v for k, v in c.items()}
                                                      for c in cards],
        "claims": [c[0 if fr else 1] for c in claims], "validity": validity, "cta": cta,
        "promo": promo_line, "from": "à partir de" if fr else "from",
        "instead": "au lieu de" if fr else "instead of",
        "ht": "HT" if fr else "net"}


MAKERS = {"order_confirmation": order_confirmation, "quotation": quotation,
          "price_list": price_list, "letter": letter, "statement": statement, "flyer": flyer}


def make_other(sup, buyer, rng, slot=None) -> Content:
    """slot: position in the run (docgen.other_slot); None draws the kind."""
    kind = CYCLE[slot % len(CYCLE)] if slot is not None else rng.choice(CYCLE)
    h, rows, extra = MAKERS[kind](sup, buyer, rng)
    extra["kind"] = kind
    if kind in TITLES:
        extra["title"] = title(sup, kind, extra["year"])
    elif kind == "letter":
        extra["title"] = "Courrier" if sup.layout.lang == "fr" else "Letter"
    else:
        extra["title"] = extra["head"]
    return Content("other", sup, buyer, h, rows, extra)
