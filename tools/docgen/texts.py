"""Filler wording: terms, legal mentions, certificate statements, SDS text.

Real supplier documents carry a lot of text that is not a field; it makes
pages look real and gives the extractor something to ignore.
"""
import catalogue as cat

T = {
    "fr": {
        "tel": "Tél.", "email": "E-mail", "web": "Web", "page_cont": "(suite)",
        "received": "Marchandise reçue en bon état par :",
        "signature_client": "Date, signature et cachet du client",
        "reserves": "Réserves à la livraison",
        "dn_note": ("Toute réserve doit être notifiée au transporteur par lettre recommandée "
                    "dans les trois jours suivant la réception (art. L133-3 du Code de commerce). "
                    "Nos marchandises voyagent aux risques et périls du destinataire."),
        "retention": ("Clause de réserve de propriété : les marchandises restent notre propriété "
                      "jusqu'au paiement intégral du prix (loi n° 80-335 du 12 mai 1980)."),
        "late": ("En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt "
                 "légal sera exigible, ainsi qu'une indemnité forfaitaire pour frais de "
                 "recouvrement de 40 € (art. L441-10 du Code de commerce). Pas d'escompte pour "
                 "paiement anticipé."),
        "terms": "{days} jours{eom} net", "eom": " fin de mois",
        "reverse": "Autoliquidation – TVA due par le preneur (art. 283-2 du CGI).",
        "no_tax": "Exonération de TVA – vente à l'exportation.",
        "bank": "Coordonnées bancaires", "vat_base": "Base HT", "vat_rate": "Taux",
        "vat_amt": "Montant TVA", "amounts_in": "Montants exprimés en {cur}.",
        "packages": "Colis", "weight": "Poids",
        "coc_intro": ("Nous certifions que le produit désigné ci-dessous, livré au titre de "
                      "votre commande, a été fabriqué, contrôlé et testé conformément à nos "
                      "procédures qualité (ISO 9001:2015) et qu'il est conforme aux "
                      "spécifications convenues ainsi qu'à la réglementation en vigueur."),
        "coc_results": "Résultats d'analyse du lot",
        "param": "Paramètre", "spec": "Spécification", "result": "Résultat",
        "conclusion": "Conclusion : lot conforme aux spécifications.",
        "coc_note": ("Ce certificat est établi sur la base des contrôles réalisés sur le lot "
                     "indiqué. Il ne peut être reproduit que dans son intégralité."),
        "signature": "Signature", "stamp": "CONFORME", "product_lbl": "Produit",
        "quantity_lbl": "Quantité livrée", "dn_lbl": "Bon de livraison",
        "thanks": "Merci de votre confiance.",
    },
    "en": {
        "tel": "Tel", "email": "Email", "web": "Web", "page_cont": "(continued)",
        "received": "Goods received in good condition by:",
        "signature_client": "Date, name and signature",
        "reserves": "Remarks on delivery",
        "dn_note": ("Shortages or damage must be noted on this delivery note and confirmed in "
                    "writing within 48 hours of receipt. Goods remain the property of the "
                    "seller until paid for in full."),
        "retention": ("All goods are sold subject to our standard terms and conditions of sale, "
                      "available on request."),
        "late": ("Interest on late payments may be charged at 8% above the base rate under the "
                 "Late Payment of Commercial Debts (Interest) Act 1998. No discount for early "
                 "payment."),
        "terms": "{days} days net{eom}", "eom": " end of month",
        "reverse": ("Reverse charge: VAT to be accounted for by the recipient "
                    "(Art. 196 Directive 2006/112/EC)."),
        "no_tax": "Export sale – zero-rated.",
        "bank": "Bank details", "vat_base": "Net", "vat_rate": "Rate", "vat_amt": "VAT",
        "amounts_in": "All amounts in {cur}.",
        "packages": "Packages", "weight": "Weight",
        "coc_intro": ("We hereby certify that the goods described below have been manufactured, "
                      "inspected and tested in accordance with our quality management system "
                      "(ISO 9001:2015) and conform to the agreed specifications and to the "
                      "requirements of your purchase order."),
        "coc_results": "Batch analysis results",
        "param": "Parameter", "spec": "Specification", "result": "Result",
        "conclusion": "Conclusion: the batch complies with the specification.",
        "coc_note": ("This certificate relates only to the batch stated above and may only be "
                     "reproduced in full."),
        "signature": "Signature", "stamp": "APPROVED", "product_lbl": "Product",
        "quantity_lbl": "Quantity delivered", "dn_lbl": "Delivery note",
        "thanks": "Thank you for your business.",
    },
}

