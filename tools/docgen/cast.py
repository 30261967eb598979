"""The cast of fictitious suppliers and their fixed layouts.

A real supplier prints every document from the same ERP template, so each
supplier here owns one Layout that never changes with the seed.  The split
into a `dev` family (for building and tuning), an `eval` family (held out,
to measure extraction on unseen layouts) and a `holdout` family (for final
measurements only, never tuned on) is fixed in this file: the eval and
holdout suppliers have other names and other layout combinations, the
holdout wording is the dev family's least-used synonyms, and `check_split()`
asserts that no eval layout repeats a dev combination and no holdout layout
repeats a dev or eval one.
"""
import zlib
from dataclasses import dataclass, field, replace
from decimal import Decimal

# --------------------------------------------------------------------------
# VAT numbers with real check digits, so that they look valid to a validator.


def _luhn_digit(digits: str) -> str:
    """Check digit that makes digits+check pass the Luhn test."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # these positions get doubled once the check is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def vat_fr(siren8: str) -> str:
    siren = siren8 + _luhn_digit(siren8)
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def siren_of(vat: str) -> str:
    return vat[4:]


def vat_be(base8: str) -> str:  # base8 starts with 0
    return f"BE{base8}{97 - int(base8) % 97:02d}"


def vat_de(base8: str) -> str:
    product = 10
    for ch in base8:  # ISO 7064 MOD 11,10
        s = (int(ch) + product) % 10 or 10
        product = (2 * s) % 11
    check = 11 - product
    return f"DE{base8}{0 if check == 10 else check}"


def vat_nl(base8: str) -> str:
    total = sum(int(c) * w for c, w in zip(base8, range(9, 1, -1)))
    check = total % 11
    assert check != 10, "choose another NL base"
    return f"NL{base8}{check}B01"


def vat_gb(base7: str) -> str:
    total = sum(int(c) * w for c, w in zip(base7, range(8, 1, -1)))
    check = (-total) % 97
    n = f"{base7}{check:02d}"
    return f"GB {n[:3]} {n[3:7]} {n[7:]}"  # UK invoices group the digits


def vat_it(base10: str) -> str:
    return "IT" + base10 + _luhn_digit(base10)


def vat_es(base7: str) -> str:
    odd = sum(sum(divmod(int(c) * 2, 10)) for c in base7[0::2])
    even = sum(int(c) for c in base7[1::2])
    return f"ESB{base7}{(10 - (odd + even) % 10) % 10}"


def vat_ch(base8: str) -> str:
    total = sum(int(c) * w for c, w in zip(base8, (5, 4, 3, 2, 7, 6, 5, 4)))
    check = (11 - total % 11) % 11
    assert check != 10, "choose another CH base"
    n = base8 + str(check)
    return f"CHE-{n[:3]}.{n[3:6]}.{n[6:]} TVA"


# --------------------------------------------------------------------------
# Label wording.  Each list holds synonyms a real template might use; a
# supplier's layout picks one per key (see Layout.label), once and for all.

LABELS = {
    "fr": {
        "po_number": ["N° PO", "Ref Commande", "Réf. commande", "Votre commande",
                      "N° de commande", "Votre réf. commande", "Commande client n°"],
        "delivery_note_number": ["N° BL", "Bon de livraison n°", "N° bon de livraison",
                                 "BL n°", "Numéro BL", "N° de livraison"],
        "delivery_date": ["Date de livraison", "Date BL", "Livré le",
                          "Date d'expédition", "Date"],
        "certificate_number": ["N° certificat", "Certificat n°", "Réf. certificat",
                               "N° CoC", "Numéro de certificat"],
        "issue_date": ["Date d'émission", "Date", "Établi le", "Date du certificat"],
        "invoice_number": ["N° facture", "Facture n°", "Numéro de facture", "N° de pièce"],
        "invoice_date": ["Date facture", "Date de facturation", "Date", "Date d'émission"],
        "due_date": ["Échéance", "Date d'échéance", "À payer avant le",
                     "Date limite de paiement"],
        "customer_number": ["N° client", "Code client", "Compte client", "Votre code client"],
        "order_date": ["Date de commande", "Commande du", "Date cde"],
        "carrier": ["Transporteur", "Expédié par", "Mode d'expédition"],
        "lot_number": ["N° de lot", "Lot", "Numéro de lot", "Lot n°"],
        "expiry_date": ["Date de péremption", "À utiliser avant le",
                        "Date limite d'utilisation", "Péremption"],
        "mfg_date": ["Date de fabrication", "Fabriqué le", "Date de production"],
        "article_code": ["Code article", "Référence", "Réf. article", "Article"],
        "product": ["Désignation", "Produit", "Description"],
        "quantity": ["Quantité", "Qté livrée", "Quantité livrée"],
        "vat_number": ["N° TVA intracom.", "TVA intracommunautaire", "N° TVA",
                       "Identifiant TVA"],
        "buyer_vat": ["Votre N° TVA", "N° TVA client", "TVA client"],
        "currency": ["Devise", "Monnaie"],
        "total_excl_tax": ["Total HT", "Montant HT", "Total hors taxes", "Net HT"],
        "total_tax": ["TVA {rate}", "Montant TVA", "Total TVA ({rate})"],
        "total_incl_tax": ["Total TTC", "Net à payer", "Montant TTC", "Total à payer TTC"],
        "payment_terms": ["Conditions de paiement", "Règlement", "Mode de règlement"],
        "dn_ref": ["Réf. BL", "Bon de livraison", "Vos BL"],
        "ship_to": ["Adresse de livraison", "Livré à", "Destinataire", "Lieu de livraison"],
        "bill_to": ["Adresse de facturation", "Facturé à", "Client"],
        "revision_date": ["Date de révision", "Révision", "Révisée le"],
        "version": ["Version", "Version n°", "N° de version"],
        "print_date": ["Date d'impression", "Imprimée le"],
        "supersedes": ["Remplace la version du", "Annule et remplace la FDS du"],
        "packages": ["Nombre de colis", "Colis", "Nb colis"],
        "weight": ["Poids brut", "Poids total"],
    },
    "en": {
        "po_number": ["Customer PO", "PO Number", "Your order", "Order ref.", "PO No.",
                      "Purchase order", "Your PO"],
        "delivery_note_number": ["Delivery note no.", "DN No.", "Delivery No.",
                                 "Despatch note", "Packing slip no."],
        "delivery_date": ["Delivery date", "Ship date", "Dispatch date", "Date shipped",
                          "Date"],
        "certificate_number": ["Certificate No.", "Certificate number", "CoC No.",
                               "Cert. ref."],
        "issue_date": ["Date of issue", "Issue date", "Date", "Issued on"],
        "invoice_number": ["Invoice No.", "Invoice number", "Invoice #", "Document no."],
        "invoice_date": ["Invoice date", "Date", "Tax point", "Date of invoice"],
        "due_date": ["Due date", "Payment due", "Pay by", "Due"],
        "customer_number": ["Customer No.", "Account No.", "Customer ID", "Your account"],
        "order_date": ["Order date", "Ordered on", "Date of order"],
        "carrier": ["Carrier", "Shipped via", "Ship via"],
        "lot_number": ["Lot number", "Batch No.", "Lot", "Batch"],
        "expiry_date": ["Expiry date", "Use by", "Expiration date", "Best before"],
        "mfg_date": ["Manufacturing date", "Date of manufacture", "Production date"],
        "article_code": ["Item code", "Product code", "Part No.", "Article No."],
        "product": ["Product", "Description", "Item description"],
        "quantity": ["Quantity", "Qty shipped", "Quantity delivered"],
        "vat_number": ["VAT No.", "VAT Reg. No.", "VAT number", "VAT ID"],
        "buyer_vat": ["Customer VAT No.", "Your VAT No.", "Buyer VAT"],
        "currency": ["Currency", "Invoice currency"],
        "total_excl_tax": ["Subtotal", "Total excl. VAT", "Net amount", "Net total"],
        "total_tax": ["VAT {rate}", "Tax", "VAT amount", "Sales tax"],
        "total_incl_tax": ["Total", "Total incl. VAT", "Total due", "Amount due",
                           "Grand total"],
        "payment_terms": ["Payment terms", "Terms", "Terms of payment"],
        "dn_ref": ["Delivery note", "DN ref.", "Shipment ref."],
        "ship_to": ["Ship to", "Deliver to", "Delivery address", "Consignee"],
        "bill_to": ["Bill to", "Invoice to", "Sold to", "Customer"],
        "revision_date": ["Revision date", "Revised", "Date of revision"],
        "version": ["Version", "Version No.", "Revision"],
        "print_date": ["Print date", "Printed"],
        "supersedes": ["Supersedes version of", "Replaces issue dated"],
        "packages": ["No. of packages", "Packages", "Cartons"],
        "weight": ["Gross weight", "Total weight"],
    },
}

# Column headers of line-item tables, again one choice per supplier.
COLUMNS = {
    "fr": {
        "sup_code": ["Réf.", "Référence", "Code article", "Article", "Code"],
        "int_code": ["Votre réf.", "Réf. client", "Code client", "Vos réf."],
        "desc": ["Désignation", "Description", "Libellé", "Désignation article"],
        "qty": ["Qté", "Quantité", "Qté livrée", "Qté"],
        "unit": ["Unité", "U.", "UV", "Unité"],
        "lot": ["Lot", "N° lot", "N° de lot", "Lot"],
        "expiry": ["Péremption", "DLUO", "Date limite", "Date péremption", "DLU"],
        "unit_price": ["P.U. HT", "Prix unitaire", "PU HT", "Prix unit."],
        "amount": ["Montant HT", "Total HT", "Montant", "Total ligne"],
        "vat": ["TVA", "Tx TVA", "Code TVA"],
    },
    "en": {
        "sup_code": ["Item", "Item code", "Part No.", "Product code", "Our ref."],
        "int_code": ["Your ref.", "Customer item", "Your part no.", "Cust. code"],
        "desc": ["Description", "Product description", "Item description", "Description"],
        "qty": ["Qty", "Quantity", "Qty shipped", "Delivered"],
        "unit": ["Unit", "UoM", "U/M", "Unit"],
        "lot": ["Batch", "Lot", "Lot No.", "Batch No."],
        "expiry": ["Expiry", "Exp. date", "Use by", "Best before", "Expiry date"],
        "unit_price": ["Unit price", "Price", "Unit cost", "Rate"],
        "amount": ["Amount", "Line total", "Net", "Total"],
        "vat": ["VAT", "VAT %", "Tax"],
    },
}

TITLES = {
    "fr": {
        "delivery_note": ["BON DE LIVRAISON", "Bon de livraison", "BORDEREAU DE LIVRAISON"],
        "certificate_of_conformity": ["CERTIFICAT DE CONFORMITÉ", "Certificat de conformité",
                                      "ATTESTATION DE CONFORMITÉ"],
        "invoice": ["FACTURE", "Facture", "FACTURE CLIENT"],
        "safety_data_sheet": ["FICHE DE DONNÉES DE SÉCURITÉ"],
    },
    "en": {
        "delivery_note": ["DELIVERY NOTE", "Delivery Note", "PACKING SLIP", "DESPATCH NOTE"],
        "certificate_of_conformity": ["CERTIFICATE OF CONFORMITY",
                                      "Certificate of Conformance",
                                      "CERTIFICATE OF CONFORMITY AND ANALYSIS"],
        "invoice": ["INVOICE", "TAX INVOICE", "Invoice"],
        "safety_data_sheet": ["SAFETY DATA SHEET"],
    },
}

PAGE_NUMBER_FORMATS = {
    "fr": ["Page {i}/{n}", "Page {i} sur {n}", "{i}/{n}", "p. {i}/{n}"],
    "en": ["Page {i}/{n}", "Page {i} of {n}", "{i}/{n}", "Page {i}"],
}


# Holdout wording.  For every list above, the synonyms the dev family uses
# least (fewest dev layouts print them; ties by fewest eval layouts, then list
# order).  Frozen here so that the holdout family never changes when someone
# touches the dev cast; check_split() asserts that every entry is still a
# least-used dev synonym.  The holdout suppliers of one language take the
# entries in turn (see _holdout_labels).  Keys: label key, "col/<key>",
# "title/<doc type>", "page".
HOLDOUT_WORDING = {
    "fr": {
        "po_number": ["Votre réf. commande", "Ref Commande", "Réf. commande", "Votre commande",
                      "Commande client n°"],
        "delivery_note_number": ["N° de livraison"],
        "delivery_date": ["Livré le", "Date"],
        "certificate_number": ["Réf. certificat", "Numéro de certificat"],
        "issue_date": ["Date", "Date du certificat"],
        "invoice_number": ["N° facture", "Numéro de facture"],
        "invoice_date": ["Date facture", "Date"],
        "due_date": ["Échéance", "À payer avant le"],
        "customer_number": ["N° client", "Compte client"],
        "order_date": ["Date cde"],
        "carrier": ["Expédié par"],
        "lot_number": ["Lot", "Lot n°"],
        "expiry_date": ["À utiliser avant le", "Péremption"],
        "mfg_date": ["Date de fabrication"],
        "article_code": ["Code article", "Réf. article"],
        "product": ["Désignation"],
        "quantity": ["Qté livrée"],
        "vat_number": ["N° TVA intracom.", "N° TVA"],
        "buyer_vat": ["N° TVA client"],
        "currency": ["Devise"],
        "total_excl_tax": ["Total HT", "Total hors taxes"],
        "total_tax": ["TVA {rate}"],
        "total_incl_tax": ["Net à payer", "Total à payer TTC"],
        "payment_terms": ["Mode de règlement"],
        "dn_ref": ["Réf. BL"],
        "ship_to": ["Adresse de livraison", "Destinataire"],
        "bill_to": ["Client"],
        "revision_date": ["Révisée le"],
        "version": ["Version n°"],
        "print_date": ["Imprimée le"],
        "supersedes": ["Remplace la version du"],
        "packages": ["Nb colis"],
        "weight": ["Poids brut"],
        "col/sup_code": ["Réf.", "Article"],
        "col/int_code": ["Réf. client", "Vos réf."],
        "col/desc": ["Désignation", "Libellé"],
        "col/qty": ["Quantité"],
        "col/unit": ["U."],
        "col/lot": ["N° lot"],
        "col/expiry": ["Péremption", "Date limite"],
        "col/unit_price": ["Prix unitaire", "Prix unit."],
        "col/amount": ["Total HT", "Total ligne"],
        "col/vat": ["Tx TVA"],
        "title/delivery_note": ["BON DE LIVRAISON"],
        "title/certificate_of_conformity": ["ATTESTATION DE CONFORMITÉ"],
        "title/invoice": ["FACTURE CLIENT"],
        "title/safety_data_sheet": ["FICHE DE DONNÉES DE SÉCURITÉ"],
        "page": ["Page {i} sur {n}", "p. {i}/{n}"],
    },
    "en": {
        "po_number": ["Customer PO", "PO No."],
        "delivery_note_number": ["Delivery note no."],
        "delivery_date": ["Delivery date"],
        "certificate_number": ["Certificate number", "Cert. ref."],
        "issue_date": ["Date of issue", "Date"],
        "invoice_number": ["Invoice number", "Document no."],
        "invoice_date": ["Date", "Date of invoice"],
        "due_date": ["Payment due", "Due"],
        "customer_number": ["Account No.", "Your account"],
        "order_date": ["Ordered on"],
        "carrier": ["Carrier"],
        "lot_number": ["Lot number", "Lot"],
        "expiry_date": ["Expiry date", "Expiration date"],
        "mfg_date": ["Production date"],
        "article_code": ["Product code", "Article No."],
        "product": ["Item description"],
        "quantity": ["Quantity"],
        "vat_number": ["VAT Reg. No.", "VAT ID"],
        "buyer_vat": ["Customer VAT No."],
        "currency": ["Invoice currency"],
        "total_excl_tax": ["Total excl. VAT", "Net total"],
        "total_tax": ["Tax", "Sales tax"],
        "total_incl_tax": ["Total"],
        "payment_terms": ["Terms"],
        "dn_ref": ["Shipment ref."],
        "ship_to": ["Deliver to", "Consignee"],
        "bill_to": ["Invoice to", "Customer"],
        "revision_date": ["Revised"],
        "version": ["Version"],
        "print_date": ["Print date"],
        "supersedes": ["Replaces issue dated"],
        "packages": ["Packages"],
        "weight": ["Total weight"],
        "col/sup_code": ["Item code"],
        "col/int_code": ["Your ref.", "Your part no."],
        "col/desc": ["Product description"],
        "col/qty": ["Qty", "Qty shipped"],
        "col/unit": ["U/M"],
        "col/lot": ["Batch", "Lot No."],
        "col/expiry": ["Best before"],
        "col/unit_price": ["Unit price", "Unit cost"],
        "col/amount": ["Amount", "Net"],
        "col/vat": ["VAT"],
        "title/delivery_note": ["Delivery Note", "DESPATCH NOTE"],
        "title/certificate_of_conformity": ["Certificate of Conformance"],
        "title/invoice": ["TAX INVOICE"],
        "title/safety_data_sheet": ["SAFETY DATA SHEET"],
        "page": ["Page {i}/{n}", "{i}/{n}"],
    },
}


def _holdout_labels(lang: str, rank: int) -> dict:
    """Layout.labels for the rank-th holdout supplier printing in lang."""
    out = {}
    for key, options in HOLDOUT_WORDING[lang].items():
        name = key.replace("col/", "col_").replace("title/", "title_")
        out[name] = options[rank % len(options)]
    return out


def _pick(layout_id: str, key: str, options):
    """A fixed choice for a supplier (never the CLI seed).

    Suppliers take the synonyms in turn (offset by a hash of the key), so
    that every wording of a list is used by some supplier of each family
    instead of a hash piling several suppliers onto one wording.
    """
    ordinal = int(layout_id[-2:]) + (5 if layout_id[-3] == "e" else 0)
    return options[(ordinal + zlib.crc32(key.encode("utf-8"))) % len(options)]


@dataclass(frozen=True)
class Layout:
    id: str
    lang: str                     # 'fr' | 'en'
    header_style: str             # 'left' | 'above' | 'kv_right' | 'boxed'
    table_style: str              # 'ruled' | 'dotted' | 'unruled'
    po_place: str                 # 'header' | 'footer' | 'box' | 'unlabelled'
    date_fmt: str                 # key of formats.DATE_STYLES
    expiry_fmt: str               # 'date' | 'my_slash' | 'my_dot'
    num_fmt: str                  # 'fr' | 'en' | 'de'
    font: str                     # key of draw.FONT_FAMILIES
    size: float = 9.0             # base font size
    letterhead: str = "left"      # 'left' | 'right' | 'center'
    accent: str = "#1f3b73"
    logo: str = "circle"          # 'circle' | 'square' | 'triangle' | 'bars' | 'diamond' | 'text'
    dn_cols: str = "S I D Q U L E"  # S sup code, I internal code, D desc, Q qty, U unit, L lot, E expiry
    inv_cols: str = "S D Q U P A"   # P unit price, A amount, V VAT rate
    internal_code: bool = True    # delivery notes print the buyer's article code
    qty_unit_merged: bool = False  # '12 kg' in one cell instead of two columns
    qty_mode: str = "min"         # 'min' | '2' | '3'
    price_decimals: int = 2
    currency_display: str = "symbol_suffix"
    repeat_header: bool = True    # table header repeated on continuation pages
    header_fill: bool = False     # shaded table header
    paper: str = "A4"
    barcode: str = ""             # '' | 'code128' | 'qr'
    label_colon: str = " :"       # French typography puts a space before ':'
    upper_labels: bool = False
    gs1: str = ""                 # GS1-128 on delivery notes and certificates: '' | 'lines'
    #                               (one label per line item) | 'full' (+ SSCC pallet label
    #                               with the PO on delivery notes, PO on certificates)
    labels: dict = field(default_factory=dict, hash=False, compare=False)

    def label(self, key: str, **kw) -> str:
        text = self.labels.get(key) or _pick(self.id, key, LABELS[self.lang][key])
        text = text.format(**kw) if kw else text
        return text.upper() if self.upper_labels else text

    def column(self, key: str) -> str:
        text = self.labels.get("col_" + key) or _pick(self.id, "col/" + key,
                                                      COLUMNS[self.lang][key])
        return text

    def title(self, doc_type: str) -> str:
        return self.labels.get("title_" + doc_type) or _pick(self.id, "title/" + doc_type,
                                                             TITLES[self.lang][doc_type])

    def page_format(self) -> str:
        return self.labels.get("page") or _pick(self.id, "page", PAGE_NUMBER_FORMATS[self.lang])

    def signature(self):
        """The tuple that must differ between dev and eval layouts."""
        return (self.lang, self.header_style, self.table_style, self.po_place,
                self.date_fmt, self.num_fmt)

    def wording(self):
        """Every label, column header, title and page-number format the layout prints."""
        return (tuple(self.labels.get(k) or _pick(self.id, k, LABELS[self.lang][k])
                      for k in LABELS[self.lang])
                + tuple(self.column(k) for k in COLUMNS[self.lang])
                + tuple(self.title(t) for t in TITLES[self.lang])
                + (self.page_format(),))


@dataclass(frozen=True)
class Supplier:
    id: str
    name: str
    address: tuple                # street lines then 'postcode city', then country
    country: str                  # ISO 3166 alpha-2
    phone: str
    email: str
    web: str
    vat: str                      # '' when the supplier has no VAT number (US)
    legal: str                    # legal-form footer sentence (may embed {vat})
    currency: str
    tax_rate: Decimal
    sector: str                   # key of content.CATALOGUE
    layout: Layout
    doc_types: tuple = ("delivery_note", "certificate_of_conformity", "invoice",
                        "safety_data_sheet")
    dn_pattern: str = "BL{yy}{n6}"
    inv_pattern: str = "FA{yy}-{n5}"
    coc_pattern: str = "CC{yy}-{n4}"
    lot_pattern: str = "L{yy}{doy}-{n2}"
    code_pattern: str = "{n5}"
    bank: str = ""
    reverse_charge: bool = False  # intra-EU sale: 0 % VAT with a legal mention


@dataclass(frozen=True)
class Buyer:
    """The company that ordered (the quai user); its PO and item code formats."""
    id: str
    name: str
    address: tuple
    vat: str
    po_pattern: str
    item_pattern: str


BUYERS = (
    Buyer("armor", "Laboratoires Armor Santé SA",
          ("ZI de Kergaradec", "12 rue de l'Hermine", "29850 Gouesnou", "France"),
          vat_fr("41237856"), "4500{n6}", "MP-{n5}"),
    Buyer("littoral", "Conserverie du Littoral SAS",
          ("Port de pêche – Quai Est", "17000 La Rochelle", "France"),
          vat_fr("52846103"), "PO-{yyyy}-{n5}", "{n6}"),
    Buyer("dauphine", "Mécanique de Précision du Dauphiné",
          ("8 avenue des Alpes", "38130 Échirolles", "France"),
          vat_fr("39015277"), "CDE{yy}{n5}", "QA-{n4}-{A}"),
    Buyer("atlantique", "Cosmétiques Atlantique SARL",
          ("5 quai de la Fosse", "Bâtiment B", "44200 Nantes", "France"),
          vat_fr("80344921"), "CA/{yy}/{n4}", "CA{n6}"),
)


def _fr_legal(form, capital, city, vat):
    siren = siren_of(vat)
    return (f"{form} au capital de {capital} € – RCS {city} {siren[:3]} {siren[3:6]} {siren[6:]} – "
            f"SIRET {siren} 000{int(siren[-2:]) % 9 + 1}{int(siren[-3]) % 10} – "
            "TVA intracommunautaire : {vat}")


def _S(**kw):
    return Supplier(**kw)


def _dev():
    s = []
    v = vat_fr("43512876")
    s.append(_S(
        id="d01", name="Chimirhône SAS",
        address=("27 rue de Gerland", "69007 Lyon", "France"), country="FR",
        phone="+33 4 72 80 14 50", email="adv@chimirhone.fr", web="www.chimirhone.fr",
        vat=v, legal=_fr_legal("SAS", "450 000", "Lyon", v), currency="EUR",
        tax_rate=Decimal("20"), sector="chem",
        dn_pattern="BL{yy}{n6}", inv_pattern="FA{yy}-{n5}", coc_pattern="CQ-{yy}-{n4}",
        lot_pattern="L{yy}{doy}-{n2}", code_pattern="CH-{n4}",
        bank="IBAN FR76 3000 4012 3400 0101 2345 678 – BIC BNPAFRPPLYO",
        layout=Layout("L-d01", "fr", "left", "ruled", "header", "dmy_slash", "date", "fr",
                      "dejavu_sans", 9, "left", "#1f3b73", "circle", "S I D Q U L E",
                      "S D Q U P A", barcode="code128", header_fill=True,
                      gs1="full")))
    v = vat_fr("32876541")
    s.append(_S(
        id="d02", name="Ateliers Vernier & Fils SARL",
        address=("ZA des Tilleroyes", "4 rue Thomas Edison", "25000 Besançon", "France"),
        country="FR", phone="03 81 52 33 10", email="commandes@vernier-fils.fr",
        web="www.vernier-fils.fr", vat=v, legal=_fr_legal("SARL", "80 000", "Besançon", v),
        currency="EUR", tax_rate=Decimal("20"), sector="ppe",
        doc_types=("delivery_note", "certificate_of_conformity", "invoice"),
        dn_pattern="{n7}", inv_pattern="F{n7}", coc_pattern="ATT{yy}{n4}",
        lot_pattern="{yy}{mm}{n3}", code_pattern="{n3}.{n3}.{n2}",
        bank="IBAN FR76 1020 6000 5512 3456 7890 112 – BIC AGRIFRPP820",
        layout=Layout("L-d02", "fr", "boxed", "unruled", "box", "dmy_dot", "my_slash", "fr",
                      "lib_serif", 9.5, "center", "#444444", "text", "S D Q L E",
                      "S D Q P A", internal_code=False, qty_unit_merged=True,
                      header_fill=True)))
    s.append(_S(
        id="d03", name="Northbridge Packaging Ltd",
        address=("Unit 7, Aire Valley Trading Estate", "Leeds LS10 1QB", "United Kingdom"),
        country="GB", phone="+44 113 496 0712", email="sales@northbridge-pack.co.uk",
        web="www.northbridge-pack.co.uk", vat=vat_gb("2874410"),
        legal="Registered in England and Wales No. 06412937. Registered office as above. "
              "VAT Reg. No. {vat}",
        currency="GBP", tax_rate=Decimal("20"), sector="pack",
        dn_pattern="DN{n6}", inv_pattern="INV-{n6}", coc_pattern="COC-{yyyy}-{n4}",
        lot_pattern="B{n6}", code_pattern="NB-{n4}-{A}",
        bank="Bank: Barclays, Sort code 20-45-77, Account 43917264",
        layout=Layout("L-d03", "en", "kv_right", "dotted", "header", "en_long", "my_slash",
                      "en", "lib_sans", 9, "left", "#0b6e4f", "bars", "S D Q U L E",
                      "S D Q P A", internal_code=False, currency_display="symbol_prefix",
                      repeat_header=False, label_colon=":")))
    v = vat_fr("38205517")
    s.append(_S(
        id="d04", name="Meunerie du Val de Loire SA",
        address=("Moulin de la Chapelle", "37540 Saint-Cyr-sur-Loire", "France"),
        country="FR", phone="02 47 51 20 90", email="expedition@meunerie-valdeloire.fr",
        web="www.meunerie-valdeloire.fr", vat=v,
        legal=_fr_legal("SA", "1 200 000", "Tours", v), currency="EUR",
        tax_rate=Decimal("5.5"), sector="food",
        dn_pattern="BL-{n6}", inv_pattern="{yy}{n6}", coc_pattern="CERT{yy}{n4}",
        lot_pattern="{yy}{doy}{A}", code_pattern="F{n3}",
        bank="IBAN FR76 1470 7000 3232 1987 6543 210 – BIC CCBPFRPPMTG",
        layout=Layout("L-d04", "fr", "above", "ruled", "footer", "fr_long", "date", "fr",
                      "dejavu_serif", 9, "right", "#7a4b12", "diamond", "I S D Q U L E",
                      "S D U Q P A", qty_mode="2",
                      gs1="lines")))
    s.append(_S(
        id="d05", name="Hallstein Klebstoffe GmbH",
        address=("Industriestraße 41", "70565 Stuttgart", "Germany"),
        country="DE", phone="+49 711 7820 330", email="export@hallstein-kleb.de",
        web="www.hallstein-kleb.de", vat=vat_de("81473920"),
        legal="Hallstein Klebstoffe GmbH · Amtsgericht Stuttgart HRB 742913 · "
              "Managing director: Dr. Petra Lindner · VAT ID {vat}",
        currency="EUR", tax_rate=Decimal("0"), sector="adhes", reverse_charge=True,
        dn_pattern="LS-{n7}", inv_pattern="RE{yy}{n5}", coc_pattern="QZ-{n6}",
        lot_pattern="{yy}{mm}{dd}-{n2}", code_pattern="HK{n5}",
        bank="IBAN DE89 6005 0101 0004 7821 33 · BIC SOLADEST600",
        layout=Layout("L-d05", "en", "boxed", "ruled", "header", "dmy_dot", "my_dot", "de",
                      "dejavu_cond", 9, "left", "#b01c2e", "square", "S I D L E Q U",
                      "S D Q U P V A", qty_mode="3", currency_display="code_suffix",
                      barcode="qr", label_colon=":", header_fill=True)))
    v = vat_fr("49873302")
    s.append(_S(
        id="d06", name="Laboratoires Cérès SAS",
        address=("Parc Euromédecine", "140 rue de la Galéra", "34090 Montpellier", "France"),
        country="FR", phone="04 67 63 88 21", email="service.client@labo-ceres.fr",
        web="www.labo-ceres.fr", vat=v, legal=_fr_legal("SAS", "150 000", "Montpellier", v),
        currency="EUR", tax_rate=Decimal("20"), sector="lab",
        dn_pattern="LC{n6}", inv_pattern="FC-{yyyy}-{n4}", coc_pattern="CC/{yy}/{n5}",
        lot_pattern="{A}{A}{n5}", code_pattern="RC{n4}-{n3}",
        bank="IBAN FR76 1350 6100 0085 4321 0987 654 – BIC AGRIFRPP835",
        layout=Layout("L-d06", "fr", "kv_right", "unruled", "unlabelled", "iso", "date", "fr",
                      "lib_sans", 9.5, "left", "#2a7ab0", "triangle", "S D Q U L E I",
                      "S D Q P A", qty_mode="min", price_decimals=3,
                      gs1="full")))
    s.append(_S(
        id="d07", name="Brightwater Chemicals Inc.",
        address=("1250 Raymond Blvd, Suite 400", "Newark, NJ 07102", "USA"),
        country="US", phone="+1 973 555 0148", email="orders@brightwaterchem.com",
        web="www.brightwaterchem.com", vat="",
        legal="Brightwater Chemicals Inc. · EIN 22-4918377 · Export sale – "
              "no sales tax charged",
        currency="USD", tax_rate=Decimal("0"), sector="chem",
        dn_pattern="PS-{n6}", inv_pattern="{n7}", coc_pattern="BW-COC-{n5}",
        lot_pattern="BW{yy}{n4}", code_pattern="BW-{n4}",
        bank="Wire: JPMorgan Chase, ABA 021000021, Acct 7719 0042 118",
        layout=Layout("L-d07", "en", "left", "ruled", "header", "dmon", "my_slash", "en",
                      "lib_sans", 9, "right", "#00507a", "circle", "S D Q U L E",
                      "Q S D P A", internal_code=False, currency_display="symbol_prefix",
                      paper="Letter", label_colon=":", upper_labels=True,
                      gs1="full")))
    v = vat_fr("35511890")
    s.append(_S(
        id="d08", name="Sucrerie Picarde Distribution",
        address=("Route de Roye", "80000 Amiens", "France"), country="FR",
        phone="03 22 91 47 00", email="logistique@sucrerie-picarde.fr",
        web="www.sucrerie-picarde.fr", vat=v, legal=_fr_legal("SAS", "2 500 000", "Amiens", v),
        currency="EUR", tax_rate=Decimal("5.5"), sector="food",
        dn_pattern="{yy}BL{n5}", inv_pattern="FV{n6}", coc_pattern="SPD-{n5}",
        lot_pattern="{yy}{doy}", code_pattern="SUC{n3}",
        bank="IBAN FR76 1680 6000 2000 4567 8912 345 – BIC AGRIFRPP868",
        layout=Layout("L-d08", "fr", "left", "dotted", "header", "dmy_slash", "my_slash", "de",
                      "dejavu_sans", 8.5, "left", "#6a1b9a", "square", "S I D L E Q U",
                      "S D Q U P V A", qty_mode="3", repeat_header=False,
                      currency_display="symbol_suffix")))
    s.append(_S(
        id="d09", name="Van Dijk Lubricants B.V.",
        address=("Botlekweg 118", "3197 KA Rotterdam", "The Netherlands"), country="NL",
        phone="+31 10 472 8800", email="orders@vandijk-lubricants.nl",
        web="www.vandijk-lubricants.nl", vat=vat_nl("81236547"),
        legal="Van Dijk Lubricants B.V. – KvK 24378861 – VAT {vat}",
        currency="EUR", tax_rate=Decimal("21"), sector="lube",
        dn_pattern="VD{n7}", inv_pattern="2{n7}", coc_pattern="VDL-C{n5}",
        lot_pattern="{n7}", code_pattern="{n6}",
        bank="IBAN NL91 ABNA 0417 1643 00 – BIC ABNANL2A",
        layout=Layout("L-d09", "en", "above", "dotted", "box", "iso", "date", "de",
                      "dejavu_sans", 8.5, "right", "#e07000", "bars", "D S L E Q U",
                      "S D Q P A", internal_code=False, currency_display="code_prefix",
                      label_colon="",
                      gs1="lines")))
    v = vat_fr("44018295")
    s.append(_S(
        id="d10", name="Emballages Sud-Ouest SARL",
        address=("ZI de Thibaud", "31100 Toulouse", "France"), country="FR",
        phone="05 61 40 72 18", email="adv@emballages-so.fr", web="www.emballages-so.fr",
        vat=v, legal=_fr_legal("SARL", "60 000", "Toulouse", v), currency="EUR",
        tax_rate=Decimal("20"), sector="pack",
        dn_pattern="BL{n5}", inv_pattern="F{yy}{n5}", coc_pattern="CDC-{n4}",
        lot_pattern="OF{n5}", code_pattern="ESO{n4}",
        bank="IBAN FR76 1313 5000 8008 1122 3344 556 – BIC CEPAFRPP313",
        layout=Layout("L-d10", "fr", "boxed", "dotted", "header", "dmy_slash", "date", "fr",
                      "lib_serif", 9, "left", "#2e7d32", "triangle", "S I D Q U L",
                      "S D Q U P A")))
    s.append(_S(
        id="d11", name="Cacaoterie Liégeoise SRL",
        address=("Quai de la Boverie 66", "4020 Liège", "Belgique"), country="BE",
        phone="+32 4 342 18 60", email="commandes@cacaoterie-liegeoise.be",
        web="www.cacaoterie-liegeoise.be", vat=vat_be("04718833"),
        legal="Cacaoterie Liégeoise SRL – RPM Liège – N° d'entreprise 0471.883.323 – TVA {vat}",
        currency="EUR", tax_rate=Decimal("6"), sector="food",
        dn_pattern="LV{yy}/{n5}", inv_pattern="{yy}/{n6}", coc_pattern="CL-{n5}",
        lot_pattern="{yy}{mm}{n3}", code_pattern="CAC-{n3}",
        bank="IBAN BE68 5390 0754 7034 – BIC BBRUBEBB",
        layout=Layout("L-d11", "fr", "kv_right", "ruled", "footer", "dmy_dot", "my_dot", "de",
                      "dejavu_serif", 9, "right", "#5d3a1a", "circle", "S D Q U L E",
                      "S D Q P V A", internal_code=False, qty_mode="2",
                      currency_display="symbol_suffix",
                      gs1="full")))
    s.append(_S(
        id="d12", name="Chimie Léman SA",
        address=("Route des Jeunes 35", "1227 Carouge GE", "Suisse"), country="CH",
        phone="+41 22 342 90 10", email="ventes@chimie-leman.ch", web="www.chimie-leman.ch",
        vat=vat_ch("11456789"),
        legal="Chimie Léman SA – Registre du commerce de Genève – IDE {vat}",
        currency="CHF", tax_rate=Decimal("8.1"), sector="chem",
        dn_pattern="CL-BL-{n5}", inv_pattern="CL-F-{n5}", coc_pattern="CL-CQ-{n5}",
        lot_pattern="{n2}{A}{n4}", code_pattern="CL{n5}",
        bank="IBAN CH93 0076 2011 6238 5295 7 – BIC BCGECHGGXXX",
        layout=Layout("L-d12", "fr", "above", "unruled", "header", "fr_long", "my_slash", "en",
                      "dejavu_sans", 9, "center", "#c62828", "diamond", "S I D Q U L E",
                      "S D Q P A", currency_display="code_prefix", header_fill=True)))
    s.append(_S(
        id="d13", name="Pennine Safety Supplies Ltd",
        address=("Sheaf Bank Business Park", "Prospect Road", "Sheffield S2 3EN",
                 "United Kingdom"), country="GB",
        phone="+44 114 496 0355", email="orders@pennine-safety.co.uk",
        web="www.pennine-safety.co.uk", vat=vat_gb("6631982"),
        legal="Pennine Safety Supplies Ltd, registered in England No. 08817342. VAT No. {vat}",
        currency="GBP", tax_rate=Decimal("20"), sector="ppe",
        dn_pattern="PSS{n6}", inv_pattern="SI-{n6}", coc_pattern="PSS-CC-{n4}",
        lot_pattern="{yy}{mm}-{n4}", code_pattern="PS{n4}",
        bank="Bank: Lloyds, Sort code 30-96-26, Account 11823490",
        layout=Layout("L-d13", "en", "left", "unruled", "unlabelled", "dmy_slash", "date", "en",
                      "dejavu_sans", 9, "left", "#37474f", "text", "S I D Q U L E",
                      "S D Q U P A", currency_display="symbol_prefix", label_colon=":",
                      gs1="lines")))
    v = vat_fr("47709218")
    s.append(_S(
        id="d14", name="Distrilab Atlantique",
        address=("3 impasse des Chênes", "ZAC de la Lorie", "44800 Saint-Herblain", "France"),
        country="FR", phone="02 40 92 11 73", email="commandes@distrilab-atlantique.fr",
        web="www.distrilab-atlantique.fr", vat=v,
        legal=_fr_legal("SAS", "40 000", "Nantes", v), currency="EUR",
        tax_rate=Decimal("20"), sector="lab",
        dn_pattern="DA{n6}", inv_pattern="DA-F{n6}", coc_pattern="DA-Q{n5}",
        lot_pattern="{n6}", code_pattern="DL-{n5}",
        bank="IBAN FR76 1558 9441 0003 4567 8910 152 – BIC CMBRFR2BARK",
        layout=Layout("L-d14", "fr", "above", "ruled", "box", "iso", "my_slash", "fr",
                      "lib_mono", 8.5, "left", "#000000", "text", "I S D Q U L E",
                      "S D Q P A", price_decimals=4, qty_mode="min",
                      currency_display="code_suffix")))
    return tuple(s)


def _eval():
    s = []
    v = vat_fr("50622418")
    s.append(_S(
        id="e01", name="Solvants de l'Isère SAS",
        address=("12 chemin de la Dhuy", "38240 Meylan", "France"), country="FR",
        phone="04 76 90 44 12", email="adv@solvants-isere.fr", web="www.solvants-isere.fr",
        vat=v, legal=_fr_legal("SAS", "300 000", "Grenoble", v), currency="EUR",
        tax_rate=Decimal("20"), sector="chem",
        dn_pattern="SI-BL{n5}", inv_pattern="SI-FA{n5}", coc_pattern="SI-CC{n4}",
        lot_pattern="{yy}{n5}", code_pattern="SOL-{n3}",
        bank="IBAN FR76 1390 6000 3212 3456 7890 123 – BIC AGRIFRPP839",
        layout=Layout("L-e01", "fr", "boxed", "ruled", "footer", "fr_long", "date", "fr",
                      "dejavu_sans", 9, "left", "#283593", "diamond", "S D I Q U L E",
                      "S D Q U P A", header_fill=True)))
    s.append(_S(
        id="e02", name="Kestrel Industrial Supplies Ltd",
        address=("42 Tyseley Industrial Estate", "Birmingham B11 2AG", "United Kingdom"),
        country="GB", phone="+44 121 496 0288", email="sales@kestrel-supplies.co.uk",
        web="www.kestrel-supplies.co.uk", vat=vat_gb("3390714"),
        legal="Kestrel Industrial Supplies Ltd. Company No. 05129943. VAT Registration {vat}",
        currency="GBP", tax_rate=Decimal("20"), sector="ppe",
        doc_types=("delivery_note", "certificate_of_conformity", "invoice"),
        dn_pattern="KD{n6}", inv_pattern="KI{n6}", coc_pattern="KC{n5}",
        lot_pattern="K{yy}{n4}", code_pattern="K-{n5}",
        bank="Bank: HSBC, Sort code 40-11-62, Account 92018841",
        layout=Layout("L-e02", "en", "above", "unruled", "box", "dmon", "my_slash", "en",
                      "lib_serif", 9.5, "right", "#8e2430", "triangle", "S D Q U L E I",
                      "S D Q P A", currency_display="symbol_prefix", label_colon=":",
                      gs1="full")))
    v = vat_fr("33920145")
    s.append(_S(
        id="e03", name="Moulins Réunis de Champagne",
        address=("Avenue de l'Europe", "51100 Reims", "France"), country="FR",
        phone="03 26 84 50 30", email="logistique@moulins-champagne.fr",
        web="www.moulins-champagne.fr", vat=v, legal=_fr_legal("SA", "800 000", "Reims", v),
        currency="EUR", tax_rate=Decimal("5.5"), sector="food",
        dn_pattern="MRC{n6}", inv_pattern="MRF{n6}", coc_pattern="MRQ{n4}",
        lot_pattern="{yy}{doy}-{A}", code_pattern="FA{n3}",
        bank="IBAN FR76 1020 6000 1234 5678 9012 345 – BIC AGRIFRPP802",
        layout=Layout("L-e03", "fr", "kv_right", "dotted", "unlabelled", "dmy_dot", "my_dot",
                      "fr", "dejavu_cond", 9, "center", "#996515", "bars", "S I D Q U L E",
                      "S D U Q P A", qty_mode="3",
                      gs1="lines")))
    s.append(_S(
        id="e04", name="Rheinfeld Verpackung GmbH",
        address=("Emil-Hoffmann-Straße 9", "50996 Köln", "Germany"), country="DE",
        phone="+49 221 9360 200", email="vertrieb@rheinfeld-verpackung.de",
        web="www.rheinfeld-verpackung.de", vat=vat_de("29384715"),
        legal="Rheinfeld Verpackung GmbH · Amtsgericht Köln HRB 88214 · VAT ID {vat}",
        currency="EUR", tax_rate=Decimal("0"), sector="pack", reverse_charge=True,
        dn_pattern="RV-LS{n6}", inv_pattern="RV-R{n6}", coc_pattern="RV-Z{n5}",
        lot_pattern="CH{n6}", code_pattern="RV{n4}-{n2}",
        bank="IBAN DE44 3705 0198 0012 3456 78 · BIC COLSDE33",
        layout=Layout("L-e04", "en", "left", "dotted", "footer", "dmy_dot", "date", "de",
                      "lib_sans", 9, "left", "#004d40", "square", "S D Q U L",
                      "S D Q U P A", internal_code=False, qty_unit_merged=True,
                      currency_display="code_suffix", label_colon=":")))
    v = vat_fr("45187760")
    s.append(_S(
        id="e05", name="Bioréactifs Provence SARL",
        address=("Domaine du Petit Arbois", "Avenue Louis Philibert", "13290 Aix-en-Provence",
                 "France"), country="FR",
        phone="04 42 97 15 60", email="contact@bioreactifs-provence.fr",
        web="www.bioreactifs-provence.fr", vat=v,
        legal=_fr_legal("SARL", "20 000", "Aix-en-Provence", v), currency="EUR",
        tax_rate=Decimal("20"), sector="lab",
        dn_pattern="BP{yy}-{n4}", inv_pattern="BPF{yy}-{n4}", coc_pattern="BPC{yy}-{n4}",
        lot_pattern="{A}{yy}{n4}", code_pattern="BR-{n4}",
        bank="IBAN FR76 1131 5000 0108 7654 3210 987 – BIC CEPAFRPP131",
        layout=Layout("L-e05", "fr", "left", "ruled", "box", "iso", "my_slash", "en",
                      "dejavu_serif", 9, "right", "#1565c0", "circle", "I S D Q U L E",
                      "S D Q P A", price_decimals=3, upper_labels=True,
                      gs1="full")))
    s.append(_S(
        id="e06", name="Castellana Química S.L.",
        address=("Polígono Industrial Fuente del Jarro", "Calle Ciudad de Sevilla 24",
                 "46988 Paterna (Valencia)", "Spain"), country="ES",
        phone="+34 961 32 40 75", email="export@castellanaquimica.es",
        web="www.castellanaquimica.es", vat=vat_es("4621578"),
        legal="Castellana Química S.L. – Registro Mercantil de Valencia, Tomo 8812, "
              "Hoja V-129934 – VAT {vat}",
        currency="EUR", tax_rate=Decimal("21"), sector="chem",
        dn_pattern="AL-{n6}", inv_pattern="FV{yyyy}/{n5}", coc_pattern="CQ-{n6}",
        lot_pattern="{n2}{mm}{yy}{n2}", code_pattern="CQ{n4}",
        bank="IBAN ES91 2100 0418 4502 0005 1332 – BIC CAIXESBBXXX",
        layout=Layout("L-e06", "en", "boxed", "unruled", "header", "en_long", "my_slash", "de",
                      "dejavu_sans", 9, "left", "#ad1457", "diamond", "S D L E Q U",
                      "S D Q P V A", internal_code=False, currency_display="symbol_suffix",
                      label_colon=":")))
    v = vat_fr("38891026")
    s.append(_S(
        id="e07", name="Huileries de Normandie SA",
        address=("Zone portuaire", "14550 Blainville-sur-Orne", "France"), country="FR",
        phone="02 31 44 62 80", email="adv@huileries-normandie.fr",
        web="www.huileries-normandie.fr", vat=v, legal=_fr_legal("SA", "650 000", "Caen", v),
        currency="EUR", tax_rate=Decimal("20"), sector="lube",
        dn_pattern="HN{n6}", inv_pattern="HNF{n6}", coc_pattern="HNC{n5}",
        lot_pattern="{yy}{mm}{dd}{n2}", code_pattern="H{n4}",
        bank="IBAN FR76 1660 6100 6400 1357 9246 802 – BIC AGRIFRPP866",
        layout=Layout("L-e07", "fr", "above", "dotted", "unlabelled", "dmy_slash", "date", "fr",
                      "lib_serif", 9, "left", "#3e6b2e", "circle", "S I D Q U L E",
                      "S D Q U P A", qty_mode="2", repeat_header=False,
                      gs1="lines")))
    s.append(_S(
        id="e08", name="Oakridge Coatings LLC",
        address=("4800 Westerville Road", "Columbus, OH 43231", "USA"), country="US",
        phone="+1 614 555 0192", email="orders@oakridgecoatings.com",
        web="www.oakridgecoatings.com", vat="",
        legal="Oakridge Coatings LLC · Federal Tax ID 31-2270496 · Export invoice, "
              "no U.S. sales tax",
        currency="USD", tax_rate=Decimal("0"), sector="adhes",
        dn_pattern="OC-PS{n5}", inv_pattern="OC{n6}", coc_pattern="OC-C{n5}",
        lot_pattern="{yy}{doy}{n2}", code_pattern="OC-{n3}-{n2}",
        bank="Wire: Fifth Third Bank, ABA 042000314, Acct 4418 0093 27",
        layout=Layout("L-e08", "en", "kv_right", "ruled", "box", "dmon", "date", "en",
                      "dejavu_cond", 9, "right", "#4e342e", "bars", "S D Q U L E",
                      "Q S D P A", internal_code=False, paper="Letter",
                      currency_display="symbol_prefix", label_colon=":",
                      upper_labels=True)))
    s.append(_S(
        id="e09", name="Chocolaterie des Vosges SAS",
        address=("18 rue de la Louvière", "88000 Épinal", "France"), country="FR",
        phone="03 29 64 08 12", email="commandes@chocolaterie-vosges.fr",
        web="www.chocolaterie-vosges.fr", vat=(v := vat_fr("51277630")),
        legal=_fr_legal("SAS", "120 000", "Épinal", v), currency="EUR",
        tax_rate=Decimal("5.5"), sector="food",
        doc_types=("delivery_note", "certificate_of_conformity", "invoice",
                   "safety_data_sheet"),
        dn_pattern="CV{yy}{n4}", inv_pattern="CVF{yy}{n4}", coc_pattern="CVQ{yy}{n3}",
        lot_pattern="{doy}{yy}", code_pattern="CHOC{n3}",
        bank="IBAN FR76 1027 8060 0000 0208 4510 145 – BIC CMCIFR2A",
        layout=Layout("L-e09", "fr", "boxed", "dotted", "unlabelled", "dmy_slash", "my_slash",
                      "de", "lib_sans", 9, "center", "#6d4c41", "text", "S D Q U L E",
                      "S D Q P V A", internal_code=False, currency_display="symbol_suffix")))
    s.append(_S(
        id="e10", name="Lombarda Adesivi S.r.l.",
        address=("Via dell'Industria 17", "24040 Comun Nuovo (BG)", "Italy"), country="IT",
        phone="+39 035 595 1180", email="export@lombarda-adesivi.it",
        web="www.lombarda-adesivi.it", vat=vat_it("0381547016"),
        legal="Lombarda Adesivi S.r.l. – Cap. soc. € 100.000 i.v. – REA BG-402718 – "
              "VAT {vat}",
        currency="EUR", tax_rate=Decimal("22"), sector="adhes",
        dn_pattern="DDT {n5}/{yy}", inv_pattern="{n5}/{yyyy}", coc_pattern="CC{n5}",
        lot_pattern="{yy}{n5}", code_pattern="LA{n4}",
        bank="IBAN IT60 X054 2811 1010 0000 0123 456 – BIC BEPOIT21",
        layout=Layout("L-e10", "en", "above", "ruled", "footer", "en_long", "my_dot", "de",
                      "lib_sans", 9, "left", "#00695c", "square", "S D Q U L E",
                      "S D Q U P A", internal_code=False, currency_display="code_prefix",
                      label_colon=":", header_fill=True,
                      gs1="full")))
    return tuple(s)


def _holdout():
    """Held out from everyone: for final measurements only, never for tuning.

    Eight suppliers whose layouts repeat no dev or eval combination and whose
    wording comes from HOLDOUT_WORDING (the synonyms dev uses least)."""
    s = []
    v = vat_fr("46130587")
    s.append(_S(
        id="h01", name="Réactifs du Berry SAS",
        address=("Technopole Lahitolle", "9 allée Jean Bertin", "18000 Bourges", "France"),
        country="FR", phone="02 48 27 61 35", email="adv@reactifs-berry.fr",
        web="www.reactifs-berry.fr", vat=v, legal=_fr_legal("SAS", "250 000", "Bourges", v),
        currency="EUR", tax_rate=Decimal("20"), sector="lab",
        dn_pattern="RB-L{n6}", inv_pattern="RB{yy}F{n5}", coc_pattern="RBQ-{yy}{n4}",
        lot_pattern="{yy}{mm}{A}{n3}", code_pattern="RB.{n5}",
        bank="IBAN FR76 1450 6000 7001 2345 6789 014 – BIC AGRIFRPP845",
        layout=Layout("L-h01", "fr", "kv_right", "ruled", "header", "dmy_slash", "date", "fr",
                      "dejavu_serif", 8.5, "center", "#5c2d91", "square", "S D I L E Q U",
                      "S D Q U P V A", price_decimals=3, header_fill=True,
                      labels=_holdout_labels("fr", 0),
                      gs1="full")))
    s.append(_S(
        id="h02", name="Thornbury Cartons Ltd",
        address=("Units 3–5, Severn Bridge Industrial Park", "Avonmouth", "Bristol BS11 8AZ",
                 "United Kingdom"), country="GB",
        phone="+44 117 496 0541", email="orders@thornbury-cartons.co.uk",
        web="www.thornbury-cartons.co.uk", vat=vat_gb("4418207"),
        legal="Thornbury Cartons Ltd · Registered in England and Wales No. 07730518 · "
              "VAT Reg. No. {vat}",
        currency="GBP", tax_rate=Decimal("20"), sector="pack",
        dn_pattern="TC/DN/{n5}", inv_pattern="TC{n6}", coc_pattern="TCC{yy}{n3}",
        lot_pattern="W{yy}{n4}", code_pattern="TB{n3}-{A}",
        bank="Bank: NatWest, Sort code 60-02-14, Account 38120957",
        layout=Layout("L-h02", "en", "boxed", "dotted", "unlabelled", "dmon", "my_slash", "en",
                      "lib_serif", 9.5, "right", "#1b5e20", "bars", "S D Q U L",
                      "S D Q P A", internal_code=False, qty_unit_merged=True,
                      currency_display="symbol_prefix", label_colon=":",
                      barcode="code128", labels=_holdout_labels("en", 0))))
    s.append(_S(
        id="h03", name="Zeeland Smeermiddelen B.V.",
        address=("Kanaalweg 212", "4538 AN Terneuzen", "The Netherlands"), country="NL",
        phone="+31 115 64 2190", email="sales@zeeland-smeer.nl", web="www.zeeland-smeer.nl",
        vat=vat_nl("85613290"),
        legal="Zeeland Smeermiddelen B.V. – KvK 22051937 – BTW/VAT {vat} – "
              "intra-community supply",
        currency="EUR", tax_rate=Decimal("0"), sector="lube", reverse_charge=True,
        dn_pattern="ZS{yy}-{n5}", inv_pattern="9{n7}", coc_pattern="ZS-CoA-{n5}",
        lot_pattern="{yy}{doy}{n3}", code_pattern="ZS{n4}",
        bank="IBAN NL20 INGB 0001 2345 67 – BIC INGBNL2A",
        layout=Layout("L-h03", "en", "kv_right", "unruled", "footer", "iso", "my_dot", "de",
                      "dejavu_mono", 8, "left", "#0d47a1", "circle", "S I D Q U L E",
                      "S D Q U P A", qty_mode="2", currency_display="code_suffix",
                      label_colon="", labels=_holdout_labels("en", 1))))
    v = vat_fr("53017742")
    s.append(_S(
        id="h04", name="Biscuiterie des Marais SARL",
        address=("Route de Challans", "85300 Soullans", "France"), country="FR",
        phone="02 51 35 08 64", email="commandes@biscuiterie-marais.fr",
        web="www.biscuiterie-marais.fr", vat=v,
        legal=_fr_legal("SARL", "90 000", "La Roche-sur-Yon", v), currency="EUR",
        tax_rate=Decimal("5.5"), sector="food",
        dn_pattern="BM{n6}", inv_pattern="FBM{yy}{n4}", coc_pattern="ACBM-{n4}",
        lot_pattern="{doy}{yy}{A}", code_pattern="BDM{n3}",
        bank="IBAN FR76 1551 9390 4100 0212 3456 789 – BIC CMCIFR2A",
        layout=Layout("L-h04", "fr", "left", "unruled", "footer", "fr_long", "my_dot", "fr",
                      "lib_sans", 9, "right", "#b5651d", "text", "S D Q U L E I",
                      "S D U Q P A", qty_mode="min", repeat_header=False,
                      labels=_holdout_labels("fr", 1),
                      gs1="lines")))
    s.append(_S(
        id="h05", name="Colle Tecniche Emiliane S.p.A.",
        address=("Via Emilia Ovest 1480", "41123 Modena (MO)", "Italy"), country="IT",
        phone="+39 059 82 7740", email="export@colletecniche.it", web="www.colletecniche.it",
        vat=vat_it("0274913016"),
        legal="Colle Tecniche Emiliane S.p.A. – Cap. soc. € 500.000 i.v. – REA MO-331820 – "
              "P. IVA / VAT {vat}",
        currency="EUR", tax_rate=Decimal("22"), sector="adhes",
        dn_pattern="DDT{yy}/{n5}", inv_pattern="FT{n5}/{yy}", coc_pattern="CTE-CC{n4}",
        lot_pattern="{yy}{mm}{dd}{A}", code_pattern="CT-{n4}",
        bank="IBAN IT40 S054 2811 1010 0000 0654 321 – BIC BPMOIT22",
        layout=Layout("L-h05", "en", "left", "dotted", "box", "en_long", "date", "de",
                      "dejavu_cond", 9, "center", "#c0392b", "triangle", "I S D L E Q U",
                      "S D Q U P V A", price_decimals=3, currency_display="symbol_suffix",
                      label_colon=":", upper_labels=True, labels=_holdout_labels("en", 2),
                      gs1="full")))
    s.append(_S(
        id="h06", name="Produits Chimiques Mosans SA",
        address=("Rue de l'Abbaye 41", "Zoning de Seilles", "4537 Verlaine", "Belgique"),
        country="BE", phone="+32 85 71 33 20", email="ventes@chimiques-mosans.be",
        web="www.chimiques-mosans.be", vat=vat_be("05392176"),
        legal="Produits Chimiques Mosans SA – RPM Liège, division Huy – "
              "N° d'entreprise 0539.217.654 – TVA {vat}",
        currency="EUR", tax_rate=Decimal("21"), sector="chem",
        dn_pattern="BL/{yy}/{n5}", inv_pattern="FV/{yy}/{n5}", coc_pattern="PCM-AC-{n5}",
        lot_pattern="M{yy}{n5}", code_pattern="PCM{n5}",
        bank="IBAN BE71 0961 2345 6769 – BIC GKCCBEBB",
        layout=Layout("L-h06", "fr", "boxed", "ruled", "unlabelled", "dmy_dot", "my_slash",
                      "de", "lib_sans", 9, "left", "#00838f", "diamond", "S I D Q U L E",
                      "S D Q P V A", qty_mode="3", currency_display="code_suffix",
                      barcode="qr", labels=_holdout_labels("fr", 2))))
    s.append(_S(
        id="h07", name="Aceites y Conservas del Guadalquivir S.A.",
        address=("Carretera de Carmona, km 4", "41020 Sevilla", "Spain"), country="ES",
        phone="+34 954 51 27 90", email="export@acg-guadalquivir.es",
        web="www.acg-guadalquivir.es", vat=vat_es("7734216"),
        legal="Aceites y Conservas del Guadalquivir S.A. – Registro Mercantil de Sevilla, "
              "Tomo 4127, Hoja SE-61802 – NIF/VAT {vat}",
        currency="EUR", tax_rate=Decimal("0"), sector="food", reverse_charge=True,
        dn_pattern="ALB-{yy}{n5}", inv_pattern="FE{yyyy}-{n5}", coc_pattern="CAL-{n5}",
        lot_pattern="{yy}{doy}-{n2}", code_pattern="AG{n4}",
        bank="IBAN ES76 0182 5322 0102 0158 4217 – BIC BBVAESMMXXX",
        layout=Layout("L-h07", "en", "above", "ruled", "header", "dmy_slash", "my_slash", "de",
                      "lib_sans", 9, "left", "#827717", "square", "S D Q U L E",
                      "Q S D P A", internal_code=False, currency_display="code_prefix",
                      label_colon=":", labels=_holdout_labels("en", 3),
                      gs1="lines")))
    s.append(_S(
        id="h08", name="Equipements Protecteurs du Jura Sàrl",
        address=("Rue des Artisans 14", "1337 Vallorbe", "Suisse"), country="CH",
        phone="+41 21 843 27 50", email="commandes@epj-protection.ch",
        web="www.epj-protection.ch", vat=vat_ch("10837264"),
        legal="Equipements Protecteurs du Jura Sàrl – Registre du commerce du canton de Vaud "
              "– IDE {vat}",
        currency="CHF", tax_rate=Decimal("8.1"), sector="ppe",
        dn_pattern="EPJ-{n6}", inv_pattern="EPJ-F{yy}{n4}", coc_pattern="EPJ-DC{n4}",
        lot_pattern="{yy}{n4}{A}", code_pattern="EP-{n3}-{n2}",
        bank="IBAN CH56 0483 5012 3456 7800 9 – BIC CRESCHZZ80A",
        layout=Layout("L-h08", "fr", "above", "dotted", "footer", "iso", "date", "en",
                      "dejavu_sans", 9, "left", "#e65100", "circle", "S I D Q U L",
                      "S D Q U P A", qty_unit_merged=True, currency_display="code_suffix",
                      label_colon=":", upper_labels=True, labels=_holdout_labels("fr", 3))))
    return tuple(s)


DEV = _dev()
EVAL = _eval()
HOLDOUT = _holdout()
FAMILIES = {"dev": DEV, "eval": EVAL, "holdout": HOLDOUT}


def _wording_lists(lang):
    """(key, synonyms) for every wording list of a language, keys as in HOLDOUT_WORDING."""
    yield from LABELS[lang].items()
    yield from (("col/" + k, o) for k, o in COLUMNS[lang].items())
    yield from (("title/" + k, o) for k, o in TITLES[lang].items())
    yield "page", PAGE_NUMBER_FORMATS[lang]


def _resolved(lay, key):
    if key.startswith("col/"):
        return lay.column(key[4:])
    if key.startswith("title/"):
        return lay.title(key[6:])
    if key == "page":
        return lay.page_format()
    return lay.labels.get(key) or _pick(lay.id, key, LABELS[lay.lang][key])


def check_split():
    """Assert the held-out families are really held out.

    eval: no (language, header, table, PO place, date format, number format)
    signature of dev.  holdout: neither a dev nor an eval signature, nor the
    signature plus wording (every label, column, title, page format) of any
    layout, and every wording taken from the synonyms dev uses least."""
    dev_sigs = {s.layout.signature() for s in DEV}
    dev_names = {s.name for s in DEV}
    for s in EVAL:
        assert s.layout.signature() not in dev_sigs, f"{s.id} repeats a dev layout"
        assert s.name not in dev_names, f"{s.id} reuses a dev supplier name"
    seen = {}
    for s in DEV + EVAL:
        seen.setdefault(s.layout.signature(), s.id)
        seen.setdefault(s.layout.signature() + s.layout.wording(), s.id)
    names = {s.name for s in DEV + EVAL}
    vats = {s.vat for s in DEV + EVAL if s.vat}
    for s in HOLDOUT:
        sig = s.layout.signature()
        full = sig + s.layout.wording()
        for k in (sig, full):
            assert k not in seen, f"{s.id} repeats the layout of {seen[k]}"
            seen[k] = s.id
        assert s.name not in names, f"{s.id} reuses a supplier name"
        assert s.vat not in vats, f"{s.id} reuses a VAT number"
        names.add(s.name)
        vats.add(s.vat)
    gs1_layouts = sum(bool(s.layout.gs1) for s in HOLDOUT)
    assert 2 * gs1_layouts == len(HOLDOUT), "half of the holdout layouts print GS1-128"
    for lang, table in HOLDOUT_WORDING.items():
        for key, options in _wording_lists(lang):
            uses = {o: 0 for o in options}
            for s in DEV:
                if s.layout.lang == lang:
                    uses[_resolved(s.layout, key)] += 1
            least = min(uses.values())
            for o in table[key]:
                assert uses.get(o) == least, f"holdout wording {lang}/{key} {o!r} is not " \
                                             "among the synonyms dev uses least"
            for s in HOLDOUT:
                if s.layout.lang == lang:
                    assert _resolved(s.layout, key) in table[key], f"{s.id} {key}"
    ids = [s.id for s in DEV + EVAL + HOLDOUT]
    assert len(ids) == len(set(ids))
    for s in DEV + EVAL + HOLDOUT:
        assert s.layout.id == "L-" + s.id


check_split()
