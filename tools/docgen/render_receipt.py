"""Lay out a receipt (receipts.make_receipt) in its shop's layout.

Two renderers:
- RollRenderer: till rolls, 58 or 80 mm wide, as long as the receipt
  (one page whose height follows the content), monospaced fonts printed by
  character columns (label and value joined with spaces or dot leaders, or
  drawn apart) or a proportional printer font; centred or left header,
  rules of '-', '=', '*' or drawn lines, emphasised total (bold, double
  size, between rules, boxed, white on black), VAT block, payment, card
  slip, footer, sometimes a barcode or QR code.
- PageRenderer: A5 or A4 "invoice-like" receipts with a letterhead, a ruled
  article table, a totals block and a VAT table.

Every string comes from the content as printed; nothing here changes a value.
"""
import zlib

from reportlab.graphics.barcode import qr

from draw import FONT_FAMILIES, Doc, fit_size, width, wrap

MM = 72 / 25.4
ROLL_WIDTH = {"roll58": 58 * MM, "roll80": 80 * MM}
PAGE_SIZE = {"A5": (420.94, 595.28), "A4": (595.28, 841.89)}
GRAY = "#555555"


def flag(lay, name, mod=2):
    """A fixed yes/no per layout."""
    return zlib.crc32(f"{lay.id}/{name}".encode("utf-8")) % mod == 0


def choice(lay, name, options):
    return options[zlib.crc32(f"{lay.id}/{name}".encode("utf-8")) % len(options)]


def draw_qr(doc, value, x, y, s):
    """A QR code as black module rectangles (its background rectangle, which
    has no fill colour, is left out), recorded in doc.codes like
    Doc.barcode records it; (x, y, s) is the symbol with its quiet zone."""
    widget = qr.QrCodeWidget(value, barLevel="M")
    bx0, by0, bx1, by1 = widget.getBounds()
    k = s / (bx1 - bx0)
    for r in widget.draw().contents:
        if getattr(r, "fillColor", None) is None:
            continue
        doc.rect(x + (r.x - bx0) * k, y + s - (r.y - by0 + r.height) * k, r.width * k,
                 r.height * k, 0, None, "#000000")
    doc.codes.append({"page": len(doc.pages), "format": "QRCode", "data": value,
                      "bbox": [round(x, 2), round(y, 2), round(x + s, 2), round(y + s, 2)]})


class Base:
    def __init__(self, content):
        self.c = content
        self.shop = content.supplier
        self.lay = self.shop.layout
        self.x = content.extra
        self.h = content.header
        self.reg, self.bold = FONT_FAMILIES[self.lay.font]

    def colon(self):
        return " :" if self.lay.lang == "fr" else ":"

    def phone_line(self):
        from receipts import WORDING
        tel = WORDING[self.lay.lang]["tel"]
        return f"{tel}{self.colon()} {self.shop.phone}" if flag(self.lay, "tel_colon") \
            else f"{tel} {self.shop.phone}"

    def item_name(self, it):
        if it["unit"] == "l":
            from receipts import WORDING
            return f"{WORDING[self.lay.lang]['pump']} {it['pump']} {it['name']}"
        return it["name"]

    def qty_detail(self, it):
        """The 'quantity x unit price' line of an article."""
        from receipts import WORDING
        w = WORDING[self.lay.lang]
        if it["unit"] == "l":
            return f"{it['qty_s']} L x {it['price_s']}{w['per']}"
        if it["unit"] == "kg":
            return f"{it['qty_s']} kg x {it['price_s']}/kg"
        if it["unit"] == "m":
            return f"{it['qty_s']} m x {it['price_s']}"
        return f"{it['qty_s']} x {it['price_s']}"

    def amount_cell(self, it_amount, code):
        return f"{it_amount} {code}" if self.lay.vat_codes and code else it_amount


# ---------------------------------------------------------------------------
# till rolls


