"""Wordings printed on supplier documents, per language.

Every list marks the family a wording belongs to:
  "~text"  holdout family only (train never prints it)
  "^text"  train family only
  "text"   both families
so that the holdout family shows label wordings and titles the train family
never shows. pick() filters a list for a family.
"""

LANGS = ["fr", "en", "de", "it", "es", "nl"]


def for_family(items, family):
    out = []
    for item in items:
        if item.startswith("~"):
            if family == "holdout":
                out.append(item[1:])
        elif item.startswith("^"):
            if family == "train":
                out.append(item[1:])
        else:
            out.append(item)
    return out


def pick(rng, items, family):
    choices = for_family(items, family)
    return rng.choice(choices)


# --- document titles -------------------------------------------------------
TITLES = {
    "delivery_note": {
        "fr": ["BON DE LIVRAISON", "Bon de livraison", "AVIS D'EXPÉDITION", "~BORDEREAU DE LIVRAISON",
               "~BON D'EXPÉDITION", "^Bulletin de livraison", "~Liste de colisage"],
        "en": ["DELIVERY NOTE", "Despatch Advice", "PACKING SLIP", "~SHIPPING NOTE", "~Goods Delivery Note",
               "^Dispatch Note", "~Packing List", "^DELIVERY DOCKET"],
        "de": ["LIEFERSCHEIN", "Lieferschein", "~Versandanzeige", "~Warenbegleitschein", "^Packliste", "~Lieferavis"],
        "it": ["DOCUMENTO DI TRASPORTO (D.D.T.)", "D.D.T.", "Bolla di consegna", "~Documento di Trasporto",
               "~Lista di imballaggio", "^DDT - Documento di trasporto"],
        "es": ["ALBARÁN", "Albarán de entrega", "~Nota de entrega", "~Lista de empaque", "^Albarán de salida"],
        "nl": ["PAKBON", "Leveringsbon", "~Afleverbon", "~Verzendbericht", "^Paklijst"],
    },
    "certificate_of_conformity": {
        "fr": ["CERTIFICAT DE CONFORMITÉ", "Certificat d'analyse", "~Attestation de conformité",
               "~Bulletin d'analyse", "^Certificat de contrôle"],
        "en": ["CERTIFICATE OF CONFORMITY", "Certificate of Analysis", "~Certificate of Compliance",
               "~Declaration of Conformity", "^Inspection Certificate"],
        "de": ["KONFORMITÄTSBESCHEINIGUNG", "Analysenzertifikat", "Werkszeugnis 2.2",
               "~Abnahmeprüfzeugnis 3.1", "~Prüfbescheinigung", "^Analysenbericht"],
        "it": ["CERTIFICATO DI CONFORMITÀ", "Certificato di analisi", "~Dichiarazione di conformità",
               "^Rapporto di prova"],
        "es": ["CERTIFICADO DE CONFORMIDAD", "Certificado de análisis", "~Declaración de conformidad",
               "^Boletín de análisis"],
        "nl": ["CONFORMITEITSCERTIFICAAT", "Analysecertificaat", "~Verklaring van overeenstemming",
               "^Certificaat van analyse"],
    },
    "invoice": {
        "fr": ["FACTURE", "Facture", "~Facture de vente", "^FACTURE CLIENT"],
        "en": ["INVOICE", "Tax Invoice", "~Commercial Invoice", "^Sales Invoice"],
        "de": ["RECHNUNG", "Rechnung", "~Rechnung / Invoice", "^Warenrechnung"],
        "it": ["FATTURA", "Fattura", "~Fattura differita", "^Fattura accompagnatoria"],
        "es": ["FACTURA", "Factura", "~Factura comercial", "^FACTURA ORDINARIA"],
        "nl": ["FACTUUR", "Factuur", "~Verkoopfactuur", "^FACTUUR / INVOICE"],
    },
    "credit_note": {
        "fr": ["AVOIR", "Facture d'avoir", "~NOTE DE CRÉDIT"],
        "en": ["CREDIT NOTE", "~Credit Memo", "^CREDIT INVOICE"],
        "de": ["GUTSCHRIFT", "~Rechnungskorrektur", "^Gutschriftsanzeige"],
        "it": ["NOTA DI CREDITO", "~Nota credito"],
        "es": ["FACTURA RECTIFICATIVA", "ABONO", "~Nota de abono"],
        "nl": ["CREDITNOTA", "~Creditfactuur"],
    },
    "safety_data_sheet": {
        "fr": ["FICHE DE DONNÉES DE SÉCURITÉ", "~Fiche de données de sécurité (FDS)"],
        "en": ["SAFETY DATA SHEET", "~Safety Data Sheet (SDS)"],
        "de": ["SICHERHEITSDATENBLATT", "~Sicherheitsdatenblatt (SDB)"],
        "it": ["SCHEDA DI DATI DI SICUREZZA", "~Scheda dati di sicurezza"],
        "es": ["FICHA DE DATOS DE SEGURIDAD", "~Ficha de datos de seguridad (FDS)"],
        "nl": ["VEILIGHEIDSINFORMATIEBLAD", "~Veiligheidsinformatieblad (VIB)"],
    },
    "other": {
        "fr": ["CONFIRMATION DE COMMANDE", "DEVIS", "~Accusé de réception de commande", "^RELEVÉ DE COMPTE",
               "~OFFRE DE PRIX"],
        "en": ["ORDER ACKNOWLEDGEMENT", "QUOTATION", "~Order Confirmation", "^STATEMENT OF ACCOUNT",
               "~PRICE OFFER"],
        "de": ["AUFTRAGSBESTÄTIGUNG", "ANGEBOT", "~Bestellbestätigung", "^Kontoauszug Debitor"],
        "it": ["CONFERMA D'ORDINE", "OFFERTA", "~Preventivo", "^Estratto conto"],
        "es": ["CONFIRMACIÓN DE PEDIDO", "PRESUPUESTO", "~Oferta comercial", "^Extracto de cuenta"],
        "nl": ["ORDERBEVESTIGING", "OFFERTE", "~Opdrachtbevestiging", "^Rekeningoverzicht"],
    },
}