P_CODES = {
    "H222": ("P210", "P211", "P251", "P410+P412"), "H225": ("P210", "P233", "P240", "P403+P235"),
    "H226": ("P210", "P233", "P403+P235"), "H229": ("P251", "P410+P412"),
    "H272": ("P210", "P220"), "H290": ("P234", "P390"), "H301": ("P270", "P301+P310"),
    "H302": ("P264", "P270", "P301+P312"), "H304": ("P301+P310", "P331"),
    "H311": ("P280", "P302+P352"), "H312": ("P280",), "H314": ("P280", "P301+P330+P331",
                                                               "P303+P361+P353", "P310"),
    "H315": ("P264", "P302+P352"), "H317": ("P261", "P272", "P333+P313"),
    "H318": ("P280", "P305+P351+P338", "P310"), "H319": ("P305+P351+P338", "P337+P313"),
    "H331": ("P261", "P304+P340"), "H332": ("P261", "P304+P340"), "H334": ("P284", "P342+P311"),
    "H335": ("P261", "P271"), "H336": ("P261", "P271"), "H370": ("P260", "P308+P311"),
    "H373": ("P260", "P314"), "H400": ("P273", "P391"), "H411": ("P273", "P391"),
    "H412": ("P273",), "H413": ("P273",),
}

SDS_TITLES = {
    "fr": ["Identification de la substance/du mélange et de la société/l'entreprise",
           "Identification des dangers", "Composition/informations sur les composants",
           "Premiers secours", "Mesures de lutte contre l'incendie",
           "Mesures à prendre en cas de dispersion accidentelle", "Manipulation et stockage",
           "Contrôles de l'exposition/protection individuelle",
           "Propriétés physiques et chimiques", "Stabilité et réactivité",
           "Informations toxicologiques", "Informations écologiques",
           "Considérations relatives à l'élimination", "Informations relatives au transport",
           "Informations relatives à la réglementation", "Autres informations"],
    "en": ["Identification of the substance/mixture and of the company/undertaking",
           "Hazards identification", "Composition/information on ingredients",
           "First aid measures", "Firefighting measures", "Accidental release measures",
           "Handling and storage", "Exposure controls/personal protection",
           "Physical and chemical properties", "Stability and reactivity",
           "Toxicological information", "Ecological information",
           "Disposal considerations", "Transport information", "Regulatory information",
           "Other information"],
}

SDS_REG = {
    "fr": "conformément au règlement (CE) n° 1907/2006 (REACH), annexe II, modifié par le "
          "règlement (UE) 2020/878",
    "en": "according to Regulation (EC) No 1907/2006 (REACH), Annex II, as amended by "
          "Regulation (EU) 2020/878",
}