class RollRenderer(Base):
    def __init__(self, content):
        super().__init__(content)
        lay = self.lay
        self.W = ROLL_WIDTH[lay.paper]
        margin = 9.0 if lay.paper == "roll58" else 12.0
        self.x0, self.x1 = margin, self.W - margin
        self.cw = self.x1 - self.x0
        self.mono = lay.cols > 0
        if self.mono:
            adv = width("0", self.reg, 1.0)
            self.fs = round(self.cw / (lay.cols * adv), 2)
            self.cols = lay.cols
        else:
            self.fs = lay.size
            self.cols = 0
        self.lead = self.fs * choice(lay, "lead", (1.25, 1.3, 1.4))
        self.doc = Doc((self.W, 14000.0))
        self.doc.new_page()
        self.y = 14.0

    # -------------------------------------------------------------- primitives

    def font(self, bold):
        return self.bold if bold else self.reg

    def down(self, scale=1.0):
        self.y += self.lead * scale

    def text(self, x, s, bold=False, size=None, align="left", color="#000000"):
        return self.doc.text(x, self.y, s, self.font(bold), size or self.fs, align, color)

    def line_of(self, s, align="left", bold=False, scale=1.0, color="#000000"):
        """One text line; shrunk to fit the width (never cut)."""
        size = fit_size(s, self.font(bold), self.fs * scale, self.cw, 4.0)
        self.down(max(scale, 1.0))
        x = {"left": self.x0, "center": self.W / 2, "right": self.x1}[align]
        self.text(x, s, bold, size, align, color)

    def para(self, s, align="left", size_k=1.0, color="#000000"):
        for ln in wrap(s, self.reg, self.fs * size_k, self.cw):
            self.down(size_k)
            x = {"left": self.x0, "center": self.W / 2}[align]
            self.text(x, ln, False, self.fs * size_k, align, color)

    def gap(self, k=0.5):
        self.y += self.lead * k

    def rule(self, char=None):
        char = self.lay.rule if char is None else char
        if char == "":
            self.gap(0.6)
            return
        if char == "line" or not self.mono:
            self.y += self.lead * 0.55
            style = "dashed" if char in ("-", "*") else "solid"
            self.doc.line(self.x0, self.y - self.fs * 0.3, self.x1, self.y - self.fs * 0.3,
                          0.6, style)
            self.y += self.lead * 0.15
            return
        self.down()
        self.text(self.x0, char * self.cols)

    def fit_cols(self, scale):
        return int(self.cols / scale)

    def kv(self, label, value, bold=False, scale=1.0, style=None, cut_label=True):
        """A label and a value on one line, per the layout's style."""
        style = style or self.lay.kv
        size = self.fs * scale
        font = self.font(bold)
        if self.mono and style in ("spaces", "leaders"):
            cols = self.fit_cols(scale)
            room = cols - len(value) - 1
            if len(label) > room and cut_label:
                label = label[:max(room, 1)].rstrip()
            fill = cols - len(label) - len(value)
            if fill >= 1:
                if style == "leaders" and fill >= 4:
                    s = label + " " + "." * (fill - 2) + " " + value
                else:
                    s = label + " " * fill + value
                self.down(scale)
                self.text(self.x0, s, bold, size)
                return
            style = "split"
        lab = label + self.colon() if style == "colon" else label
        wv = width(value, font, size)
        room = self.cw - wv - 4
        if width(lab, font, size) > room:
            if cut_label:
                while lab and width(lab, font, size) > room:
                    lab = lab[:-1]
                lab = lab.rstrip()
            else:
                size = fit_size(lab + "  " + value, font, size, self.cw, 4.0)
                wv = width(value, font, size)
        self.down(scale)
        self.text(self.x0, lab, bold, size)
        if style == "tab":
            vx = self.x0 + self.cw * 0.58
            if vx + wv > self.x1 or vx < self.x0 + width(lab, font, size) + 4:
                self.text(self.x1, value, bold, size, "right")
            else:
                self.text(vx, value, bold, size)
        else:
            if style == "leaders" and not self.mono:
                lw = width(lab, font, size)
                if self.x1 - wv - 3 > self.x0 + lw + 6:
                    self.doc.line(self.x0 + lw + 3, self.y, self.x1 - wv - 3, self.y, 0.6,
                                  "dotted")
            self.text(self.x1, value, bold, size, "right")

    # -------------------------------------------------------------- blocks

    def logo(self):
        kind = self.lay.logo
        if not kind:
            return
        s = 26.0
        x = self.W / 2 - s / 2 if self.lay.align == "center" else self.x0
        y = self.y
        if kind == "circle":
            self.doc.ellipse(x, y, s, s, 0, None, "#000000")
        elif kind == "square":
            self.doc.rect(x, y, s, s, 0, None, "#000000")
        elif kind == "diamond":
            self.doc.poly([(x + s / 2, y), (x + s, y + s / 2), (x + s / 2, y + s), (x, y + s / 2)],
                          0, None, "#000000")
        else:
            for i, hh in enumerate((0.55, 0.8, 1.0)):
                self.doc.rect(x + i * s * 0.34, y + s * (1 - hh), s / 4, s * hh, 0, None,
                              "#000000")
        self.y += s + 2

    def header(self):
        lay, x = self.lay, self.x
        al = lay.align
        self.logo()
        if x["it_header"] and flag(lay, "it_top"):
            self.line_of("DOCUMENTO COMMERCIALE", "center", True)
            self.line_of("di vendita o prestazione", "center")
            self.gap(0.4)
        scale = choice(lay, "name_scale", (1.3, 1.5, 1.8, 2.0))
        self.line_of(self.shop.name, al, True, scale)
        self.gap(0.2)
        if self.shop.tagline:
            self.line_of(self.shop.tagline, al, False, 0.9)
        for ln in x["addr_lines"]:
            self.line_of(ln, al)
        if flag(lay, "phone", 3) or not flag(lay, "phone2", 3):
            self.line_of(self.phone_line(), al)
        if self.shop.web and flag(lay, "web_top"):
            self.line_of(self.shop.web, al)
        if lay.legal_top:
            for ln in self.shop.legal:
                self.line_of(ln, al, False, 0.9)
        if x["it_header"] and not flag(lay, "it_top"):
            self.gap(0.4)
            self.line_of("DOCUMENTO COMMERCIALE", "center", True)
            self.line_of("di vendita o prestazione", "center")
        if x["print_title"] and not (x["it_header"] and x["print_title"].startswith("DOCUMENTO")):
            self.gap(0.3)
            self.line_of(x["print_title"], "center", True, 1.2)
        self.rule()

    def date_time_line(self):
        x = self.x
        return x["date_s"] + (self.lay.joiner + x["time_s"] if x["time_s"] else "")

    def meta(self, where):
        lay, x, L = self.lay, self.x, self.lay.labels
        place = lay.date_place
        if where == "top":
            if place == "top_row":
                if x["time_s"]:
                    self.kv(x["date_s"], x["time_s"], style="split", cut_label=False)
                else:
                    self.line_of(x["date_s"])
            elif place == "top_line":
                self.line_of(self.date_time_line(), "center" if flag(lay, "dt_center") else "left")
            elif place == "meta":
                if L["date"] in ("Le", "Del"):
                    self.line_of(f"{L['date']} {self.date_time_line()}")
                else:
                    self.kv(L["date"], x["date_s"], cut_label=False)
                    if x["time_s"]:
                        t_label = L["time"] if L["time"] not in ("à", "ore") else \
                            {"fr": "Heure", "it": "Ora"}[lay.lang]
                        self.kv(t_label, x["time_s"])
            pairs = x["meta"]
            if flag(lay, "meta_joined") and len(pairs) >= 2:
                a, b = pairs[0], pairs[1]
                self.kv(f"{a[0]} {a[1]}", f"{b[0]} {b[1]}", style="split", cut_label=False)
                rest = pairs[2:]
            else:
                rest = pairs
            for label, value in rest:
                if label.startswith(("Vous avez", "U werd", "Es bediente", "Vi ha")):
                    self.line_of(f"{label} {value}")
                else:
                    self.kv(label, value)
            self.rule()
        elif place == "bottom":
            self.rule()
            self.line_of(self.date_time_line(), "center" if flag(lay, "dtb_center") else "left")

    def items(self):
        lay, x = self.lay, self.x
        style = lay.item_style
        disc_after = {}
        for dsc in x["discounts"]:
            disc_after.setdefault(dsc["after"], []).append(dsc)
        if style == "D":
            self.items_columns(disc_after)
            return
        if flag(lay, "items_head", 3):
            from receipts import WORDING
            cols = WORDING[lay.lang]["cols"]
            self.kv(cols[1].upper() if lay.items_upper else cols[1],
                    cols[3].upper() if lay.items_upper else cols[3], True, style="split")
        for i, it in enumerate(x["items"]):
            amount = self.amount_cell(it["amount_s"], it["code"])
            name = self.item_name(it)
            if style == "A":
                self.kv(name, amount)
                if not it["one"]:
                    self.line_of("  " + self.qty_detail(it))
            elif style == "B":
                if it["unit"] in ("kg", "l", "m"):
                    self.kv(name, amount)
                    self.line_of("  " + self.qty_detail(it))
                else:
                    sep = " x " if flag(lay, "bx") else " "
                    self.kv(f"{it['qty_s']}{sep}{name}", amount)
            else:  # C
                if it["one"]:
                    self.kv(name, amount)
                else:
                    self.line_of(name)
                    self.kv("   " + self.qty_detail(it), amount, cut_label=False)
            for dsc in disc_after.get(i, ()):
                self.kv("  " + dsc["label"], dsc["amount_s"])

    def items_columns(self, disc_after):
        """Qty, name, unit price, amount in columns."""
        from receipts import WORDING
        lay, x = self.lay, self.x
        heads = WORDING[lay.lang]["cols"]
        rows = []
        for i, it in enumerate(x["items"]):
            qty = it["qty_s"] if it["unit"] == "" else ""
            name = self.item_name(it) if it["unit"] == "" else self.item_name(it)
            price = it["price_s"] if it["unit"] == "" else ""
            rows.append((qty, name, price, self.amount_cell(it["amount_s"], it["code"]), None))
            if it["unit"] != "":
                rows.append(("", "  " + self.qty_detail(it), "", "", None))
            for dsc in disc_after.get(i, ()):
                rows.append(("", dsc["label"], "", dsc["amount_s"], None))
        if self.mono:
            qw = max(len(heads[0]), *(len(r[0]) for r in rows))
            pw = max(len(heads[2]), *(len(r[2]) for r in rows))
            aw = max(len(heads[3]), *(len(r[3]) for r in rows))
            nw = self.cols - qw - pw - aw - 3
            if nw < 8:  # too narrow for a price column: qty, name, amount
                pw, nw = 0, self.cols - qw - aw - 2

            def fmt(q, n, p, a):
                n = n[:nw]
                mid = (" " + p.rjust(pw)) if pw else ""
                return q.rjust(qw) + " " + n.ljust(nw) + mid + " " + a.rjust(aw)
            self.down()
            self.text(self.x0, fmt(*heads), True)
            for q, n, p, a, _ in rows:
                if not (q or p or a):  # detail line: free width
                    self.line_of(n)
                    continue
                self.down()
                self.text(self.x0, fmt(q, n, p, a))
            return
        size = self.fs
        qw = max(width(s, self.bold, size) for s in [heads[0]] + [r[0] for r in rows]) + 4
        pw = max(width(s, self.bold, size) for s in [heads[2]] + [r[2] for r in rows]) + 6
        aw = max(width(s, self.bold, size) for s in [heads[3]] + [r[3] for r in rows]) + 2
        nw = self.cw - qw - pw - aw
        if nw < 40:
            pw, nw = 0, self.cw - qw - aw
        xs = (self.x0, self.x0 + qw, self.x1 - aw - 2, self.x1)
        self.down()
        self.text(xs[0], heads[0], True)
        self.text(xs[1], heads[1], True)
        if pw:
            self.text(xs[2], heads[2], True, align="right")
        self.text(xs[3], heads[3], True, align="right")
        for q, n, p, a, _ in rows:
            self.down()
            if q:
                self.text(xs[0], q)
            nn = n
            while nn and width(nn, self.reg, size) > nw - 3:
                nn = nn[:-1]
            self.text(xs[1], nn.rstrip())
            if pw and p:
                self.text(xs[2], p, align="right")
            if a:
                self.text(xs[3], a, align="right")

    def totals(self):
        lay, x, L = self.lay, self.x, self.lay.labels
        self.rule()
        if x["subtotal_s"]:
            self.kv(L["subtotal"], x["subtotal_s"])
        if x["service"]:
            self.kv(x["service"]["label"], x["service"]["amount_s"])
        emph = lay.total_emph
        label, value = L["total"], x["total_s"]
        if emph == "rule":
            self.rule("=" if self.mono else "line")
            self.kv(label, value, True, cut_label=False)
            self.rule("=" if self.mono else "line")
        elif emph == "big":
            self.kv(label, value, True, 1.6 if self.mono else 1.5, cut_label=False)
            self.gap(0.3)
        elif emph in ("box", "inverse"):
            top = self.y + self.lead * 0.25
            self.y += self.lead * 0.35
            self.kv(label, value, True, 1.25, style="split", cut_label=False)
            bottom = self.y + self.fs * 0.55
            if emph == "box":
                self.doc.rect(self.x0 - 3, top, self.cw + 6, bottom - top, 0.9)
            else:
                # white on black: the band goes under the text (drawn first)
                page = self.doc.page
                ops = page.ops[-2:]
                del page.ops[-2:]
                self.doc.rect(self.x0 - 3, top, self.cw + 6, bottom - top, 0, None, "#000000")
                for op in ops:
                    page.ops.append(op[:7] + ("#ffffff",))
            self.y = bottom + 2
        else:
            self.kv(label, value, True, cut_label=False)
        if x["service_note"]:
            self.line_of(x["service_note"], "right" if flag(lay, "svc") else "left", False, 0.9)
        if x["count"]:
            self.kv(*x["count"])

    def payment(self):
        x = self.x
        self.gap(0.3)
        for label, amount in x["payments"]:
            self.kv(label, amount)
        if x["change"]:
            self.kv(*x["change"])

    def vat(self):
        from receipts import WORDING
        lay, x = self.lay, self.x
        w = WORDING[lay.lang]
        style = lay.vat_style
        self.gap(0.4)
        if style == "incl":
            label = lay.labels["incl"]
            if len(x["vat"]) == 1 or flag(lay, "incl_one"):
                self.kv(label, x["tax_total_s"])
            else:
                for v in x["vat"]:
                    self.kv(f"{label} {v['rate_s']}", v["tax_s"])
            return
        if style == "lines":
            for v in x["vat"]:
                self.kv(f"{w['vat']} {v['rate_s']}", v["tax_s"])
            if flag(lay, "net_line"):
                self.kv(w["total_net"], x["net_total_s"])
            return
        # table / codes: columns rate (code), net, vat, gross
        heads = ((w["rate"] if style == "table" else w["vat"]), w["net"], w["vat"], w["gross"])
        rows = [((f"{v['code']} " if style == "codes" else "") + v["rate_s"], v["net_s"],
                 v["tax_s"], v["gross_s"]) for v in x["vat"]]
        if len(rows) > 1 and flag(lay, "vat_sum"):
            rows.append(("", x["net_total_s"], x["tax_total_s"], ""))
        self.table4(heads, rows)

    def table4(self, heads, rows):
        if self.mono:
            keep = [0, 1, 2, 3]
            ws = [max(len(r[j]) for r in [heads] + rows) for j in range(4)]
            for drop in (3, 1):  # too wide: no gross column, then no net column
                if sum(ws[j] for j in keep) + len(keep) - 1 <= self.cols:
                    break
                keep.remove(drop)
            spare = self.cols - sum(ws[j] for j in keep)
            gap = max(1, spare // (len(keep) - 1))
            out = []
            for r in [heads] + rows:
                s = r[0].ljust(ws[0])
                for j in keep[1:]:
                    s += " " * gap + r[j].rjust(ws[j])
                out.append(s.rstrip())
            for i, s in enumerate(out):
                self.down()
                self.text(self.x0, s, i == 0)
            return
        xs = (self.x0, self.x0 + self.cw * 0.52, self.x0 + self.cw * 0.76, self.x1)
        for i, r in enumerate([heads] + rows):
            size = self.fs * (0.95 if i == 0 else 1.0)
            self.down()
            self.text(xs[0], r[0], i == 0, size)
            for j in (1, 2, 3):
                if r[j]:
                    self.text(xs[j], r[j], i == 0, size, "right")

    def slip(self):
        x = self.x
        if not x["slip"]:
            return
        self.rule()
        for i, ln in enumerate(x["slip"]):
            self.line_of(ln, "center", i in (0, 5))

    def extras(self):
        x, lay = self.x, self.lay
        if not (x["extra_lines"] or x["tse"]):
            return
        self.rule()
        for ln in x["extra_lines"]:
            self.para(ln, "center" if lay.align == "center" else "left")
        for ln in x["tse"]:
            self.para(ln, "left", 0.85)

    def footer(self):
        x, lay = self.x, self.lay
        self.rule()
        if x["it_header"]:
            self.line_of(x["rt"], "left", False, 0.85)
        for i, ln in enumerate(x["footer"]):
            self.para(ln, "center") if i else self.line_of(ln, "center", True)
        if self.shop.web and not flag(lay, "web_top"):
            self.line_of(self.shop.web, "center")
        if not lay.legal_top:
            for ln in self.shop.legal:
                self.line_of(ln, "center", False, 0.85)
        if x["barcode"]:
            kind, value = x["barcode"]
            self.gap(0.8)
            if kind == "qr":
                s = 62.0
                draw_qr(self.doc, value, self.W / 2 - s / 2, self.y, s)
                self.y += s + 4
            else:
                w = min(self.cw - 10, 150.0)
                self.doc.barcode("code128", value, self.W / 2 - w / 2, self.y, w, 28)
                self.y += 28 + 4
                self.line_of(value, "center", False, 0.85)

    def render(self):
        lay = self.lay
        self.header()
        self.meta("top")
        self.items()
        self.totals()
        order = choice(lay, "order", ("pv", "vp", "pv"))
        if order == "pv":
            self.payment()
            self.vat()
        else:
            self.vat()
            self.payment()
        self.slip()
        self.extras()
        self.meta("bottom")
        self.footer()
        self.y += 18
        self.doc.size = (self.W, round(max(self.y, 200.0), 2))
        return self.doc


# ---------------------------------------------------------------------------
# A5 / A4 receipts


class PageRenderer(Base):
    def __init__(self, content):
        super().__init__(content)
        lay = self.lay
        self.W, self.H = PAGE_SIZE[lay.paper]
        m = 36.0 if lay.paper == "A4" else 30.0
        self.x0, self.x1 = m, self.W - m
        self.cw = self.x1 - self.x0
        self.fs = lay.size
        self.doc = Doc((self.W, self.H))
        self.doc.new_page()
        self.y = m

    def T(self, x, y, s, bold=False, size=None, align="left", color="#000000"):
        return self.doc.text(x, y, s, self.bold if bold else self.reg, size or self.fs, align,
                             color)

    def letterhead(self, w):
        lay, x, shop = self.lay, self.x, self.shop
        fs = self.fs
        center = lay.align == "center"
        w = self.cw if center else w
        tx, al = (self.W / 2, "center") if center else (self.x0, "left")
        y = self.y
        if lay.logo:
            s = 30.0
            lx = self.W / 2 - s / 2 if center else self.x0
            if lay.logo == "circle":
                self.doc.ellipse(lx, y, s, s, 0, None, lay.accent)
            elif lay.logo == "diamond":
                self.doc.poly([(lx + s / 2, y), (lx + s, y + s / 2), (lx + s / 2, y + s),
                               (lx, y + s / 2)], 0, None, lay.accent)
            else:
                self.doc.rect(lx, y, s, s, 0, None, lay.accent)
            if center:
                y += s + 6
            else:
                tx += s + 10
                w -= s + 10
        size = fit_size(shop.name, self.bold, fs + 6, w)
        y += size
        self.T(tx, y, shop.name, True, size, al, lay.accent)
        y += 3
        lines = ([shop.tagline] if shop.tagline else []) + list(x["addr_lines"]) + \
            [self.phone_line()] + ([shop.web] if shop.web else []) + \
            (list(shop.legal) if lay.legal_top else [])
        for ln in lines:
            y += fs * 1.3
            self.T(tx, y, ln, False, fit_size(ln, self.reg, fs - 0.5, w), al,
                   GRAY if ln in shop.legal else "#000000")
        return y - self.y

    def meta_pairs(self):
        x, L = self.x, self.lay.labels
        pairs = [(L["ticket"], dict(x["meta"])[L["ticket"]])]
        date_label = L["date"] if L["date"] not in ("Le", "Del") else \
            {"fr": "Date", "it": "Data"}[self.lay.lang]
        if self.lay.date_place == "meta" or not x["time_s"]:
            pairs.append((date_label, x["date_s"]))
            if x["time_s"]:
                t_label = L["time"] if L["time"] not in ("à", "ore") else \
                    {"fr": "Heure", "it": "Ora"}[self.lay.lang]
                pairs.append((t_label, x["time_s"]))
        else:
            pairs.append((date_label, x["date_s"] + self.lay.joiner + x["time_s"]))
        pairs += [p for p in x["meta"][1:]]
        return pairs

    def top(self):
        lay, x, fs = self.lay, self.x, self.fs
        title = x["print_title"] or x["title"].upper()
        pairs = self.meta_pairs()
        colon = self.colon()
        lw = max(width(l + colon, self.reg, fs) for l, _ in pairs) + 6
        vw = max(width(v, self.bold, fs) for _, v in pairs) + 4
        kw = min(max(self.cw * 0.4, lw + vw), self.cw * 0.5)
        h = self.letterhead(self.cw - kw - 14)
        if lay.align == "center":
            self.y += h + 12
            self.T(self.W / 2, self.y + fs + 4, title, True, fs + 4, "center")
            self.y += fs + 14
            # pairs in two columns, or one when a pair is too wide for half the width
            wide = max(width(l + colon, self.reg, fs) + 4 + width(v, self.bold, fs)
                       for l, v in pairs)
            half = (len(pairs) + 1) // 2 if wide < self.cw / 2 - 12 else len(pairs)
            for col, chunk in enumerate((pairs[:half], pairs[half:])):
                yy = self.y
                xx = self.x0 + col * self.cw / 2
                for label, value in chunk:
                    yy += fs * 1.45
                    wl = self.T(xx, yy, label + colon, False, fs)
                    self.T(xx + wl + 4, yy, value, True, fs)
            self.y += half * fs * 1.45 + 14
        else:
            tsize = fs + 5
            self.T(self.x1, self.y + tsize, title, True, tsize, "right", lay.accent)
            yy = self.y + tsize + 8
            for label, value in pairs:
                yy += fs * 1.45
                self.T(self.x1 - kw, yy, label + colon, False, fs)
                self.T(self.x1 - kw + lw, yy, value, True, fit_size(value, self.bold, fs, kw - lw))
            self.y = max(self.y + h, yy) + 18

    def table(self):
        from receipts import WORDING
        lay, x, fs = self.lay, self.x, self.fs
        heads = list(WORDING[lay.lang]["cols"])
        rows = []
        disc_after = {}
        for dsc in x["discounts"]:
            disc_after.setdefault(dsc["after"], []).append(dsc)
        for i, it in enumerate(x["items"]):
            if it["unit"] == "":
                rows.append([it["qty_s"], self.item_name(it), it["price_s"], it["amount_s"],
                             it["code"]])
            else:
                unit = {"kg": "kg", "l": "L", "m": "m"}[it["unit"]]
                rows.append([f"{it['qty_s']} {unit}", self.item_name(it), it["price_s"],
                             it["amount_s"], it["code"]])
            for dsc in disc_after.get(i, ()):
                rows.append(["", dsc["label"], "", dsc["amount_s"], it["code"]])
        codes = lay.vat_codes
        if codes:
            heads.append(WORDING[lay.lang]["vat"])
        pad = 4
        ws = [max(width(heads[j], self.bold, fs), *(width(r[j], self.reg, fs) for r in rows))
              + 2 * pad for j in (0, 2, 3)]
        cw_code = width(heads[-1], self.bold, fs) + 2 * pad if codes else 0
        desc_w = self.cw - sum(ws) - cw_code
        xs = [self.x0, self.x0 + ws[0], self.x0 + ws[0] + desc_w,
              self.x0 + ws[0] + desc_w + ws[1], self.x0 + ws[0] + desc_w + ws[1] + ws[2]]
        hh = fs * 2.0
        top = self.y
        fill = flag(lay, "head_fill")
        if fill:
            self.doc.rect(self.x0, top, self.cw, hh, 0, None, "#e8e8e8")
        self.doc.line(self.x0, top, self.x1, top, 0.7)
        self.doc.line(self.x0, top + hh, self.x1, top + hh, 0.7)
        base = top + hh - fs * 0.65
        self.T(xs[0] + pad, base, heads[0], True)
        self.T(xs[1] + pad, base, heads[1], True)
        self.T(xs[3] - pad, base, heads[2], True, align="right")
        self.T(xs[4] - pad, base, heads[3], True, align="right")
        if codes:
            self.T(self.x1 - pad, base, heads[4], True, align="right")
        y = top + hh
        rh = fs * 1.55
        for r in rows:
            y += rh
            self.T(xs[0] + pad, y - fs * 0.45, r[0])
            name = r[1]
            while width(name, self.reg, fs) > desc_w - 2 * pad:
                name = name[:-1]
            self.T(xs[1] + pad, y - fs * 0.45, name.rstrip())
            if r[2]:
                self.T(xs[3] - pad, y - fs * 0.45, r[2], align="right")
            self.T(xs[4] - pad, y - fs * 0.45, r[3], align="right")
            if codes and r[4]:
                self.T(self.x1 - pad, y - fs * 0.45, r[4], align="right")
            if flag(lay, "row_rules"):
                self.doc.line(self.x0, y, self.x1, y, 0.3, "dotted")
        self.doc.line(self.x0, y + 2, self.x1, y + 2, 0.7)
        self.y = y + 14

    def totals(self):
        from receipts import WORDING
        lay, x, fs, L = self.lay, self.x, self.fs, self.lay.labels
        w = WORDING[lay.lang]
        rows = []
        if x["subtotal_s"]:
            rows.append((L["subtotal"], x["subtotal_s"], False))
        if x["service"]:
            rows.append((x["service"]["label"], x["service"]["amount_s"], False))
        if lay.vat_style == "lines":
            for v in x["vat"]:
                rows.append((f"{w['vat']} {v['rate_s']}", v["tax_s"], False))
        rows.append((L["total"], x["total_s"], True))
        bw = self.cw * 0.45
        bx = self.x1 - bw
        y = self.y
        for label, value, strong in rows:
            rh = fs * 1.75
            if strong and lay.total_emph == "box":
                self.doc.rect(bx, y, bw, rh, 0.9, "#000000", "#eeeeee")
            elif strong:
                self.doc.line(bx, y, self.x1, y, 0.8)
            self.T(bx + 5, y + rh - fs * 0.55, label, strong, fs + (1 if strong else 0))
            self.T(self.x1 - 5, y + rh - fs * 0.55, value, strong, fs + (1 if strong else 0),
                   "right")
            y += rh
        if x["service_note"]:
            y += fs * 1.3
            self.T(self.x1 - 5, y, x["service_note"], False, fs - 1, "right", GRAY)
        # VAT table on the left
        ly = self.y
        if lay.vat_style != "lines":
            heads = (w["rate"], w["net"], w["vat"], w["gross"])
            trows = [(v["rate_s"], v["net_s"], v["tax_s"], v["gross_s"]) for v in x["vat"]]
            tw = self.cw * 0.48
            xs = (self.x0, self.x0 + tw * 0.45, self.x0 + tw * 0.72, self.x0 + tw)
            for i, r in enumerate((heads,) + tuple(trows)):
                ly += fs * 1.4
                size = fs - 0.5
                self.T(xs[0], ly, r[0], i == 0, size)
                for j in (1, 2, 3):
                    self.T(xs[j], ly, r[j], i == 0, size, "right")
                if i == 0:
                    self.doc.line(self.x0, ly + 3, self.x0 + tw, ly + 3, 0.4)
        self.y = max(y, ly) + 12
        if x["count"]:
            self.T(self.x0, self.y + fs, f"{x['count'][0]}{self.colon()} {x['count'][1]}")
            self.y += fs * 1.6

    def payment(self):
        x, fs = self.x, self.fs
        bw = self.cw * 0.45
        bx = self.x1 - bw
        for label, amount in x["payments"] + ([x["change"]] if x["change"] else []):
            self.y += fs * 1.45
            self.T(bx + 5, self.y, label, False, fs)
            self.T(self.x1 - 5, self.y, amount, False, fs, "right")
        self.y += 14

    def bottom(self):
        x, lay, fs = self.x, self.lay, self.fs
        for ln in x["extra_lines"] + x["tse"]:
            for part in wrap(ln, self.reg, fs - 0.5, self.cw):
                self.y += fs * 1.35
                self.T(self.x0, self.y, part, False, fs - 0.5)
        if lay.date_place == "bottom":
            self.y += fs * 1.6
            self.T(self.x0, self.y, x["date_s"] + (lay.joiner + x["time_s"] if x["time_s"] else ""))
        self.y += 10
        for i, ln in enumerate(x["footer"]):
            self.y += fs * 1.4
            self.T(self.W / 2, self.y, ln, i == 0, fs, "center")
        if x["barcode"]:
            kind, value = x["barcode"]
            self.y += 10
            if kind == "qr":
                draw_qr(self.doc, value, self.x1 - 56, self.y, 56)
                self.y += 60
            else:
                self.doc.barcode("code128", value, self.x0, self.y, 160, 26)
                self.y += 26 + fs * 1.4
                self.T(self.x0 + 80, self.y, value, False, fs - 1, "center")
        legal = [] if lay.legal_top else list(self.shop.legal)
        yl = max(self.y + 20, self.H - 28 - len(legal) * (fs - 1.5) * 1.3)
        for ln in legal:
            yl += (fs - 1.5) * 1.3
            self.T(self.W / 2, yl, ln, False, fs - 1.5, "center", GRAY)

    def render(self):
        # A long receipt on A5: lay out again in a smaller size until it fits.
        for _ in range(6):
            self.doc = Doc((self.W, self.H))
            self.doc.new_page()
            self.y = self.x0
            self.top()
            self.table()
            self.totals()
            self.payment()
            self.bottom()
            low = max(op[2] for op in self.doc.page.ops if op[0] == "text")
            if low <= self.H - 14:
                break
            self.fs -= 0.5
        return self.doc


def render(content) -> Doc:
    if content.supplier.layout.paper.startswith("roll"):
        return RollRenderer(content).render()
    return PageRenderer(content).render()