REACH_LINE = {
    "fr": "conforme au règlement (CE) n° 1907/2006 (REACH), annexe II",
    "en": "according to Regulation (EC) No 1907/2006 (REACH), Annex II",
    "de": "gemäß Verordnung (EG) Nr. 1907/2006 (REACH), Anhang II",
    "it": "ai sensi del Regolamento (CE) n. 1907/2006 (REACH), allegato II",
    "es": "según el Reglamento (CE) n.º 1907/2006 (REACH), anexo II",
    "nl": "volgens Verordening (EG) nr. 1907/2006 (REACH), bijlage II",
}

# --- header labels -----------------------------------------------------------
LABELS = {
    "delivery_note_number": {
        "fr": ["Bon de livraison n°", "N° BL", "Numéro de BL", "N° de bon", "~Réf. expédition", "~N° d'envoi",
               "^Bordereau n°", "~BL"],
        "en": ["Delivery note no.", "Delivery Note #", "DN number", "Despatch note no.", "~Shipment no.",
               "~Packing slip #", "^Delivery ref.", "~Advice no."],
        "de": ["Lieferschein-Nr.", "Lieferscheinnummer", "LS-Nr.", "~Versandbeleg-Nr.", "^Lieferschein Nr.",
               "~Beleg-Nr."],
        "it": ["DDT n.", "Numero DDT", "Documento n.", "~Bolla n.", "^N. documento", "~Doc. trasp. nr."],
        "es": ["Albarán n.º", "Nº albarán", "Número de albarán", "~Albarán nº", "^Nota de entrega n.º",
               "~Núm. documento"],
        "nl": ["Pakbonnummer", "Pakbon nr.", "Leveringsbon nr.", "~Afleverbon nr.", "^Vrachtbrief nr.",
               "~Zending nr."],
    },
    "delivery_date": {
        "fr": ["Date", "Date de livraison", "Date d'expédition", "Expédié le", "~Livraison du", "~Départ le"],
        "en": ["Date", "Delivery date", "Ship date", "Dispatched", "~Despatch date", "~Shipped on"],
        "de": ["Datum", "Lieferdatum", "Versanddatum", "~Liefertermin", "~Versandt am"],
        "it": ["Data", "Data DDT", "Data consegna", "~Data trasporto", "~Data inizio trasporto"],
        "es": ["Fecha", "Fecha de entrega", "Fecha envío", "~Fecha albarán", "~Fecha salida"],
        "nl": ["Datum", "Leverdatum", "Verzenddatum", "~Afleverdatum", "~Verzonden op"],
    },
    "po_number": {
        "fr": ["Votre commande", "N° de commande", "Réf. commande client", "Commande n°", "~Vos réf.",
               "~Bon de commande client", "^Cde client", "~Votre ordre d'achat"],
        "en": ["Your order", "PO number", "Customer PO", "Purchase order", "Order ref.", "~Your reference",
               "~Cust. PO #", "^P.O. No.", "~Buyer's order no."],
        "de": ["Ihre Bestellung", "Bestellnummer", "Ihre Bestell-Nr.", "~Ihr Zeichen", "^Kundenbestellung",
               "~Ihre Auftrags-Nr."],
        "it": ["Vs. ordine", "Rif. ordine", "Ordine cliente n.", "~Vostro riferimento", "^N. ordine",
               "~Rif. Vs. ordine"],
        "es": ["Su pedido", "Pedido cliente", "N.º pedido", "~Su referencia", "^Ref. pedido",
               "~Pedido de compra"],
        "nl": ["Uw bestelling", "Uw ordernummer", "Inkooporder", "~Uw referentie", "^Bestelnr.", "~Uw inkoopnr."],
    },
    "invoice_number": {
        "fr": ["Facture n°", "N° facture", "Numéro de facture", "~Pièce n°", "^Réf. facture", "~N° de pièce"],
        "en": ["Invoice no.", "Invoice number", "Invoice #", "~Document number", "~Bill no.", "^Inv. No."],
        "de": ["Rechnungsnummer", "Rechnung Nr.", "Rechnungs-Nr.", "~Beleg-Nr.", "^Re.-Nr.", "~Belegnummer"],
        "it": ["Fattura n.", "Numero fattura", "~Fattura nr.", "^N. fattura", "~Documento n."],
        "es": ["Factura n.º", "Número de factura", "Nº factura", "~Factura número", "~Núm. factura"],
        "nl": ["Factuurnummer", "Factuur nr.", "~Factuurnr.", "^Nummer", "~Documentnr."],
    },
    "credit_number": {
        "fr": ["Avoir n°", "N° avoir", "~Note de crédit n°"],
        "en": ["Credit note no.", "Credit note #", "~Credit memo no."],
        "de": ["Gutschrift Nr.", "Gutschrift-Nr.", "~Korrektur-Nr."],
        "it": ["Nota di credito n.", "~N. nota credito"],
        "es": ["Factura rectificativa n.º", "Abono n.º", "~Nº abono"],
        "nl": ["Creditnota nr.", "~Creditnotanummer"],
    },
    "invoice_date": {
        "fr": ["Date", "Date de facture", "Date facture", "~Émise le", "~Date d'émission"],
        "en": ["Date", "Invoice date", "Tax point", "~Issue date", "~Dated"],
        "de": ["Datum", "Rechnungsdatum", "~Belegdatum", "~Ausstellungsdatum"],
        "it": ["Data", "Data fattura", "~Data documento", "~Emessa il"],
        "es": ["Fecha", "Fecha factura", "~Fecha de emisión", "~Fecha expedición"],
        "nl": ["Datum", "Factuurdatum", "~Datum factuur", "~Uitgiftedatum"],
    },
    "due_date": {
        "fr": ["Échéance", "Date d'échéance", "~À régler avant le", "~Date de règlement"],
        "en": ["Due date", "Payment due", "~Payable by", "~Due on"],
        "de": ["Fällig am", "Zahlbar bis", "~Fälligkeit", "~Zahlungstermin"],
        "it": ["Scadenza", "Data scadenza", "~Scad. pagamento"],
        "es": ["Vencimiento", "Fecha de vencimiento", "~Fecha vto."],
        "nl": ["Vervaldatum", "Te betalen voor", "~Uiterste betaaldatum"],
    },
    "supplier_vat_number": {
        "fr": ["N° TVA intracom.", "TVA intracommunautaire", "N° TVA", "~Identifiant TVA"],
        "en": ["VAT no.", "VAT Reg. No.", "VAT ID", "~Tax ID"],
        "de": ["USt-IdNr.", "USt.-ID", "~Umsatzsteuer-ID", "~UID-Nr."],
        "it": ["P. IVA", "Partita IVA", "~P.IVA/C.F."],
        "es": ["NIF", "CIF", "NIF-IVA", "~N.I.F."],
        "nl": ["BTW-nummer", "Btw nr.", "~BTW-id"],
    },
    "currency": {
        "fr": ["Devise"], "en": ["Currency"], "de": ["Währung"], "it": ["Valuta"], "es": ["Moneda"],
        "nl": ["Valuta"],
    },
    "total_excl_tax": {
        "fr": ["Total HT", "Montant HT", "Total hors taxes", "~Total marchandises HT", "~Valeur HT"],
        "en": ["Subtotal", "Net total", "Total excl. VAT", "~Goods value", "~Net value"],
        "de": ["Nettobetrag", "Summe netto", "Warenwert netto", "~Gesamt netto", "~Nettosumme"],
        "it": ["Imponibile", "Totale imponibile", "~Totale merce", "~Imponibile netto"],
        "es": ["Base imponible", "Subtotal", "~Importe neto", "~Total bruto"],
        "nl": ["Subtotaal", "Totaal excl. btw", "~Netto bedrag", "~Goederenwaarde"],
    },
    "total_tax": {
        "fr": ["TVA {r} %", "Montant TVA", "Total TVA", "~TVA ({r} %)"],
        "en": ["VAT {r}%", "VAT amount", "~Tax", "~VAT @ {r}%"],
        "de": ["MwSt. {r} %", "USt. {r} %", "~zzgl. {r} % MwSt.", "~Umsatzsteuer {r}%"],
        "it": ["IVA {r}%", "~Imposta", "~IVA {r}% su imponibile"],
        "es": ["IVA {r} %", "Cuota IVA", "~IVA ({r}%)"],
        "nl": ["BTW {r}%", "Btw-bedrag", "~BTW hoog {r}%"],
    },
    "total_incl_tax": {
        "fr": ["Total TTC", "Net à payer", "Montant TTC", "~Total à régler", "~Reste à payer"],
        "en": ["Total", "Amount due", "Total due", "Invoice total", "~Balance to pay", "~Total payable"],
        "de": ["Gesamtbetrag", "Rechnungsbetrag", "Endbetrag", "~Zahlbetrag", "~Bruttobetrag"],
        "it": ["Totale fattura", "Totale documento", "~Netto a pagare", "~Totale a pagare"],
        "es": ["Total factura", "Total a pagar", "~Importe total", "~Líquido a pagar"],
        "nl": ["Totaal", "Te betalen", "~Totaalbedrag", "~Totaal te voldoen"],
    },
    "certificate_number": {
        "fr": ["Certificat n°", "N° certificat", "~Réf. certificat", "~N° de rapport", "^N° d'analyse"],
        "en": ["Certificate no.", "Cert. No.", "CoA number", "~Report no.", "~Document ref."],
        "de": ["Zeugnis-Nr.", "Zertifikat-Nr.", "~Prüfbericht-Nr.", "~Bescheinigungs-Nr."],
        "it": ["Certificato n.", "N. certificato", "~Rapporto di prova n."],
        "es": ["Certificado n.º", "Nº certificado", "~Informe n.º"],
        "nl": ["Certificaatnummer", "Certificaat nr.", "~Rapportnummer"],
    },
    "issue_date": {
        "fr": ["Date", "Date d'émission", "Établi le", "~Fait le", "~Date du certificat"],
        "en": ["Date", "Date of issue", "Issued", "~Release date", "~Issued on"],
        "de": ["Datum", "Ausstellungsdatum", "~Erstellt am", "~Ausgestellt am"],
        "it": ["Data", "Data emissione", "~Emesso il"],
        "es": ["Fecha", "Fecha de emisión", "~Emitido el"],
        "nl": ["Datum", "Datum van afgifte", "~Uitgegeven op"],
    },
    "article_code": {
        "fr": ["Code article", "Référence", "~Réf. produit", "~Code produit"],
        "en": ["Product code", "Item no.", "~Material no.", "~Catalogue no."],
        "de": ["Artikel-Nr.", "Materialnummer", "~Produkt-Nr.", "~Sachnummer"],
        "it": ["Codice articolo", "~Codice prodotto", "~Cod. materiale"],
        "es": ["Código artículo", "~Código producto", "~Referencia"],
        "nl": ["Artikelcode", "~Productcode", "~Artikelnr."],
    },
    "lot_number": {
        "fr": ["Lot", "N° de lot", "~Lot de fabrication", "~N° lot/série"],
        "en": ["Batch", "Lot no.", "Batch number", "~Batch/Lot", "~Production lot"],
        "de": ["Charge", "Chargen-Nr.", "~Ch.-Nr.", "~Fertigungslos"],
        "it": ["Lotto", "N. lotto", "~Lotto di produzione"],
        "es": ["Lote", "N.º lote", "~Lote de fabricación"],
        "nl": ["Partij", "Lotnummer", "~Batchnummer", "~Productiepartij"],
    },
    "expiry_date": {
        "fr": ["DLUO", "Date de péremption", "DLC", "~Péremption", "~À utiliser avant le"],
        "en": ["Expiry", "Best before", "Use by", "~Exp. date", "~Shelf life until"],
        "de": ["MHD", "Verfallsdatum", "~Haltbar bis", "~Verw. bis"],
        "it": ["Scadenza", "Data di scadenza", "~Da utilizzare entro"],
        "es": ["Caducidad", "Fecha de caducidad", "~Consumo preferente"],
        "nl": ["THT", "Houdbaar tot", "~Uiterste gebruiksdatum"],
    },
    "product_name": {
        "fr": ["Nom du produit", "Nom commercial", "~Identificateur de produit", "~Désignation"],
        "en": ["Product name", "Trade name", "~Product identifier", "~Commercial name"],
        "de": ["Handelsname", "Produktname", "~Produktidentifikator", "~Bezeichnung"],
        "it": ["Nome commerciale", "Nome del prodotto", "~Identificatore del prodotto"],
        "es": ["Nombre comercial", "Nombre del producto", "~Identificador del producto"],
        "nl": ["Handelsnaam", "Productnaam", "~Productidentificatie"],
    },
    "revision_date": {
        "fr": ["Date de révision", "Révisé le", "~Mise à jour", "~Date d'édition"],
        "en": ["Revision date", "Revised", "~Date of revision", "~Last revised"],
        "de": ["Überarbeitet am", "Überarbeitungsdatum", "~Datum der Überarbeitung", "~Stand"],
        "it": ["Data di revisione", "~Revisione del", "~Aggiornato il"],
        "es": ["Fecha de revisión", "~Revisado el", "~Última revisión"],
        "nl": ["Herzieningsdatum", "~Datum herziening", "~Herzien op"],
    },
    "version": {
        "fr": ["Version", "~Révision n°"], "en": ["Version", "~Revision no."], "de": ["Version", "~Fassung"],
        "it": ["Versione", "~Rev."], "es": ["Versión", "~Revisión"], "nl": ["Versie", "~Revisie"],
    },
    "supplier_name": {
        "fr": ["Fournisseur", "Fabricant", "~Société"], "en": ["Supplier", "Manufacturer", "~Company"],
        "de": ["Lieferant", "Hersteller", "~Firma"], "it": ["Fornitore", "Produttore", "~Società"],
        "es": ["Proveedor", "Fabricante", "~Empresa"], "nl": ["Leverancier", "Fabrikant", "~Firma"],
    },
    # distractors: printed, not in the truth
    "customer_number": {
        "fr": ["N° client", "Code client", "~Compte client"], "en": ["Customer no.", "Account no.", "~Acct #"],
        "de": ["Kunden-Nr.", "Kundennummer", "~Debitor"], "it": ["Cod. cliente", "~Cliente n."],
        "es": ["Cliente n.º", "~Cód. cliente"], "nl": ["Klantnummer", "~Debiteurnr."],
    },
    "order_date": {
        "fr": ["Date de commande", "~Commande du"], "en": ["Order date", "~Ordered on"],
        "de": ["Bestelldatum", "~Bestellt am"], "it": ["Data ordine", "~Ordine del"],
        "es": ["Fecha pedido", "~Pedido del"], "nl": ["Besteldatum", "~Orderdatum"],
    },
    "our_ref": {
        "fr": ["Notre réf.", "N° de confirmation", "~Notre n° d'ordre"], "en": ["Our ref.", "Sales order", "~SO #"],
        "de": ["Unser Zeichen", "Auftrags-Nr.", "~Unsere Auftragsnummer"], "it": ["Ns. rif.", "~Conferma n."],
        "es": ["Nuestra ref.", "~Pedido interno"], "nl": ["Onze ref.", "~Verkooporder"],
    },
    "carrier": {
        "fr": ["Transporteur", "~Expédié par"], "en": ["Carrier", "~Shipped via"], "de": ["Spediteur", "~Versandart"],
        "it": ["Vettore", "~Trasporto a mezzo"], "es": ["Transportista", "~Agencia"], "nl": ["Vervoerder", "~Verzendwijze"],
    },
    "gross_weight": {
        "fr": ["Poids brut"], "en": ["Gross weight"], "de": ["Bruttogewicht"], "it": ["Peso lordo"],
        "es": ["Peso bruto"], "nl": ["Brutogewicht"],
    },
    "packages": {
        "fr": ["Nombre de colis"], "en": ["No. of packages"], "de": ["Anzahl Packstücke"], "it": ["Numero colli"],
        "es": ["Bultos"], "nl": ["Aantal colli"],
    },
    "page": {"fr": ["Page"], "en": ["Page"], "de": ["Seite"], "it": ["Pagina"], "es": ["Página"], "nl": ["Pagina"]},
    "deliver_to": {
        "fr": ["Adresse de livraison", "Livré à"], "en": ["Deliver to", "Ship to"], "de": ["Lieferanschrift", "Warenempfänger"],
        "it": ["Destinazione merce", "Luogo di consegna"], "es": ["Dirección de entrega", "Entregar en"],
        "nl": ["Afleveradres", "Leveradres"],
    },
    "bill_to": {
        "fr": ["Facturé à", "Client"], "en": ["Bill to", "Invoice to"], "de": ["Rechnungsempfänger", "Kunde"],
        "it": ["Destinatario", "Spett.le"], "es": ["Facturar a", "Cliente"], "nl": ["Factuuradres", "Klant"],
    },
    "continued": {
        "fr": ["Suite page suivante", "~À reporter"], "en": ["Continued overleaf", "~Continued on next page"],
        "de": ["Fortsetzung nächste Seite", "~Übertrag"], "it": ["Segue", "~Continua alla pagina successiva"],
        "es": ["Continúa", "~Sigue en la página siguiente"], "nl": ["Vervolg volgende pagina", "~Zie volgende blad"],
    },
    "replaces": {
        "fr": ["Remplace la version du"], "en": ["Supersedes version of"], "de": ["Ersetzt Fassung vom"],
        "it": ["Sostituisce la versione del"], "es": ["Sustituye a la versión de"], "nl": ["Vervangt versie van"],
    },
    "printed": {
        "fr": ["Date d'impression"], "en": ["Print date"], "de": ["Druckdatum"], "it": ["Data stampa"],
        "es": ["Fecha de impresión"], "nl": ["Afdrukdatum"],
    },
}

