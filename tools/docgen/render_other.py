"""Lay out `other` documents (others.py) in the supplier's own style.

OtherRenderer reuses the supplier's letterhead, header arrangement, table
style, fonts, footer and page numbering from render.Renderer, so an order
confirmation from a supplier looks like that supplier's invoices, which is
what makes these documents useful negatives.
"""
import math

import others
from draw import fit_size, wrap
from render import GRAY, Renderer, tint

COL_KEYS = {"S": ("sup_code", "code", "l"), "D": ("desc", "desc", "l"),
            "Q": ("qty", "qty", "r"), "U": ("unit", "unit", "l"),
            "P": ("unit_price", "price", "r"), "A": ("amount", "amount", "r"),
            "V": ("vat", "vat", "r")}


class OtherRenderer(Renderer):
    def __init__(self, content):
        self.kind = content.extra["kind"]
        super().__init__(content)

    # ------------------------------------------------------------ overrides

    def doc_title(self):
        return self.c.extra["title"]

    def number_label(self):
        return self.h["doc_number"].printed if "doc_number" in self.h else ""

    def address_label(self):
        return self.c.extra.get("addr", "")

    def header_pairs(self):
        lay, h = self.lay, self.h
        pairs = []
        for key, hkey in self.c.extra["pairs"]:
            if key == "po":
                if lay.po_place == "header":
                    pairs.append((self.lab("po_number", False), h[hkey]))
            elif key in ("order_date", "customer_number"):
                pairs.append((self.lab(key, False), h[hkey]))
            else:
                pairs.append((others.lbl(self.sup, key), h[hkey]))
        return [(l, v.printed) for l, v in pairs]

    def legal_lines(self):
        fs = self.fs - 2
        lines = wrap(self.sup.legal.format(vat=self.sup.vat), self.reg, fs, self.cw)
        if self.kind in ("statement", "order_confirmation") and self.sup.bank:
            lines += wrap(self.sup.bank, self.reg, fs, self.cw)
        return lines

    # ------------------------------------------------------------ helpers

    def lines_table(self, extra_cols=()):
        """Priced lines with the supplier's invoice columns, plus optional
        extra columns: ('date', header) after the quantity/unit, ('disc',
        header) before the amount."""
        lay = self.lay
        letters = lay.inv_cols.split()
        extra = dict(extra_cols)
        date_after = "U" if "U" in letters else "Q"
        cols = []
        for l in letters:
            if l == "A" and "disc" in extra:
                cols.append(("disc", extra["disc"], "r"))
            # 'Qté livrée' / 'Qty shipped' would be wrong before delivery
            head = others.lbl(self.sup, "col_qty") if l == "Q" else lay.column(COL_KEYS[l][0])
            cols.append((COL_KEYS[l][1], head, COL_KEYS[l][2]))
            if l == date_after and "date" in extra:
                cols.append(("date", extra["date"], "l"))
        headers = [c[1] for c in cols]
        aligns = [c[2] for c in cols]
        rows = [[row[k].printed if k in row else "" for k, _, _ in cols] for row in self.c.lines]
        self.table(headers, aligns, rows, [c[0] for c in cols].index("desc"))

    def totals_box(self, rows, notes, notes_size=None):
        """Totals at the right, notes at the left (like the invoice)."""
        lay, fs = self.lay, self.fs
        ns = notes_size or fs - 1.5
        block_h = len(rows) * fs * 1.7 + 10
        notes_w = self.cw * 0.5
        notes_h = sum(self.para_height(notes_w, n, ns) + 4 for n in notes)
        self.ensure(max(block_h, notes_h) + 10)
        bw = self.cw * 0.44
        bx = self.x1 - bw
        y = self.y
        boxed = lay.table_style == "ruled"
        for label, value, strong in rows:
            rh = fs * 1.7
            if strong:
                self.doc.rect(bx, y, bw, rh, 0.8 if boxed else 0, "#000000" if boxed else None,
                              tint(self.accent, 0.8))
            elif boxed:
                self.doc.rect(bx, y, bw, rh, 0.5)
            elif lay.table_style == "dotted":
                self.doc.line(bx, y + rh, self.x1, y + rh, 0.7, "dotted")
            lsize = fit_size(label, self.bold if strong else self.reg, fs, bw * 0.48)
            self.T(bx + 5, y + rh - fs * 0.5, label, strong, lsize)
            vsize = fit_size(value, self.bold, fs + (1 if strong else 0), bw * 0.48)
            self.T(self.x1 - 5, y + rh - fs * 0.5, value, strong, vsize, "right")
            y += rh
        ny = self.y
        for n in notes:
            ny += self.para(self.x0, ny, notes_w, n, ns) + 4
        self.y = max(y, ny) + 10

    def tax_rows(self):
        h = self.h
        return [(self.lab("total_excl_tax", False), h["total_excl_tax"].printed, False),
                (self.lab("total_tax", False, rate=h["tax_rate"].printed),
                 h["total_tax"].printed, False),
                (self.lab("total_incl_tax", False), h["total_incl_tax"].printed, True)]

    def sign_block(self, name, role, box_title=None, box_note=None):
        fs = self.fs
        self.ensure(fs * 8)
        y = self.y
        sx = self.x1 - self.cw * 0.4
        self.T(sx, y + fs, role, True, fs)
        self.T(sx, y + fs * 2.3, name, False, fs)
        if box_title:
            bw = self.cw * 0.45
            self.doc.rect(self.x0, y, bw, fs * 6.5, 0.6)
            self.T(self.x0 + 5, y + fs + 2, box_title, True, fs - 1)
            if box_note:
                self.T(self.x0 + 5, y + fs * 5.8, box_note, False, fs - 2, color=GRAY)
        self.y = y + fs * 7

    # ------------------------------------------------------------ kinds

    def order_confirmation(self):
        fs, x = self.fs, self.c.extra
        self.top()
        self.y += self.para(self.x0, self.y, self.cw, x["intro"], fs) + 8
        self.lines_table([("date", others.lbl(self.sup, "col_date"))])
        self.totals_box(self.tax_rows(), x["notes"])
        name, role = x["sales"]
        self.sign_block(name, role)

    def quotation(self):
        fs, x = self.fs, self.c.extra
        fr = self.lay.lang == "fr"
        self.top()
        self.y += self.para(self.x0, self.y, self.cw, x["intro"], fs) + 8
        extra = [("disc", others.lbl(self.sup, "col_disc"))] if x["discount"] else []
        self.lines_table(extra)
        self.totals_box(self.tax_rows(), x["notes"])
        name, role = x["sales"]
        self.sign_block(name, role, "Bon pour accord" if fr else "Accepted for order",
                        "Date, cachet et signature" if fr else "Date, name and signature")

    def price_list(self):
        lay, fs, x = self.lay, self.fs, self.c.extra
        fr = lay.lang == "fr"
        self.top()
        self.y += self.para(self.x0, self.y, self.cw, x["intro"], fs) + 6
        cap = ("Prix unitaires HT selon la quantité commandée" if fr else
               "Unit price by quantity ordered")
        self.T(self.x1, self.y + fs - 1, cap, False, fs - 1.5, "right", GRAY)
        self.y += fs + 2
        headers = [lay.column("sup_code"), lay.column("desc"),
                   "Conditionnement" if fr else "Pack size", lay.column("unit")] + \
            list(x["tier_heads"])
        rows = [[r["code"].printed, r["desc"].printed, r["pack"].printed, r["unit"].printed] +
                [p.printed for p in r["prices"]] for r in x["price_rows"]]
        self.table(headers, ["l", "l", "l", "l", "r", "r", "r"], rows, 1, repeat=True)
        self.y += 4
        for n in x["notes"]:
            hgt = self.para_height(self.cw, n, fs - 1.5)
            self.ensure(hgt + 4)
            self.y += self.para(self.x0, self.y, self.cw, n, fs - 1.5, color=GRAY) + 3

    def statement(self):
        lay, fs, x = self.lay, self.fs, self.c.extra
        fr = lay.lang == "fr"
        self.top()
        headers = (["Date", "N° pièce", "Libellé", "Échéance", "Débit", "Crédit", "Solde"] if fr
                   else ["Date", "Document", "Description", "Due date", "Debit", "Credit",
                         "Balance"])
        self.table(headers, ["l", "l", "l", "l", "r", "r", "r"], x["st_rows"], 2, repeat=True)
        label = "Solde dû" if fr else "Balance due"
        self.totals_box([(label, self.h["balance"].printed, True)], x["notes"])
        ages = (["Non échu", "1–30 jours", "31–60 jours", "> 60 jours"] if fr else
                ["Current", "1–30 days", "31–60 days", "Over 60 days"])
        self.ensure(fs * 6)
        self.T(self.x0, self.y + fs, "Échéancier" if fr else "Ageing", True, fs - 0.5,
               color=self.accent)
        self.y += fs + 4
        save = (self.x1, self.cw)
        self.cw = self.cw * 0.7  # a narrower table
        self.x1 = self.x0 + self.cw
        self.table(ages, ["r"] * 4, [x["ageing"]], 0, repeat=True)
        self.x1, self.cw = save

    def letter(self):
        lay, fs, x, h = self.lay, self.fs, self.c.extra, self.h
        # letterhead on the supplier's side, addressee in the envelope window
        left = lay.letterhead != "right"
        lh_w = self.cw * (1.0 if lay.letterhead == "center" else 0.55)
        align = lay.letterhead
        lh = self.letterhead(self.x0 if left else self.x1 - lh_w, self.y, lh_w, align)
        y = max(self.y + lh + 12, 150)
        win_x = self.x0 + self.cw * 0.52 if lay.letterhead != "right" else self.x0 + 10
        b = self.c.buyer
        yy = y
        for i, ln in enumerate([b.name] + list(b.address)):
            yy += fs * 1.3
            self.T(win_x, yy, ln, i == 0, fit_size(ln, self.reg, fs, self.cw * 0.45))
        ry = y
        ref_x = self.x0 if lay.letterhead != "right" else self.x0 + self.cw * 0.55
        for r in x["refs"]:
            ry += fs * 1.3
            self.T(ref_x, ry, r, False, fs - 1, color=GRAY)
        self.y = max(yy, ry) + fs * 2.5
        self.T(self.x1, self.y, h["date"].printed, False, fs, "right")
        self.y += fs * 2.5
        subj = x["subject_label"] + x["subject"]
        self.y += self.para(self.x0, self.y, self.cw, subj, fs, bold=True) + fs
        self.T(self.x0, self.y + fs, x["salutation"], False, fs)
        self.y += fs * 2.3
        for p in x["body"]:
            hgt = self.para_height(self.cw, p, fs, leading=1.35)
            self.ensure(hgt + fs)
            self.y += self.para(self.x0, self.y, self.cw, p, fs, leading=1.35) + fs * 0.8
        self.y += self.para(self.x0, self.y, self.cw, x["closing"], fs, leading=1.35) + fs * 2
        self.ensure(fs * 7)
        name, role = x["sign"]
        sx = self.x0 + self.cw * 0.55
        self.T(sx, self.y + fs, name, True, fs)
        self.T(sx, self.y + fs * 2.3, role, False, fs - 0.5)
        self.y += fs * 5
        if x["enclosures"]:
            enc = ("P.J. : " if lay.lang == "fr" else "Enc.: ") + x["enclosures"]
            self.T(self.x0, self.y + fs, enc, False, fs - 1)
            self.y += fs * 2

    def flyer(self):
        lay, x = self.lay, self.c.extra
        fs = self.fs
        W, a = self.W, self.accent
        d = self.doc
        band_h = 96
        d.rect(0, 0, W, band_h, 0, None, a)
        name = self.sup.name
        nsize = fit_size(name, self.bold, 22, self.cw * 0.7)
        self.T(self.x0, 44, name, True, nsize, color="#ffffff")
        self.T(self.x0, 66, self.sup.web, False, fs + 1, color="#ffffff")
        # logo on a white tile at the right of the band
        d.rect(self.x1 - 62, 16, 62, 62, 0, None, "#ffffff")
        if lay.logo != "text":
            self.logo(self.x1 - 52, 26, 42)
        else:
            self.T(self.x1 - 31, 54, self.initials(), True, 20, "center", a)
        y = band_h + 30
        hsize = fit_size(x["head"], self.bold, 34, self.cw * 0.66)
        self.T(self.x0, y + hsize, x["head"], True, hsize, color=a)
        # discount burst
        cx, cy, r = self.x1 - 62, y + 26, 44
        pts = []
        for k in range(24):
            rad = r if k % 2 == 0 else r * 0.78
            ang = math.pi * 2 * k / 24
            pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
        d.poly(pts, 0, None, "#d84315")
        pct = f"-{x['pct']} %" if lay.lang == "fr" else f"-{x['pct']}%"
        self.T(cx, cy + 7, pct, True, 20, "center", "#ffffff")
        y += hsize + 14
        y += self.para(self.x0, y, self.cw * 0.68, x["sub"], fs + 5, bold=True) + 22
        # product cards
        cards = x["cards"]
        gap = 14
        cw = (self.cw - gap * (len(cards) - 1)) / len(cards)
        card_h = 150
        for k, c in enumerate(cards):
            cx0 = self.x0 + k * (cw + gap)
            d.rect(cx0, y, cw, card_h, 0.8, a, tint(a, 0.9))
            yy = y + 6
            yy += self.para(cx0 + 8, yy, cw - 16, c["name"], fs + 1.5, bold=True)
            yy += self.para(cx0 + 8, yy + 2, cw - 16, c["pack"], fs - 1, color=GRAY) + 2
            self.T(cx0 + 8, yy + fs, f"Réf. {c['code']}" if lay.lang == "fr"
                   else f"Ref. {c['code']}", False, fs - 1, color=GRAY)
            py = y + card_h - 44
            self.T(cx0 + 8, py, x["from"], False, fs - 1)
            new = f"{c['new']} {x['ht']} / {c['unit']}"
            self.T(cx0 + 8, py + 20, new, True, fit_size(new, self.bold, 16, cw - 16), color=a)
            old = f"{x['instead']} {c['old']}"
            wo = self.T(cx0 + 8, py + 34, old, False, fs - 1, color=GRAY)
            d.line(cx0 + 8, py + 31, cx0 + 8 + wo, py + 31, 0.7, color=GRAY)
        y += card_h + 24
        for claim in x["claims"]:
            d.rect(self.x0 + 2, y + 3, 7, 7, 0, None, a)
            y += self.para(self.x0 + 16, y, self.cw - 16, claim, fs + 2) + 6
        y += 14
        y += self.para(self.x0, y, self.cw, x["promo"], fs + 1, bold=True) + 8
        y += self.para(self.x0, y, self.cw, x["validity"], fs - 1, color=GRAY) + 16
        # call to action band
        cta_h = 58
        d.rect(self.x0, y, self.cw, cta_h, 0, None, tint(a, 0.75))
        self.T(self.x0 + 12, y + 22, x["cta"], True, fs + 5, color=a)
        contact = f"{self.t['tel']} {self.sup.phone} · {self.sup.email}"
        self.T(self.x0 + 12, y + 42, contact, False, fit_size(contact, self.reg, fs + 1,
                                                             self.cw - 24))
        self.y = y + cta_h + 10

    # ------------------------------------------------------------ entry

    def draw_footers(self):
        if self.kind != "flyer":
            return super().draw_footers()
        page = self.doc.pages[0]
        y = self.H - self.bottom_margin - self.footer_h + 8
        for ln in self.legal_lines():
            y += (self.fs - 2) * 1.3
            self.doc.text(self.W / 2, y, ln, self.reg, self.fs - 2, "center", GRAY, page=page)

    def render(self):
        getattr(self, self.kind)()
        self.draw_footers()
        return self.doc