def sds_sections(lang, c, fmt_label, compact=False):
    """SDS body as a list of (heading, items); item = ('kv', label, value) |
    ('p', text) | ('sub', text) | ('table', header, rows) | ('picto', codes).

    compact: the short style some suppliers use (no sub-headings, address on
    one line), which keeps a non-hazardous product's sheet to one page.
    """
    h = c.header
    sup = c.supplier
    data = c.extra["sds"]
    hs, un, ship, cls, pg, comps, phys, signal = data
    fr = lang == "fr"
    L = (lambda f, e: f if fr else e)
    s = []
    contact = [sup.name] + list(sup.address) + [f"{L('Tél.', 'Tel')} {sup.phone}",
                                               f"{L('E-mail', 'Email')} : {sup.email}"
                                               if fr else f"Email: {sup.email}"]
    s.append([
        ("sub", L("1.1 Identificateur de produit", "1.1 Product identifier")),
        ("kv", L("Nom du produit", "Product name"), h["product_name"].printed),
        ("kv", L("Code produit", "Product code"), h["article_code"].printed),
        ("sub", L("1.2 Utilisations identifiées pertinentes", "1.2 Relevant identified uses")),
        ("p", L("Usage industriel et professionnel. Utilisations déconseillées : aucune connue.",
                "Industrial and professional use. Uses advised against: none known.")),
        ("sub", L("1.3 Renseignements concernant le fournisseur",
                  "1.3 Details of the supplier of the safety data sheet")),
        ] + [("p", x) for x in ([", ".join(contact)] if compact else contact)] + [
        ("sub", L("1.4 Numéro d'appel d'urgence", "1.4 Emergency telephone number")),
        ("p", L(f"{sup.phone} (heures ouvrables) – ORFILA (INRS) : +33 (0)1 45 42 59 59",
                f"{sup.phone} (office hours) – 24 h emergency: +44 1235 239 670")),
    ])
    if hs:
        items = [("sub", L("2.1 Classification de la substance ou du mélange",
                           "2.1 Classification of the substance or mixture")),
                 ("p", L("Classification selon le règlement (CE) n° 1272/2008 [CLP] : voir les "
                         "mentions de danger ci-dessous.",
                         "Classification according to Regulation (EC) No 1272/2008 [CLP]: see "
                         "hazard statements below.")),
                 ("sub", L("2.2 Éléments d'étiquetage", "2.2 Label elements"))]
        if cat.pictograms(hs):
            items.append(("picto", cat.pictograms(hs)))
        if signal:
            sw = {"danger": L("Danger", "Danger"), "warning": L("Attention", "Warning")}[signal]
            items.append(("kv", L("Mention d'avertissement", "Signal word"), sw))
        items.append(("p", L("Mentions de danger :", "Hazard statements:")))
        for code in hs:
            items.append(("p", f"{code} {cat.H_TEXT[code][0 if fr else 1]}"))
        pcodes = []
        for code in hs:
            for p in P_CODES.get(code, ()):
                if p not in pcodes:
                    pcodes.append(p)
        items.append(("kv", L("Conseils de prudence", "Precautionary statements"),
                      ", ".join(pcodes[:7])))
    else:
        items = [("sub", L("2.1 Classification de la substance ou du mélange",
                           "2.1 Classification of the substance or mixture")),
                 ("p", L("Ce mélange n'est pas classé dangereux selon le règlement (CE) "
                         "n° 1272/2008 [CLP].",
                         "This mixture is not classified as hazardous according to Regulation "
                         "(EC) No 1272/2008 [CLP].")),
                 ("sub", L("2.2 Éléments d'étiquetage", "2.2 Label elements")),
                 ("p", L("Aucun étiquetage requis.", "No labelling required."))]
    items += [("sub", L("2.3 Autres dangers", "2.3 Other hazards")),
              ("p", L("Ne contient pas de substance PBT/vPvB à une concentration ≥ 0,1 %.",
                      "Contains no PBT/vPvB substance at a concentration ≥ 0.1%."))]
    s.append(items)
    if comps:
        rows = [(cat.C[k][0 if fr else 1], cat.C[k][2], cat.C[k][3], conc if fr
                 else conc.replace(",", ".")) for k, conc in comps]
        s.append([("p", L("Mélange. Composants dangereux :", "Mixture. Hazardous components:")),
                  ("table", (L("Nom", "Name"), "N° CAS" if fr else "CAS No.",
                             "N° CE" if fr else "EC No.", L("Concentration", "Concentration")),
                   rows)])
    else:
        s.append([("p", L("Mélange ne contenant pas de composant dangereux au-dessus des "
                          "seuils de déclaration.",
                          "Mixture containing no hazardous components above reporting "
                          "thresholds."))])
    s.append([
        ("kv", L("Inhalation", "Inhalation"),
         L("transporter la personne à l'air frais et la maintenir au repos.",
           "move the person to fresh air and keep at rest.")),
        ("kv", L("Contact avec la peau", "Skin contact"),
         L("laver abondamment à l'eau. Retirer les vêtements contaminés.",
           "wash with plenty of water. Remove contaminated clothing.")),
        ("kv", L("Contact avec les yeux", "Eye contact"),
         L("rincer avec précaution à l'eau pendant plusieurs minutes.",
           "rinse cautiously with water for several minutes.")),
        ("kv", L("Ingestion", "Ingestion"),
         L("rincer la bouche. Ne pas faire vomir. Consulter un médecin.",
           "rinse mouth. Do NOT induce vomiting. Get medical advice.")),
    ])
    s.append([("p", L("Moyens d'extinction appropriés : poudre, mousse résistant aux alcools, "
                      "dioxyde de carbone, eau pulvérisée.",
                      "Suitable extinguishing media: dry powder, alcohol-resistant foam, carbon "
                      "dioxide, water spray.")),
              ("p", L("Porter un appareil respiratoire autonome.",
                      "Wear self-contained breathing apparatus."))])
    s.append([("p", L("Éviter le contact avec la peau et les yeux. Contenir le déversement avec "
                      "un absorbant inerte et le placer dans un conteneur adapté.",
                      "Avoid contact with skin and eyes. Contain spillage with inert absorbent "
                      "material and place in a suitable container."))])
    s.append([("p", L("Conserver dans l'emballage d'origine, bien fermé, dans un endroit frais "
                      "et bien ventilé, à l'écart des sources d'ignition.",
                      "Keep in the original container, tightly closed, in a cool, "
                      "well-ventilated place away from sources of ignition."))])
    s.append([("p", L("Protection des mains : gants en nitrile (EN ISO 374). Protection des "
                      "yeux : lunettes de sécurité (EN 166).",
                      "Hand protection: nitrile gloves (EN ISO 374). Eye protection: safety "
                      "glasses (EN 166)."))])
    state_fr, state_en, col_fr, col_en, flash = phys
    fp = (f"{flash} °C" if flash is not None else L("non applicable", "not applicable"))
    s.append([("kv", L("État physique", "Physical state"), L(state_fr, state_en)),
              ("kv", L("Couleur", "Colour"), L(col_fr, col_en)),
              ("kv", L("Point d'éclair", "Flash point"), fp)])
    s.append([("p", L("Stable dans les conditions normales de stockage et de manipulation.",
                      "Stable under normal conditions of storage and handling."))])
    s.append([("p", L("Aucune donnée toxicologique disponible sur le mélange lui-même.",
                      "No toxicological data available for the mixture itself."))])
    s.append([("p", L("Ne pas rejeter dans les égouts ni dans les cours d'eau.",
                      "Do not discharge into drains or watercourses."))])
    s.append([("p", L("Éliminer le contenu et le récipient conformément à la réglementation "
                      "locale, via un éliminateur agréé.",
                      "Dispose of contents and container in accordance with local "
                      "regulations, through an approved waste contractor."))])
    if un:
        t = [("kv", L("14.1 Numéro ONU", "14.1 UN number"), h["un_number"].printed),
             ("kv", L("14.2 Désignation officielle de transport",
                      "14.2 UN proper shipping name"), ship[0 if fr else 1]),
             ("kv", L("14.3 Classe(s) de danger pour le transport",
                      "14.3 Transport hazard class(es)"), cls)]
        if pg:
            t.append(("kv", L("14.4 Groupe d'emballage", "14.4 Packing group"), pg))
    else:
        t = [("p", L("Non réglementé pour le transport (ADR/RID/IMDG/IATA).",
                     "Not regulated for transport (ADR/RID/IMDG/IATA)."))]
    s.append(t)
    s.append([("p", L("Règlement (CE) n° 1907/2006 (REACH) ; règlement (CE) n° 1272/2008 (CLP).",
                      "Regulation (EC) No 1907/2006 (REACH); Regulation (EC) No 1272/2008 "
                      "(CLP)."))])
    last = [("kv", fmt_label("revision_date"), h["revision_date"].printed),
            ("kv", fmt_label("version"), h["version"].printed),
            ("kv", fmt_label("supersedes"), h["supersedes"].printed)]
    if hs:
        last.append(("p", L("Texte intégral des mentions H citées :",
                            "Full text of H statements referred to:")))
        for code in hs:
            last.append(("p", f"{code} {cat.H_TEXT[code][0 if fr else 1]}"))
    last.append(("p", L("Les informations de cette fiche reposent sur l'état actuel de nos "
                        "connaissances et ne constituent pas une garantie des propriétés du "
                        "produit.",
                        "The information in this sheet is based on our present knowledge and "
                        "does not constitute a guarantee of product properties.")))
    s.append(last)
    if compact:
        s = [[it for it in items if it[0] != "sub"] for items in s]
    titles = SDS_TITLES[lang]
    word = L("RUBRIQUE", "SECTION")
    return [(f"{word} {i + 1} : {titles[i]}" if fr else f"{word} {i + 1}: {titles[i]}", items)
            for i, items in enumerate(s)]