# line column headers
COLUMNS = {
    "supplier_article_code": {
        "fr": ["Réf.", "Référence", "Code article", "~Code", "~Article"],
        "en": ["Item", "Part no.", "Item code", "~Product ref.", "~Cat. no."],
        "de": ["Art.-Nr.", "Artikelnummer", "~Material", "~Mat.-Nr."],
        "it": ["Codice", "Cod. articolo", "~Articolo", "~Cod."],
        "es": ["Código", "Referencia", "~Ref.", "~Artículo"],
        "nl": ["Artikelnr.", "Art.nr.", "~Code", "~Artikel"],
    },
    "internal_article_code": {
        "fr": ["Votre réf.", "Réf. client", "~Votre code"], "en": ["Your ref.", "Cust. part no.", "~Customer item"],
        "de": ["Ihre Art.-Nr.", "~Kunden-Mat.-Nr."], "it": ["Vs. codice", "~Cod. cliente"],
        "es": ["Su ref.", "~Ref. cliente"], "nl": ["Uw art.nr.", "~Uw code"],
    },
    "description": {
        "fr": ["Désignation", "Description", "~Libellé", "~Produit"], "en": ["Description", "~Goods", "~Product"],
        "de": ["Bezeichnung", "Artikelbezeichnung", "~Beschreibung", "~Text"],
        "it": ["Descrizione", "~Descrizione merce", "~Descrizione dei beni"],
        "es": ["Descripción", "~Concepto", "~Denominación"], "nl": ["Omschrijving", "~Artikelomschrijving", "~Product"],
    },
    "quantity": {
        "fr": ["Qté", "Quantité", "Qté livrée", "~Quantité expédiée", "~Nb"],
        "en": ["Qty", "Quantity", "Qty shipped", "~Shipped", "~Units"],
        "de": ["Menge", "Liefermenge", "~Anzahl", "~Stück"], "it": ["Q.tà", "Quantità", "~Qtà sped.", "~Quant."],
        "es": ["Cantidad", "Cant.", "~Uds.", "~Unidades"], "nl": ["Aantal", "Hoeveelheid", "~Geleverd", "~Aant."],
    },
    "unit": {
        "fr": ["Unité", "U.", "~UV", "~Cond."], "en": ["Unit", "UoM", "~U/M"], "de": ["Einheit", "ME", "~VE"],
        "it": ["U.M.", "UM", "~Unità"], "es": ["Unidad", "Ud.", "~U.M."], "nl": ["Eenheid", "~Eenh."],
    },
    "lot_number": {
        "fr": ["Lot", "N° de lot", "~Lot fab.", "~N° lot/série"], "en": ["Batch", "Lot no.", "~Batch/Lot", "~Lot"],
        "de": ["Charge", "Chargen-Nr.", "~Ch.-Nr.", "~Charge/Los"], "it": ["Lotto", "N. lotto", "~Lotto prod."],
        "es": ["Lote", "N.º lote", "~Lote fab."], "nl": ["Partij", "Lotnummer", "~Batch", "~Charge"],
    },
    "expiry_date": {
        "fr": ["DLUO", "Péremption", "~DLC", "~Date limite"], "en": ["Expiry", "Best before", "~Use by", "~Exp. date"],
        "de": ["MHD", "Verfall", "~Haltbar bis", "~Verw. bis"], "it": ["Scadenza", "~Scad.", "~Da usare entro"],
        "es": ["Caducidad", "~Cad.", "~Consumo pref."], "nl": ["THT", "~Houdbaar tot", "~Vervaldatum"],
    },
    "unit_price": {
        "fr": ["Prix unit.", "P.U. HT", "~PU net", "~Prix net"], "en": ["Unit price", "Price", "~Rate", "~Net price"],
        "de": ["Einzelpreis", "E-Preis", "~Preis/ME", "~Stückpreis"], "it": ["Prezzo", "Prezzo unit.", "~Prezzo netto"],
        "es": ["Precio", "Precio unit.", "~P. unitario"], "nl": ["Prijs", "Eenheidsprijs", "~Stukprijs"],
    },
    "amount": {
        "fr": ["Montant HT", "Total", "~Montant", "~Valeur"], "en": ["Amount", "Total", "~Line total", "~Ext. price"],
        "de": ["Betrag", "Gesamtpreis", "~Gesamt", "~Wert"], "it": ["Importo", "Totale", "~Valore"],
        "es": ["Importe", "Total", "~Valor"], "nl": ["Bedrag", "Totaal", "~Regeltotaal"],
    },
    "pos": {"fr": ["Pos.", "Ligne"], "en": ["Line", "#"], "de": ["Pos.", "Pos"], "it": ["Pos.", "Riga"],
            "es": ["Lín.", "Pos."], "nl": ["Regel", "Pos."]},
    "packaging": {"fr": ["Conditionnement"], "en": ["Packing"], "de": ["Verpackung"], "it": ["Imballo"],
                  "es": ["Embalaje"], "nl": ["Verpakking"]},
    "vat_rate": {"fr": ["TVA"], "en": ["VAT"], "de": ["USt."], "it": ["IVA"], "es": ["IVA"], "nl": ["BTW"]},
}

