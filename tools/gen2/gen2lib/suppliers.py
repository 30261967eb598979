"""Invented suppliers, one list per family (no supplier is in both), and the buyer.

A supplier's conventions (number style, date form, label wordings, layout
template, code and lot shapes, font, colours) are drawn once from a random
generator seeded by its name, so that every document of a supplier looks alike,
as real ones do.
"""

import hashlib
import random

from . import formats, vocab

SUPPLIERS = {
    "train": [
        ("Chimie Durance SAS", "fr", "FR"), ("Établissements Perrichon & Fils", "fr", "FR"),
        ("Plastiques du Vexin SARL", "fr", "FR"), ("Laboratoires Ormeau SA", "fr", "FR"),
        ("Kestrel Fluid Power Ltd", "en", "GB"), ("Harrowgate Packaging Ltd", "en", "GB"),
        ("Bramwell Fasteners plc", "en", "GB"), ("Northfield Ingredients Inc.", "en", "US"),
        ("Vogtland Schmierstoffe GmbH", "de", "DE"), ("Kessler & Rauch KG", "de", "DE"),
        ("Brunner Präzisionsteile AG", "de", "CH"), ("Oleodinamica Valtrompia S.r.l.", "it", "IT"),
        ("Chimica Adriatica S.p.A.", "it", "IT"), ("Suministros Industriales Ebro S.L.", "es", "ES"),
        ("Química del Segura S.A.", "es", "ES"), ("Van Beek Verpakkingen B.V.", "nl", "NL"),
        ("Dijkstra Technische Handel B.V.", "nl", "NL"),
    ],
    "holdout": [
        ("Société Nouvelle Garonne Élastomères", "fr", "FR"), ("Lubrifiants Aubrac SAS", "fr", "FR"),
        ("Ateliers Grésivaudan SARL", "fr", "FR"), ("Fabrique Jurassienne de Ressorts SA", "fr", "CH"),
        ("Pennine Adhesives Ltd", "en", "GB"), ("Caldwell & Pryce Industrial Supplies Ltd", "en", "GB"),
        ("Osprey Lab Chemicals LLC", "en", "US"), ("Tamar Valley Polymers Ltd", "en", "GB"),
        ("Allgäuer Dichtungswerk GmbH", "de", "DE"), ("Hügelmann Chemie AG", "de", "DE"),
        ("Rottaler Verpackung GmbH & Co. KG", "de", "DE"), ("Trafilerie Bergamasche S.p.A.", "it", "IT"),
        ("Laboratorio Chimico Etrusco S.r.l.", "it", "IT"), ("Envases Cantábricos S.L.", "es", "ES"),
        ("Tecnoquímica Levante S.A.", "es", "ES"), ("Zeeuwse Smeermiddelen B.V.", "nl", "NL"),
        ("Groenveld Laboratoriumtechniek B.V.", "nl", "NL"),
    ],
}