# units as printed, per language, per kind of goods
UNITS = {
    "mass": {"fr": ["kg"], "en": ["kg"], "de": ["kg"], "it": ["kg"], "es": ["kg"], "nl": ["kg"]},
    "volume": {"fr": ["L", "l"], "en": ["L", "ltr"], "de": ["l", "Ltr."], "it": ["lt", "l"], "es": ["l", "L"],
               "nl": ["l", "ltr"]},
    "piece": {"fr": ["pce", "u", "pièce", "PCE"], "en": ["pcs", "ea", "EA", "PCS"], "de": ["Stk", "St.", "ST"],
              "it": ["pz", "nr", "PZ"], "es": ["ud", "uds", "UD"], "nl": ["st", "stuks", "ST"]},
    "pack": {"fr": ["carton", "sac", "fût", "bidon", "CT"], "en": ["box", "bag", "drum", "can", "CTN"],
             "de": ["Kart.", "Sack", "Fass", "Kan.", "KAR"], "it": ["cf", "sacco", "fusto", "tanica", "CF"],
             "es": ["caja", "saco", "bidón", "CJ"], "nl": ["doos", "zak", "vat", "can", "DS"]},
    "length": {"fr": ["m", "ml"], "en": ["m"], "de": ["m", "lfm"], "it": ["m", "mt"], "es": ["m"], "nl": ["m", "mtr"]},
}

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "fr_abbr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "en_abbr": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "de_abbr": ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"],
    "it_abbr": ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "es_abbr": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "nl_abbr": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}

# product bases: kind of goods, then the name in each language
PRODUCTS = [
    ("volume", {"fr": "Huile hydraulique", "en": "Hydraulic oil", "de": "Hydrauliköl", "it": "Olio idraulico",
                "es": "Aceite hidráulico", "nl": "Hydraulische olie"}, ["HLP 46", "HVLP 32", "ISO VG 68"]),
    ("volume", {"fr": "Dégraissant alcalin", "en": "Alkaline degreaser", "de": "Alkalischer Entfetter",
                "it": "Sgrassante alcalino", "es": "Desengrasante alcalino", "nl": "Alkalische ontvetter"},
     ["pH 12", "N-60", "N-40"]),
    ("volume", {"fr": "Éthanol dénaturé", "en": "Denatured ethanol", "de": "Ethanol vergällt",
                "it": "Etanolo denaturato", "es": "Etanol desnaturalizado", "nl": "Gedenatureerde ethanol"},
     ["96 %", "99,5 %", "T-100"]),
    ("volume", {"fr": "Vernis polyuréthane", "en": "Polyurethane varnish", "de": "PU-Klarlack",
                "it": "Vernice poliuretanica", "es": "Barniz de poliuretano", "nl": "Polyurethaan lak"},
     ["RAL 9016", "RAL 9010", "2K"]),
    ("mass", {"fr": "Amidon de maïs", "en": "Maize starch", "de": "Maisstärke", "it": "Amido di mais",
              "es": "Almidón de maíz", "nl": "Maïszetmeel"}, ["natif", "E1422", "food grade"]),
    ("mass", {"fr": "Acide citrique anhydre", "en": "Citric acid anhydrous", "de": "Zitronensäure wasserfrei",
              "it": "Acido citrico anidro", "es": "Ácido cítrico anhidro", "nl": "Citroenzuur watervrij"},
     ["E330", "G30", "30-100 mesh"]),
    ("mass", {"fr": "Granulés PEHD", "en": "HDPE pellets", "de": "HDPE-Granulat", "it": "Granulo HDPE",
              "es": "Granza PEAD", "nl": "HDPE-granulaat"}, ["natural", "MFI 8", "black"]),
    ("mass", {"fr": "Poudre époxy", "en": "Epoxy powder coating", "de": "Epoxid-Pulverlack",
              "it": "Vernice in polvere epossidica", "es": "Pintura en polvo epoxi", "nl": "Epoxy poedercoating"},
     ["RAL 7035", "RAL 7016", "RAL 5010"]),
    ("mass", {"fr": "Sucre cristallisé", "en": "Granulated sugar", "de": "Kristallzucker", "it": "Zucchero semolato",
              "es": "Azúcar granulado", "nl": "Kristalsuiker"}, ["EU2", "EU1", "EP-2"]),
    ("mass", {"fr": "Gélatine bovine", "en": "Bovine gelatine", "de": "Rindergelatine", "it": "Gelatina bovina",
              "es": "Gelatina bovina", "nl": "Runder gelatine"}, ["240 bloom", "180 bloom"]),
    ("piece", {"fr": "Vis tête hexagonale", "en": "Hex head screw", "de": "Sechskantschraube",
               "it": "Vite testa esagonale", "es": "Tornillo hexagonal", "nl": "Zeskantbout"},
     ["M8x40 A2", "M10x60 8.8", "M6x20 zn"]),
    ("piece", {"fr": "Roulement à billes", "en": "Ball bearing", "de": "Rillenkugellager", "it": "Cuscinetto a sfere",
               "es": "Rodamiento de bolas", "nl": "Kogellager"}, ["6204-2RS", "6305 ZZ", "608-2Z"]),
    ("piece", {"fr": "Gants nitrile", "en": "Nitrile gloves", "de": "Nitrilhandschuhe", "it": "Guanti in nitrile",
               "es": "Guantes de nitrilo", "nl": "Nitril handschoenen"}, ["T9", "L", "AQL 1.5"]),
    ("piece", {"fr": "Joint torique", "en": "O-ring", "de": "O-Ring", "it": "O-ring", "es": "Junta tórica",
               "nl": "O-ring"}, ["NBR 70 20x2", "FKM 35x3", "EPDM 12x1,5"]),
    ("piece", {"fr": "Filtre à cartouche", "en": "Cartridge filter", "de": "Filterpatrone", "it": "Cartuccia filtrante",
               "es": "Cartucho filtrante", "nl": "Filterpatroon"}, ["10 µm", "25 µm", "5\" PP"]),
    ("pack", {"fr": "Film étirable", "en": "Stretch film", "de": "Stretchfolie", "it": "Film estensibile",
              "es": "Film estirable", "nl": "Rekfolie"}, ["23 µm", "500 mm", "17 µm"]),
    ("pack", {"fr": "Étiquettes thermiques", "en": "Thermal labels", "de": "Thermoetiketten",
              "it": "Etichette termiche", "es": "Etiquetas térmicas", "nl": "Thermische etiketten"},
     ["100x150", "58x40", "1000/R"]),
    ("pack", {"fr": "Colle vinylique", "en": "PVA wood glue", "de": "Weißleim", "it": "Colla vinilica",
              "es": "Cola blanca", "nl": "Witte houtlijm"}, ["D3", "D4", "D2"]),
    ("length", {"fr": "Câble souple", "en": "Flexible cable", "de": "Flexible Leitung", "it": "Cavo flessibile",
                "es": "Cable flexible", "nl": "Flexibele kabel"}, ["H07RN-F 3G2,5", "H05VV-F 3G1,5"]),
    ("length", {"fr": "Tuyau PVC", "en": "PVC hose", "de": "PVC-Schlauch", "it": "Tubo in PVC", "es": "Manguera PVC",
                "nl": "PVC-slang"}, ["Ø 19 mm", "Ø 25 mm", "Ø 32 mm"]),
]