CITIES = {
    "FR": [("Avignon", "84000"), ("Rouen", "76000"), ("Cergy", "95000"), ("Tours", "37000"), ("Agen", "47000"),
           ("Rodez", "12000"), ("Grenoble", "38000"), ("Caen", "14000")],
    "GB": [("Leeds", "LS11 5QR"), ("Harrogate", "HG1 2PW"), ("Walsall", "WS2 8LT"), ("Plymouth", "PL6 7BZ"),
           ("Halifax", "HX1 3DP"), ("Derby", "DE21 4SA")],
    "US": [("Columbus, OH", "43215"), ("Raleigh, NC", "27601")],
    "DE": [("Plauen", "08523"), ("Kempten", "87435"), ("Augsburg", "86150"), ("Passau", "94032"),
           ("Bielefeld", "33602")],
    "CH": [("Winterthur", "8400"), ("Delémont", "2800")],
    "IT": [("Brescia", "25121"), ("Pescara", "65121"), ("Bergamo", "24121"), ("Arezzo", "52100")],
    "ES": [("Zaragoza", "50001"), ("Murcia", "30001"), ("Santander", "39001"), ("Valencia", "46001")],
    "NL": [("Tilburg", "5011 AB"), ("Leeuwarden", "8911 KJ"), ("Vlissingen", "4381 LP"), ("Zwolle", "8011 CW")],
}
STREETS = {
    "fr": ["rue des Tanneurs", "avenue de la Gare", "ZI des Bruyères", "chemin du Moulin", "boulevard Pasteur"],
    "en": ["Canal Road", "Mill Lane", "Riverside Industrial Estate", "Station Street", "Unit 4, Enterprise Park"],
    "de": ["Industriestraße", "Am Mühlbach", "Gewerbering", "Bahnhofstraße", "Lindenweg"],
    "it": ["Via dell'Artigianato", "Via Roma", "Zona Industriale Nord", "Via dei Mille"],
    "es": ["Polígono Industrial El Pilar, nave", "Calle Mayor", "Avenida de Europa", "Camino Viejo"],
    "nl": ["Industrieweg", "Havenstraat", "Ambachtsweg", "Kanaaldijk"],
}
CURRENCY = {"FR": "EUR", "DE": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR", "GB": "GBP", "US": "USD", "CH": "CHF"}
VAT_RATE = {"FR": 20, "DE": 19, "IT": 22, "ES": 21, "NL": 21, "GB": 20, "US": 0, "CH": 8.1}

BUYER = {
    "name": "Verdier Industrie SAS",
    "lines": ["Verdier Industrie SAS", "Service Réception", "14 rue des Forges", "69100 Villeurbanne", "France"],
    "vat": "FR 58 552 081 317",
    "site2": ["Verdier Industrie – Site de Vienne", "Quai Riondet 3", "38200 Vienne", "France"],
}

FONTS = ["Helvetica", "Times", "Courier", "DejaVuSans", "DejaVuSerif", "LiberationSans", "LiberationSerif",
         "LiberationMono", "~FreeSans", "~FreeSerif", "^DejaVuSansCondensed"]

HEADER_LAYOUTS = ["inline", "above", "boxes", "table", "kvgrid", "~under", "~right", "^inline_dots"]
TABLE_STYLES = ["grid", "rows", "zebra", "dark_header", "~plain", "~sublines"]


def _luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return total % 10 == 0


def vat_number(rng, country, spaced):
    if country == "FR":
        while True:
            siren = str(rng.randint(300000000, 899999999))
            if _luhn_ok(siren):
                break
        key = (12 + 3 * (int(siren) % 97)) % 97
        return (f"FR {key:02d} {siren[:3]} {siren[3:6]} {siren[6:]}" if spaced else f"FR{key:02d}{siren}"), siren
    if country == "DE":
        body = str(rng.randint(10000000, 99999999))
        product = 10
        for ch in body:
            s = (int(ch) + product) % 10 or 10
            product = (2 * s) % 11
        check = (11 - product) % 10
        n = body + str(check)
        return (f"DE {n}" if spaced else f"DE{n}"), n
    if country == "IT":
        body = f"{rng.randint(0, 9999999):07d}" + rng.choice(["001", "015", "017", "098"])
        total = 0
        for i, ch in enumerate(body):
            d = int(ch)
            if i % 2 == 1:
                d *= 2
                d = d - 9 if d > 9 else d
            total += d
        n = body + str((10 - total % 10) % 10)
        return (f"IT {n}" if spaced else f"IT{n}"), n
    if country == "NL":
        while True:
            body = f"{rng.randint(10000000, 99999999)}"
            total = sum(int(c) * w for c, w in zip(body, range(9, 1, -1)))
            check = total % 11
            if check < 10:
                break
        n = body + str(check)
        return (f"NL{n}B01" if not spaced else f"NL {n} B01"), n
    if country == "ES":
        digits = f"{rng.randint(1000000, 9999999)}"
        even = sum(int(digits[i]) for i in (1, 3, 5))
        odd = 0
        for i in (0, 2, 4, 6):
            d = 2 * int(digits[i])
            odd += d // 10 + d % 10
        control = (10 - (even + odd) % 10) % 10
        n = f"B{digits}{control}"
        return (f"ES{n}" if not spaced else f"ES {n}"), n
    if country == "GB":
        while True:
            body = [rng.randint(0, 9) for _ in range(7)]
            total = sum(d * w for d, w in zip(body, range(8, 1, -1)))
            check = (-total) % 97
            if check < 100:
                break
        n = "".join(map(str, body)) + f"{check:02d}"
        return (f"GB {n[:3]} {n[3:7]} {n[7:]}" if spaced else f"GB{n}"), n
    if country == "CH":
        while True:
            body = [rng.randint(0, 9) for _ in range(8)]
            total = sum(d * w for d, w in zip(body, [5, 4, 3, 2, 7, 6, 5, 4]))
            check = (11 - total % 11) % 11
            if check < 10:
                break
        n = "".join(map(str, body)) + str(check)
        return f"CHE-{n[:3]}.{n[3:6]}.{n[6:]} MWST", n
    return None, None


def _shape(rng, pattern):
    out = []
    for ch in pattern:
        if ch == "9":
            out.append(str(rng.randint(0, 9)))
        elif ch == "A":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXZ"))
        else:
            out.append(ch)
    return "".join(out)


ARTICLE_PATTERNS = ["AA-9999", "99999.99", "AAA9999A", "9999-999", "A99-9999-9", "99.999.99", "AA99999", "999999",
                    "~9999/AA/99", "~AA 999 99", "^A-99999"]
LOT_PATTERNS = ["L{yy}{ddd}-{nn}", "{yy}{mm}{dd}{A}", "CH{n7}", "B{n4}/{yy}", "{n5}-{nn}", "LOT{yy}{ww}{nn}",
                "~{yy}-{ddd}-{A}{nn}", "~F{n6}", "^{A}{yy}{mm}{n3}"]
NUMBER_PATTERNS = {
    "delivery_note": ["BL{yy}99999", "LS-99999999", "9999999", "DN{yy}-99999", "~99/{yy}-999", "~SHP-999999",
                      "^BL-{yy}-9999"],
    "invoice": ["FA{yy}-99999", "{yy}9999999", "RE-99999", "INV-{yy}99999", "~F-99999-{yy}", "~9999/{yy}",
                "^F{yy}99999"],
    "credit_note": ["AV{yy}-9999", "GS-99999", "CN-{yy}999", "~NC-9999/{yy}"],
    "certificate_of_conformity": ["CQ-{yy}-99999", "COA99999", "Z-999999", "~QC{yy}/9999", "~R-99999-A",
                                  "^CC99999"],
    "other": ["AB-99999", "OF{yy}-9999", "~AC-999999", "^Q-99999"],
}
# the buyer's purchase order numbers (the company's own shapes)
PO_PATTERNS = ["4500999999", "PO-{yy}-99999", "CMD{yy}99999"]
INTERNAL_PATTERNS = ["VI-99999", "1009999999"]


class Supplier:
    def __init__(self, name, lang, country, family):
        self.name, self.lang, self.country, self.family = name, lang, country, family
        seed = int(hashlib.sha256(name.encode()).hexdigest()[:12], 16)
        rng = random.Random(seed)
        self.rng_seed = seed
        fam = family
        city, postcode = rng.choice(CITIES[country])
        if country == "CH":
            city, postcode = CITIES["CH"][1 if lang == "fr" else 0]
        street = rng.choice(STREETS[lang])
        number = rng.randint(2, 180)
        if lang in ("fr", "en"):
            addr1 = f"{number} {street}" if lang == "fr" or not street.startswith("Unit") else street
        else:
            addr1 = f"{street} {number}"
        if country == "GB":
            self.address = [addr1, city, postcode, "United Kingdom"]
        elif country == "US":
            self.address = [addr1, f"{city} {postcode}", "USA"]
        else:
            land = {"FR": "France", "DE": "Deutschland", "CH": "Schweiz / Suisse", "IT": "Italia", "ES": "España",
                    "NL": "Nederland"}[country]
            self.address = [addr1, f"{postcode} {city}", land]
        self.city = city.split(",")[0]
        self.phone = {"FR": "+33 ", "GB": "+44 ", "US": "+1 ", "DE": "+49 ", "CH": "+41 ", "IT": "+39 ", "ES": "+34 ",
                      "NL": "+31 "}[country] + _shape(rng, "99 99 99 99 99")
        self.vat, self.vat_core = vat_number(rng, country, rng.random() < 0.5)
        self.currency = CURRENCY[country]
        self.vat_rate = VAT_RATE[country]
        self.iban = country + _shape(rng, "99 9999 9999 9999 9999 99") if country not in ("US",) else None
        self.reg = {"FR": f"SIRET {self.vat_core[:3] if self.vat_core else ''} {_shape(rng, '999 999 99999')}",
                    "DE": f"HRB {rng.randint(1000, 29999)} Amtsgericht {self.city}",
                    "CH": f"Handelsregister {_shape(rng, 'CH-999.9.999.999-9')}",
                    "IT": f"REA {self.city[:2].upper()}-{rng.randint(100000, 599999)} – Cap. soc. € {rng.choice(['100.000', '50.000', '1.200.000'])} i.v.",
                    "ES": f"Reg. Merc. {self.city}, Tomo {rng.randint(1000, 4000)}, Folio {rng.randint(1, 200)}",
                    "NL": f"KvK {rng.randint(10000000, 99999999)}",
                    "GB": f"Registered in England No. {rng.randint(1000000, 9999999):08d}",
                    "US": f"EIN {_shape(rng, '99-9999999')}"}[country]
        # conventions
        styles = {"fr": ["fr", "fr_nbsp", "~fr_nnbsp", "plain_comma"], "de": ["de", "plain_comma"],
                  "en": ["en", "plain_dot"], "it": ["de", "plain_comma"], "es": ["de", "plain_comma"],
                  "nl": ["de", "plain_comma", "en"]}[lang]
        if country == "CH":
            styles = ["ch", "~ch_typo"]
        self.number_style = rng.choice(vocab.for_family(styles, fam))
        self.sign_style = rng.choice(["minus", "minus", "trailing", "parens"] if lang in ("en", "de") else ["minus"])
        forms = formats.date_forms(fam, lang)
        if country == "US":
            forms = [f for f in forms if f in ("mdy_slash", "month_d_y", "ordinal", "iso", "dd_MON_yy")]
        elif "mdy_slash" in forms:
            forms.remove("mdy_slash")
        rare = ("roman", "compact", "dd_MON_yy", "ordinal", "ymd_slash", "dmy_dot_short")
        self.date_form = rng.choices(forms, [1 if f in rare else 3 for f in forms])[0]
        self.date_variant = rng.randint(0, 1)
        self.line_date_form = self.date_form if rng.random() < 0.6 else rng.choice(forms)
        self.qty_decimals = rng.choice(["min", "fixed3", "fixed2", "fixed3"])
        self.unit_attach = rng.choice(["column", "column", "attached", "attached_nospace"])
        self.font = rng.choice(vocab.for_family(FONTS, fam))
        self.color = rng.choice([(0.1, 0.25, 0.55), (0.6, 0.1, 0.1), (0.05, 0.4, 0.25), (0.3, 0.3, 0.3),
                                 (0.75, 0.4, 0.0), (0.35, 0.1, 0.45)])
        self.logo = rng.choice(["circle", "triangle", "squares", "bar", "wordmark", "diamond"])
        self.header_layout = rng.choice(vocab.for_family(HEADER_LAYOUTS, fam))
        self.header_pos = rng.choice(["right", "below", "left"])
        self.table_style = rng.choice(vocab.for_family(TABLE_STYLES, fam))
        self.article_pattern = rng.choice(vocab.for_family(ARTICLE_PATTERNS, fam))
        self.lot_pattern = rng.choice(vocab.for_family(LOT_PATTERNS, fam))
        self.number_patterns = {k: rng.choice(vocab.for_family(v, fam)) for k, v in NUMBER_PATTERNS.items()}
        self.po_label_mode = rng.choice(["label", "label", "label", "subject"] +
                                        (["bare"] if fam == "holdout" else []))
        self.show_internal = rng.random() < 0.4
        self.show_expiry = rng.random() < 0.6
        self.show_unit_price_on_dn = rng.random() < 0.15
        self.currency_print = rng.choice(["code", "symbol", "label"])
        self.date_place = rng.random() < 0.25  # "Lyon, le 7 mars 2026" instead of a labelled date
        # labels, fixed per supplier
        self.labels = {}
        for field, by_lang in vocab.LABELS.items():
            self.labels[field] = rng.choice(vocab.for_family(by_lang[lang], fam))
        self.columns = {}
        for field, by_lang in vocab.COLUMNS.items():
            self.columns[field] = rng.choice(vocab.for_family(by_lang[lang], fam))
        self.titles = {}
        for kind, by_lang in vocab.TITLES.items():
            self.titles[kind] = rng.choice(vocab.for_family(by_lang[lang], fam))
        # catalogue
        self.catalogue = []
        chosen = rng.sample(vocab.PRODUCTS, 9)
        for goods, names, specs in chosen:
            spec = rng.choice(specs)
            code = _shape(rng, self.article_pattern)
            unit = rng.choice(vocab.UNITS[goods][lang])
            lo, hi = {"mass": (0.6, 14), "volume": (0.9, 18), "piece": (0.05, 90), "pack": (2, 65), "length": (0.4, 9)}[goods]
            price = round(rng.uniform(lo, hi), 2)
            internal = _shape(rng, rng.choice(INTERNAL_PATTERNS))
            self.catalogue.append({"goods": goods, "description": f"{names[lang]} {spec}", "code": code, "unit": unit,
                                   "price": price, "internal": internal})
        self.sds_product = rng.choice([c for c in self.catalogue if c["goods"] in ("mass", "volume")] or self.catalogue)

    def number(self, rng, kind, date):
        pattern = self.number_patterns[kind]
        return _shape(rng, pattern.replace("{yy}", f"{date.year % 100:02d}"))

    def lot(self, rng, date):
        p = self.lot_pattern
        rep = {"{yy}": f"{date.year % 100:02d}", "{mm}": f"{date.month:02d}", "{dd}": f"{date.day:02d}",
               "{ddd}": f"{date.timetuple().tm_yday:03d}", "{ww}": f"{date.isocalendar()[1]:02d}",
               "{nn}": _shape(rng, "99"), "{n3}": _shape(rng, "999"), "{n4}": _shape(rng, "9999"),
               "{n5}": _shape(rng, "99999"), "{n6}": _shape(rng, "999999"), "{n7}": _shape(rng, "9999999"),
               "{A}": _shape(rng, "A")}
        for k, v in rep.items():
            p = p.replace(k, v)
        return p


def po_number(rng, date):
    return _shape(rng, rng.choice(PO_PATTERNS).replace("{yy}", f"{date.year % 100:02d}"))


def suppliers(family):
    return [Supplier(n, l, c, family) for n, l, c in SUPPLIERS[family]]