# hazard statements, H code then text per language
H_STATEMENTS = {
    "H225": {"fr": "Liquide et vapeurs très inflammables.", "en": "Highly flammable liquid and vapour.",
             "de": "Flüssigkeit und Dampf leicht entzündbar.", "it": "Liquido e vapori facilmente infiammabili.",
             "es": "Líquido y vapores muy inflamables.", "nl": "Licht ontvlambare vloeistof en damp."},
    "H290": {"fr": "Peut être corrosif pour les métaux.", "en": "May be corrosive to metals.",
             "de": "Kann gegenüber Metallen korrosiv sein.", "it": "Può essere corrosivo per i metalli.",
             "es": "Puede ser corrosivo para los metales.", "nl": "Kan bijtend zijn voor metalen."},
    "H302": {"fr": "Nocif en cas d'ingestion.", "en": "Harmful if swallowed.", "de": "Gesundheitsschädlich bei Verschlucken.",
             "it": "Nocivo se ingerito.", "es": "Nocivo en caso de ingestión.", "nl": "Schadelijk bij inslikken."},
    "H315": {"fr": "Provoque une irritation cutanée.", "en": "Causes skin irritation.", "de": "Verursacht Hautreizungen.",
             "it": "Provoca irritazione cutanea.", "es": "Provoca irritación cutánea.", "nl": "Veroorzaakt huidirritatie."},
    "H319": {"fr": "Provoque une sévère irritation des yeux.", "en": "Causes serious eye irritation.",
             "de": "Verursacht schwere Augenreizung.", "it": "Provoca grave irritazione oculare.",
             "es": "Provoca irritación ocular grave.", "nl": "Veroorzaakt ernstige oogirritatie."},
    "H336": {"fr": "Peut provoquer somnolence ou vertiges.", "en": "May cause drowsiness or dizziness.",
             "de": "Kann Schläfrigkeit und Benommenheit verursachen.", "it": "Può provocare sonnolenza o vertigini.",
             "es": "Puede provocar somnolencia o vértigo.", "nl": "Kan slaperigheid of duizeligheid veroorzaken."},
    "H412": {"fr": "Nocif pour les organismes aquatiques, entraîne des effets néfastes à long terme.",
             "en": "Harmful to aquatic life with long lasting effects.",
             "de": "Schädlich für Wasserorganismen, mit langfristiger Wirkung.",
             "it": "Nocivo per gli organismi acquatici con effetti di lunga durata.",
             "es": "Nocivo para los organismos acuáticos, con efectos nocivos duraderos.",
             "nl": "Schadelijk voor in het water levende organismen, met langdurige gevolgen."},
}

SDS_SECTIONS = {
    "fr": ["IDENTIFICATION DE LA SUBSTANCE/DU MÉLANGE ET DE LA SOCIÉTÉ/L'ENTREPRISE", "IDENTIFICATION DES DANGERS",
           "COMPOSITION/INFORMATIONS SUR LES COMPOSANTS", "PREMIERS SECOURS", "INFORMATIONS RELATIVES AU TRANSPORT"],
    "en": ["IDENTIFICATION OF THE SUBSTANCE/MIXTURE AND OF THE COMPANY/UNDERTAKING", "HAZARDS IDENTIFICATION",
           "COMPOSITION/INFORMATION ON INGREDIENTS", "FIRST AID MEASURES", "TRANSPORT INFORMATION"],
    "de": ["BEZEICHNUNG DES STOFFS BZW. DES GEMISCHS UND DES UNTERNEHMENS", "MÖGLICHE GEFAHREN",
           "ZUSAMMENSETZUNG/ANGABEN ZU BESTANDTEILEN", "ERSTE-HILFE-MASSNAHMEN", "ANGABEN ZUM TRANSPORT"],
    "it": ["IDENTIFICAZIONE DELLA SOSTANZA O DELLA MISCELA E DELLA SOCIETÀ/IMPRESA", "IDENTIFICAZIONE DEI PERICOLI",
           "COMPOSIZIONE/INFORMAZIONI SUGLI INGREDIENTI", "MISURE DI PRIMO SOCCORSO", "INFORMAZIONI SUL TRASPORTO"],
    "es": ["IDENTIFICACIÓN DE LA SUSTANCIA O LA MEZCLA Y DE LA SOCIEDAD O LA EMPRESA", "IDENTIFICACIÓN DE LOS PELIGROS",
           "COMPOSICIÓN/INFORMACIÓN SOBRE LOS COMPONENTES", "PRIMEROS AUXILIOS", "INFORMACIÓN RELATIVA AL TRANSPORTE"],
    "nl": ["IDENTIFICATIE VAN DE STOF OF HET MENGSEL EN VAN DE ONDERNEMING", "IDENTIFICATIE VAN DE GEVAREN",
           "SAMENSTELLING EN INFORMATIE OVER DE BESTANDDELEN", "EERSTEHULPMAATREGELEN", "INFORMATIE MET BETREKKING TOT HET VERVOER"],
}
SDS_SECTION_WORD = {"fr": "RUBRIQUE", "en": "SECTION", "de": "ABSCHNITT", "it": "SEZIONE", "es": "SECCIÓN", "nl": "RUBRIEK"}
SDS_UN_LABEL = {"fr": ["N° ONU", "Numéro ONU"], "en": ["UN number", "UN No."], "de": ["UN-Nummer", "UN-Nr."],
                "it": ["Numero ONU", "N. ONU"], "es": ["Número ONU", "N.º ONU"], "nl": ["VN-nummer", "UN-nummer"]}
SDS_H_LABEL = {"fr": ["Mentions de danger"], "en": ["Hazard statements"], "de": ["Gefahrenhinweise"],
               "it": ["Indicazioni di pericolo"], "es": ["Indicaciones de peligro"], "nl": ["Gevarenaanduidingen"]}
SDS_EMERGENCY = {"fr": "Numéro d'appel d'urgence", "en": "Emergency telephone number", "de": "Notrufnummer",
                 "it": "Numero telefonico di emergenza", "es": "Teléfono de emergencia", "nl": "Telefoonnummer voor noodgevallen"}

COC_STATEMENT = {
    "fr": "Nous certifions que les produits livrés sont conformes aux spécifications de la commande et aux normes en vigueur.",
    "en": "We hereby certify that the goods supplied comply with the order specifications and applicable standards.",
    "de": "Wir bestätigen hiermit, dass die gelieferten Produkte den Bestellvorgaben und den geltenden Normen entsprechen.",
    "it": "Si certifica che i prodotti forniti sono conformi alle specifiche d'ordine e alle norme vigenti.",
    "es": "Certificamos que los productos suministrados cumplen las especificaciones del pedido y las normas aplicables.",
    "nl": "Wij verklaren dat de geleverde goederen voldoen aan de specificaties van de bestelling en de geldende normen.",
}
COC_TESTS = {
    "head": {"fr": ["Caractéristique", "Méthode", "Spécification", "Résultat"],
             "en": ["Parameter", "Method", "Specification", "Result"],
             "de": ["Merkmal", "Methode", "Sollwert", "Istwert"],
             "it": ["Parametro", "Metodo", "Specifica", "Risultato"],
             "es": ["Parámetro", "Método", "Especificación", "Resultado"],
             "nl": ["Parameter", "Methode", "Specificatie", "Resultaat"]},
    "rows": [
        ({"fr": "Aspect", "en": "Appearance", "de": "Aussehen", "it": "Aspetto", "es": "Aspecto", "nl": "Uiterlijk"},
         "visuel", "conforme"),
        ({"fr": "pH (20 °C)", "en": "pH (20 °C)", "de": "pH-Wert (20 °C)", "it": "pH (20 °C)", "es": "pH (20 °C)",
          "nl": "pH (20 °C)"}, "ISO 10523", "6,5 - 7,5"),
        ({"fr": "Densité", "en": "Density", "de": "Dichte", "it": "Densità", "es": "Densidad", "nl": "Dichtheid"},
         "ISO 2811", "0,98 - 1,02"),
        ({"fr": "Humidité", "en": "Moisture", "de": "Feuchte", "it": "Umidità", "es": "Humedad", "nl": "Vocht"},
         "ISO 712", "max. 13 %"),
        ({"fr": "Viscosité", "en": "Viscosity", "de": "Viskosität", "it": "Viscosità", "es": "Viscosidad",
          "nl": "Viscositeit"}, "ISO 3104", "41,4 - 50,6 mm²/s"),
        ({"fr": "Dureté", "en": "Hardness", "de": "Härte", "it": "Durezza", "es": "Dureza", "nl": "Hardheid"},
         "ISO 6508", "58 - 62 HRC"),
    ],
    "ok": {"fr": "Conforme", "en": "Pass", "de": "i.O.", "it": "Conforme", "es": "Conforme", "nl": "Conform"},
    "manager": {"fr": "Responsable qualité", "en": "Quality manager", "de": "Qualitätssicherung", "it": "Responsabile qualità",
                "es": "Responsable de calidad", "nl": "Kwaliteitsverantwoordelijke"},
}

LEGAL = {
    "fr": ["Pénalités de retard : 3 fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.",
           "Pas d'escompte pour paiement anticipé.", "Réserve de propriété : les marchandises restent notre propriété jusqu'au paiement intégral."],
    "en": ["Payment terms: 30 days net. Late payments bear interest at 8% above base rate.",
           "Goods remain our property until paid in full.", "Please quote the invoice number with your remittance."],
    "de": ["Zahlbar innerhalb 30 Tagen netto. Es gelten unsere Allgemeinen Geschäftsbedingungen.",
           "Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.", "Geschäftsführer: siehe Handelsregister."],
    "it": ["Pagamento: bonifico bancario 60 gg d.f.f.m.", "Contributo CONAI assolto ove dovuto.",
           "Trasporto a cura del mittente. Porto franco."],
    "es": ["Forma de pago: transferencia a 60 días.", "Inscrita en el Registro Mercantil.",
           "La mercancía viaja por cuenta y riesgo del comprador."],
    "nl": ["Betaling binnen 30 dagen na factuurdatum.", "Op al onze leveringen zijn onze algemene voorwaarden van toepassing.",
           "Klachten binnen 8 dagen na ontvangst melden."],
}

RECEIVED_STAMP = {"fr": "REÇU LE", "en": "RECEIVED", "de": "EINGANG", "it": "RICEVUTO IL", "es": "RECIBIDO", "nl": "ONTVANGEN"}
CHECK_WORDS = ["OK", "vu", "contrôlé", "checked", "geprüft", "conforme"]

THANKS = {"fr": "Merci de votre confiance.", "en": "Thank you for your business.", "de": "Vielen Dank für Ihren Auftrag.",
          "it": "Grazie per la fiducia accordataci.", "es": "Gracias por su confianza.", "nl": "Bedankt voor uw bestelling."}
RECEIVED_BY = {"fr": "Reçu en bon état — signature :", "en": "Received in good condition — signature:",
               "de": "Ware vollständig erhalten — Unterschrift:", "it": "Firma del destinatario:",
               "es": "Recibí conforme — firma:", "nl": "Goederen in goede staat ontvangen — handtekening:"}
