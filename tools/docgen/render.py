"""Lay out one document (Content) as a display list in its supplier's style.

Vertical flow: a cursor `y` (points from the top) moves down the page; every
block returns its height; `ensure(h)` starts a new page when a block would
run into the footer.  Footers (legal text, PO in footer, "Page i/n") are
added at the end, when the page count is known.
"""
import zlib

import gs1
import texts
from draw import FONT_FAMILIES, PAPER, Doc, fit_size, width, wrap

GRAY = "#555555"
LIGHT = "#e6e6e6"


def flag(lay, name: str, mod: int = 2) -> bool:
    """A fixed yes/no per layout (hash of layout id and feature name)."""
    return zlib.crc32(f"{lay.id}/{name}".encode("utf-8")) % mod == 0


def tint(hex_color: str, amount: float = 0.85) -> str:
    """Lighter shade of a colour, for shaded table headers."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    mix = [int(v + (255 - v) * amount) for v in (r, g, b)]
    return "#%02x%02x%02x" % tuple(mix)


class Renderer:
    def __init__(self, content):
        self.c = content
        self.sup = content.supplier
        self.lay = self.sup.layout
        self.h = content.header
        self.t = texts.T[self.lay.lang]
        self.doc = Doc(PAPER[self.lay.paper])
        self.reg, self.bold = FONT_FAMILIES[self.lay.font]
        self.fs = self.lay.size
        self.W, self.H = self.doc.w, self.doc.h
        self.x0 = 40.0
        self.x1 = self.W - 40.0
        self.cw = self.x1 - self.x0
        self.top_margin = 36.0
        self.bottom_margin = 26.0
        self.accent = self.lay.accent
        self.on_new_page = self.continuation_header
        self.footer_h = self.footer_height()
        self.bottom = self.H - self.bottom_margin - self.footer_h - 8
        self.doc.new_page()
        self.y = self.top_margin

    # ------------------------------------------------------------ primitives

    def T(self, x, y, s, bold=False, size=None, align="left", color="#000000"):
        return self.doc.text(x, y, s, self.bold if bold else self.reg, size or self.fs,
                             align, color)

    def lab(self, key, colon=True, **kw):
        text = self.lay.label(key, **kw)
        return text + (self.lay.label_colon if colon else "")

    def para(self, x, y, w, text, size=None, bold=False, color="#000000", leading=1.25):
        """Wrapped paragraph; returns its height."""
        size = size or self.fs
        font = self.bold if bold else self.reg
        lines = wrap(text, font, size, w)
        for i, ln in enumerate(lines):
            self.doc.text(x, y + size + i * size * leading, ln, font, size, "left", color)
        return len(lines) * size * leading

    def para_height(self, w, text, size=None, bold=False, leading=1.25):
        size = size or self.fs
        return len(wrap(text, self.bold if bold else self.reg, size, w)) * size * leading

    def ensure(self, needed):
        if self.y + needed > self.bottom:
            self.new_page()

    def new_page(self):
        self.doc.new_page()
        self.y = self.top_margin
        self.on_new_page()

    def doc_title(self):
        return self.lay.title(self.c.doc_type)

    def number_label(self):
        c = self.c
        key = {"delivery_note": "delivery_note_number", "invoice": "invoice_number",
               "certificate_of_conformity": "certificate_number"}.get(c.doc_type)
        return self.h[key].printed if key else ""

    def continuation_header(self):
        """Small header on pages 2+: who, what, which number."""
        fs = self.fs
        self.T(self.x0, self.y + fs + 1, self.sup.name, True, fs + 1, color=self.accent)
        right = f"{self.doc_title()} {self.number_label()} {self.t['page_cont']}"
        size = fit_size(right, self.bold, fs, self.cw * 0.55)
        self.T(self.x1, self.y + fs + 1, right, True, size, "right")
        self.y += fs + 8
        self.doc.line(self.x0, self.y, self.x1, self.y, 0.6)
        self.y += 10

    # ------------------------------------------------------------ letterhead

    def initials(self):
        words = [w for w in self.sup.name.replace("&", " ").split()
                 if w[0].isupper() and w not in ("SAS", "SARL", "SA", "SRL", "GmbH", "Ltd",
                                                 "Inc.", "LLC", "B.V.", "S.L.", "S.r.l.")]
        if len(words) >= 2:
            return (words[0][0] + words[1][0]).upper()
        return words[0][:2].upper() if words else "X"

    def logo(self, x, y, size):
        lay, a = self.lay, self.accent
        kind = lay.logo
        if kind == "circle":
            self.doc.ellipse(x, y, size, size, 0, None, a)
        elif kind == "square":
            self.doc.rect(x, y, size, size, 0, None, a)
        elif kind == "triangle":
            self.doc.poly([(x, y + size), (x + size / 2, y), (x + size, y + size)], 0, None, a)
        elif kind == "diamond":
            self.doc.poly([(x + size / 2, y), (x + size, y + size / 2), (x + size / 2, y + size),
                           (x, y + size / 2)], 0, None, a)
        elif kind == "bars":
            bw = size / 4
            for i, hh in enumerate((0.55, 0.8, 1.0)):
                self.doc.rect(x + i * bw * 1.35, y + size * (1 - hh), bw, size * hh, 0, None, a)
            return
        ini = self.initials()
        isz = size * (0.42 if kind != "triangle" else 0.3)
        ty = y + size / 2 + isz * 0.36 + (size * 0.12 if kind == "triangle" else 0)
        self.T(x + size / 2, ty, ini, True, isz, "center", "#ffffff")

    def letterhead_lines(self):
        sup, t, lay = self.sup, self.t, self.lay
        one_line = flag(lay, "addr_one_line", 3)
        if one_line:
            addr = [" – ".join(sup.address)]
        else:
            addr = list(sup.address)
        tel = f"{t['tel']} {sup.phone}" if lay.lang == "en" else f"{t['tel']} : {sup.phone}"
        if flag(lay, "contact_one_line"):
            contact = [f"{tel} · {sup.email}", sup.web]
        else:
            contact = [tel, sup.email, sup.web]
        return addr, contact

    def letterhead(self, x, y, w, align):
        """Logo, name, address, contact; returns height."""
        lay, fs = self.lay, self.fs
        addr, contact = self.letterhead_lines()
        wordmark = lay.logo == "text"
        logo = 0 if wordmark else 36
        name_size = fs + (8 if wordmark else 4)
        if align == "center":
            cx, tw = x + w / 2, w
            yy = y
            if logo:
                self.logo(cx - logo / 2, yy, logo)
                yy += logo + 4
            tx, talign = cx, "center"
        else:
            tw = w - (logo + 10 if logo else 0)
            if align == "left":
                if logo:
                    self.logo(x, y, logo)
                tx, talign = x + (logo + 10 if logo else 0), "left"
            else:
                if logo:
                    self.logo(x + w - logo, y, logo)
                tx, talign = x + w - (logo + 10 if logo else 0), "right"
            yy = y
        name_size = fit_size(self.sup.name, self.bold, name_size, tw)
        yy += name_size
        self.T(tx, yy, self.sup.name, True, name_size, talign,
               self.accent if wordmark or flag(lay, "name_accent") else "#000000")
        yy += 3
        small = fs - 0.5
        for ln in addr + contact:
            size = fit_size(ln, self.reg, small, tw)
            yy += small * 1.25
            self.T(tx, yy, ln, False, size, talign, GRAY if flag(lay, "gray_addr") else "#000000")
        if self.lay.po_place == "unlabelled" and "po_number" in self.h:
            # Unlabelled PO: just the number, printed near the letterhead.
            yy += fs + 5
            self.T(tx, yy, self.h["po_number"].printed, True, fs + 1, talign)
        return yy - y + 4

    # ------------------------------------------------------------ header fields

    def header_pairs(self):
        """(label, value) pairs of the document header for this layout."""
        c, lay, h = self.c, self.lay, self.h
        pairs = []
        if c.doc_type == "delivery_note":
            pairs += [(self.lab("delivery_note_number", False), h["delivery_note_number"]),
                      (self.lab("delivery_date", False), h["delivery_date"])]
            extra = [("order_date", "order_date"), ("carrier", "carrier")]
        elif c.doc_type == "invoice":
            pairs += [(self.lab("invoice_number", False), h["invoice_number"]),
                      (self.lab("invoice_date", False), h["invoice_date"]),
                      (self.lab("due_date", False), h["due_date"])]
            extra = [("dn_ref", "dn_ref"), ("order_date", "order_date"), ("buyer_vat", "buyer_vat")]
        else:
            pairs += [(self.lab("certificate_number", False), h["certificate_number"]),
                      (self.lab("issue_date", False), h["issue_date"])]
            extra = []
        if lay.po_place == "header" and "po_number" in h:
            pos = 2 if flag(lay, "po_pos") else len(pairs)
            pairs.insert(pos, (self.lab("po_number", False), h["po_number"]))
        if c.doc_type != "certificate_of_conformity" or flag(lay, "coc_cust"):
            pairs.append((self.lab("customer_number", False), h["customer_number"]))
        for name, key in extra:
            if flag(lay, "hdr_" + name):
                pairs.append((self.lab(name, False), h[key]))
        return [(l, v.printed) for l, v in pairs]

    def fields_list(self, x, y, w, pairs, label_bold=False):
        """'Label : value' lines, values aligned in a column; returns height."""
        fs = self.fs
        colon = self.lay.label_colon
        lw = max(width(l + colon, self.bold if label_bold else self.reg, fs) for l, _ in pairs)
        lw = min(lw + 6, w * 0.55)
        yy = y
        for label, value in pairs:
            yy += fs * 1.45
            lsize = fit_size(label + colon, self.reg, fs, lw - 4)
            self.T(x, yy, label + colon, label_bold, lsize)
            vsize = fit_size(value, self.bold, fs, w - lw)
            self.T(x + lw, yy, value, True, vsize)
        return yy - y + 4

    def fields_cells(self, y, pairs, boxed):
        """Fields in a row of cells, label above value; boxed draws frames."""
        fs, small = self.fs, self.fs - 1.5
        need = max(max(width(l, self.reg, small), width(v, self.bold, fs + 0.5))
                   for l, v in pairs) + 14
        per_row = max(1, min(len(pairs), int(self.cw // need), 5))
        cell_w = self.cw / per_row
        cell_h = fs * 3.0
        yy = y
        for start in range(0, len(pairs), per_row):
            row = pairs[start:start + per_row]
            for i, (label, value) in enumerate(row):
                cx = self.x0 + i * cell_w
                if boxed:
                    fill = tint(self.accent, 0.92) if flag(self.lay, "box_fill", 3) else None
                    self.doc.rect(cx, yy, cell_w, cell_h, 0.7, "#000000", fill)
                lbl = label.upper() if flag(self.lay, "cell_upper", 3) else label
                self.T(cx + 5, yy + small + 3, lbl, False, fit_size(lbl, self.reg, small,
                                                                   cell_w - 8), color=GRAY)
                vsize = fit_size(value, self.bold, fs + 0.5, cell_w - 10)
                self.T(cx + 5, yy + small + 5 + vsize + 2, value, True, vsize)
            yy += cell_h + (0 if boxed else 2)
        return yy - y

    def address_label(self):
        return self.lab("bill_to" if self.c.doc_type == "invoice" else "ship_to", False)

    def address_block(self, x, y, w, label):
        b = self.c.buyer
        fs = self.fs
        yy = y + fs - 1
        self.T(x, yy, label, True, fs - 1, color=GRAY)
        framed = flag(self.lay, "addr_frame")
        lines = [b.name] + list(b.address)
        for i, ln in enumerate(lines):
            yy += fs * 1.3
            self.T(x + (6 if framed else 0), yy, ln, i == 0, fit_size(ln, self.reg, fs, w - 8))
        if framed:
            self.doc.rect(x, y + fs + 2, w, yy - y - fs + 2, 0.5, "#777777")
        return yy - y + 6

    def po_box(self, x, y, w):
        fs = self.fs
        h = fs * 3.4
        self.doc.rect(x, y, w, h, 1.0, self.accent)
        self.T(x + 6, y + fs + 2, self.lab("po_number", False), True, fs - 0.5, color=self.accent)
        self.T(x + 6, y + fs * 2.7 + 2, self.h["po_number"].printed, True, fs + 2)
        return h

    def top(self):
        """Letterhead, title, addressee and header fields; moves self.y."""
        lay, fs = self.lay, self.fs
        title = self.doc_title()
        style = lay.header_style
        pairs = self.header_pairs()
        y0 = self.y
        addr_key = self.address_label()
        kv_done = False
        if lay.letterhead == "center":
            h1 = self.letterhead(self.x0, y0, self.cw, "center")
            yy = y0 + h1 + 6
            tsize = fs + 7
            self.T(self.x0 + self.cw / 2, yy + tsize, title, True, tsize, "center", self.accent)
            self.y = yy + tsize + 14
        else:
            lh_w = self.cw * 0.55
            left = lay.letterhead == "left"
            h1 = self.letterhead(self.x0 if left else self.x1 - lh_w, y0, lh_w, lay.letterhead)
            tx, talign = (self.x1, "right") if left else (self.x0, "left")
            tsize = fit_size(title, self.bold, fs + 7, self.cw * 0.42)
            self.T(tx, y0 + tsize + 2, title, True, tsize, talign, self.accent)
            th = tsize + 10
            if style == "kv_right" and left:
                kv_w = self.cw * 0.42
                th += self.fields_list(self.x1 - kv_w, y0 + th - 4, kv_w, pairs)
                kv_done = True
            if lay.barcode:
                th += self.barcode(tx, y0 + th, talign) + 6
            self.y = y0 + max(h1, th) + 14
        # band 2: addressee, and the fields for the 'left' / 'kv_right' styles
        col_w = self.cw * 0.44
        right_x = self.x1 - col_w
        y2 = self.y
        if style == "left":
            hl = self.fields_list(self.x0, y2 - 4, self.cw * 0.5, pairs)
            ha = self.address_block(right_x, y2, col_w, addr_key)
        elif style == "kv_right" and not kv_done:
            ha = self.address_block(self.x0, y2, col_w, addr_key)
            hl = self.fields_list(right_x, y2 - 4, col_w, pairs)
        else:
            ha = self.address_block(right_x, y2, col_w, addr_key)
            hl = 0
            if style == "kv_right":
                hl = self.contact_person(self.x0, y2)
        self.y = y2 + max(ha, hl) + 10
        if style in ("above", "boxed"):
            self.y += self.fields_cells(self.y, pairs, style == "boxed") + 10
        if lay.po_place == "box" and "po_number" in self.h:
            w = max(self.cw * 0.36, width(self.h["po_number"].printed, self.bold, fs + 2) + 20)
            x = self.x0 if flag(lay, "po_box_left") else self.x1 - w
            self.y += self.po_box(x, self.y, w) + 12

    def barcode(self, x, y, align):
        """Code 128 or QR of the document number (not part of the text file)."""
        value = self.number_label()
        if not value:
            return 0
        if self.lay.barcode == "qr":
            w = h = 44
        else:
            w, h = max(90, 11 * len(value) + 35), 24
        bx = x - w if align == "right" else x
        self.doc.barcode(self.lay.barcode, value, bx, y, w, h)
        return h

    def contact_person(self, x, y):
        """'Your contact' line: realistic filler with a name and phone."""
        fs = self.fs
        who = ("Service client", "Customer service")[self.lay.lang == "en"]
        self.T(x, y + fs, who, True, fs - 0.5, color=GRAY)
        self.T(x, y + fs * 2.3, self.sup.email, False, fs - 0.5)
        return fs * 2.6

    # ------------------------------------------------------------ tables

    def table(self, headers, aligns, rows, wrap_col, size=None, style=None, repeat=None,
              fill=None):
        """Line-item table with page breaks.

        headers: column titles; aligns: 'l'/'r'; rows: lists of cell strings;
        wrap_col: the column that takes the remaining width and wraps.
        """
        lay = self.lay
        style = style or lay.table_style
        repeat = lay.repeat_header if repeat is None else repeat
        fill = lay.header_fill if fill is None else fill
        size = size or self.fs - 0.5
        pad = 3.5
        while True:
            widths = []
            for j, hd in enumerate(headers):
                if j == wrap_col:
                    widths.append(0)
                    continue
                wmax = max([width(hd, self.bold, size)] +
                           [width(r[j], self.reg, size) for r in rows])
                widths.append(wmax + 2 * pad + 2)
            rest = self.cw - sum(widths)
            if rest >= 115 or size <= 6.5:
                break
            size -= 0.5
        widths[wrap_col] = max(rest, 60)
        lead = size * 1.22
        xs = [self.x0]
        for wd in widths:
            xs.append(xs[-1] + wd)

        def cell_x(j):
            return xs[j + 1] - pad if aligns[j] == "r" else xs[j] + pad

        def hline(y, kind="solid", lw=0.5):
            self.doc.line(self.x0, y, xs[-1], y, lw, kind)

        def draw_header():
            hh = size + 2 * pad + 3
            top = self.y
            if fill:
                self.doc.rect(self.x0, top, xs[-1] - self.x0, hh, 0, None, tint(self.accent))
            for j, hd in enumerate(headers):
                self.T(cell_x(j), top + pad + size + 1, hd, True, size, "right"
                       if aligns[j] == "r" else "left")
            if style == "ruled":
                hline(top, lw=0.7)
                hline(top + hh, lw=0.7)
                for x in xs:
                    self.doc.line(x, top, x, top + hh, 0.5)
            elif style == "dotted":
                hline(top, lw=0.7)
                hline(top + hh, lw=0.7)
            self.y = top + hh

        self.ensure(size * 5)
        draw_header()
        first_on_page = True
        for r in rows:
            cells = [wrap(r[j], self.reg, size, widths[j] - 2 * pad) if j == wrap_col else [r[j]]
                     for j in range(len(headers))]
            n = max(len(c) for c in cells)
            rh = n * lead + 2 * pad
            if self.y + rh > self.bottom:
                if style == "dotted":
                    hline(self.y, lw=0.7)
                self.new_page()
                if repeat:
                    draw_header()
                elif style != "unruled":
                    hline(self.y, lw=0.7)
                first_on_page = True
            top = self.y
            for j, lines in enumerate(cells):
                for k, ln in enumerate(lines):
                    self.T(cell_x(j), top + pad + size + k * lead, ln, False, size,
                           "right" if aligns[j] == "r" else "left")
            if style == "ruled":
                hline(top + rh)
                for x in xs:
                    self.doc.line(x, top, x, top + rh, 0.5)
            elif style == "dotted":
                hline(top + rh, "dotted", 0.7)
            self.y = top + rh
            first_on_page = False
        if style == "dotted":
            hline(self.y, lw=0.7)
        self.y += 8
        return xs

    def line_table(self, letters):
        lay = self.lay
        from content import COLUMN_FIELDS
        keys = {"S": "sup_code", "I": "int_code", "D": "desc", "Q": "qty", "U": "unit",
                "L": "lot", "E": "expiry", "P": "unit_price", "A": "amount", "V": "vat"}
        cols = [l for l in letters.split()
                if not (l == "I" and not lay.internal_code)
                and not (l == "U" and lay.qty_unit_merged and self.c.doc_type == "delivery_note")]
        headers = [lay.column(keys[l]) for l in cols]
        aligns = ["r" if l in "QPAV" else "l" for l in cols]
        rows = []
        for row in self.c.lines:
            cells = []
            for l in cols:
                v = row.get(COLUMN_FIELDS[l])
                text = v.printed if v else ""
                if l == "Q" and lay.qty_unit_merged and self.c.doc_type == "delivery_note":
                    text = f"{text} {row['unit'].printed}"
                cells.append(text)
            rows.append(cells)
        return self.table(headers, aligns, rows, cols.index("D"))

    # ------------------------------------------------------------ footer

    def legal_lines(self):
        fs = self.fs - 2
        text = self.sup.legal.format(vat=self.sup.vat)
        lines = wrap(text, self.reg, fs, self.cw)
        if self.c.doc_type == "invoice" and self.sup.bank:
            lines += wrap(self.sup.bank, self.reg, fs, self.cw)
        return lines

    def footer_height(self):
        n = len(self.legal_lines())
        h = n * (self.fs - 2) * 1.3 + self.fs + 6
        if self.lay.po_place == "footer" and "po_number" in self.h:
            h += self.fs * 1.6
        return h

    def draw_footers(self):
        n = len(self.doc.pages)
        fmt = self.lay.page_format()
        fs = self.fs
        for i, page in enumerate(self.doc.pages):
            top = self.H - self.bottom_margin - self.footer_h
            y = top
            if self.lay.po_place == "footer" and "po_number" in self.h:
                y += fs
                lbl = self.lab("po_number")
                wl = self.doc.text(self.x0, y, lbl, self.reg, fs, page=page)
                self.doc.text(self.x0 + wl + 4, y, self.h["po_number"].printed, self.bold, fs,
                              page=page)
                y += fs * 0.6
            if flag(self.lay, "footer_rule", 3) or self.lay.table_style == "ruled":
                self.doc.line(self.x0, y + 2, self.x1, y + 2, 0.4, page=page)
            y += 3
            for ln in self.legal_lines():
                y += (fs - 2) * 1.3
                self.doc.text(self.W / 2, y, ln, self.reg, fs - 2, "center", GRAY, page=page)
            label = fmt.format(i=i + 1, n=n)
            y += fs + 2
            where = zlib.crc32(f"{self.lay.id}/pageno".encode()) % 2
            if where:
                self.doc.text(self.x1, y, label, self.reg, fs - 1, "right", page=page)
            else:
                self.doc.text(self.W / 2, y, label, self.reg, fs - 1, "center", page=page)

    # ------------------------------------------------------------ doc types

    def delivery_note(self):
        self.top()
        self.line_table(self.lay.dn_cols)
        t, fs, h = self.t, self.fs, self.h
        self.ensure(fs * 10)
        wp = self.T(self.x0, self.y + fs, f"{self.lab('packages')} {h['packages'].printed}",
                    False, fs)
        self.T(self.x0 + wp + 24, self.y + fs, f"{self.lab('weight')} {h['weight'].printed}",
               False, fs)
        self.y += fs * 2
        if self.c.extra.get("gs1"):
            # keep the note and the reception boxes below on the same page
            tail = self.para_height(self.cw, t["dn_note"], fs - 1.5) + 8 + fs * 6 + 6
            self.gs1_block(self.c.extra["gs1"], after=tail)
        self.y += self.para(self.x0, self.y, self.cw, t["dn_note"], fs - 1.5, color=GRAY) + 8
        bw = self.cw * 0.48
        self.doc.rect(self.x0, self.y, bw, fs * 6, 0.6)
        self.T(self.x0 + 5, self.y + fs + 2, t["reserves"], True, fs - 1)
        self.doc.rect(self.x1 - bw, self.y, bw, fs * 6, 0.6)
        self.T(self.x1 - bw + 5, self.y + fs + 2, t["received"], True, fs - 1)
        self.T(self.x1 - bw + 5, self.y + fs * 5.3, t["signature_client"], False, fs - 2,
               color=GRAY)
        self.y += fs * 6 + 6

    def invoice(self):
        self.top()
        self.line_table(self.lay.inv_cols)
        self.totals()

    def totals(self):
        lay, h, t, fs = self.lay, self.h, self.t, self.fs
        rows = [(self.lab("total_excl_tax", False), h["total_excl_tax"].printed, False),
                (self.lab("total_tax", False, rate=h["tax_rate"].printed),
                 h["total_tax"].printed, False),
                (self.lab("total_incl_tax", False), h["total_incl_tax"].printed, True)]
        block_h = len(rows) * fs * 1.7 + 10
        notes = []
        terms = t["terms"].format(days=h["terms_days"].printed,
                                  eom=t["eom"] if h["terms_eom"].printed else "")
        notes.append(f"{self.lab('payment_terms')} {terms}")
        if self.sup.reverse_charge:
            notes.append(t["reverse"])
        elif self.sup.tax_rate == 0:
            notes.append(t["no_tax"])
        notes.append(t["late"])
        notes_w = self.cw * 0.5
        notes_h = sum(self.para_height(notes_w, n, fs - 1.5) + 4 for n in notes)
        self.ensure(max(block_h, notes_h) + 10)
        bw = self.cw * 0.44
        bx = self.x1 - bw
        y = self.y
        boxed = lay.table_style == "ruled"
        for i, (label, value, strong) in enumerate(rows):
            rh = fs * 1.7
            if strong:
                self.doc.rect(bx, y, bw, rh, 0.8 if boxed else 0, "#000000" if boxed else None,
                              tint(self.accent, 0.8))
            elif boxed:
                self.doc.rect(bx, y, bw, rh, 0.5)
            elif lay.table_style == "dotted":
                self.doc.line(bx, y + rh, self.x1, y + rh, 0.7, "dotted")
            self.T(bx + 5, y + rh - fs * 0.5, label, strong, fs)
            vsize = fit_size(value, self.bold, fs + (1 if strong else 0), bw * 0.5)
            self.T(self.x1 - 5, y + rh - fs * 0.5, value, strong, vsize, "right")
            y += rh
        ny = self.y
        for n in notes:
            ny += self.para(self.x0, ny, notes_w, n, fs - 1.5) + 4
        self.y = max(y, ny) + 10
        self.ensure(fs * 3)
        self.T(self.x0, self.y + fs, t["thanks"], False, fs - 0.5, color=GRAY)
        self.y += fs * 2

    def certificate(self):
        self.top()
        lay, h, t, fs = self.lay, self.h, self.t, self.fs
        self.y += self.para(self.x0, self.y, self.cw, t["coc_intro"], fs) + 10
        pairs = [(t["product_lbl"], h["product"].printed)]
        if "article_code" in h:  # always, but for tools/lotgen's certificates that name none
            pairs.append((self.lab("article_code", False), h["article_code"].printed))
        if "lot_number" in h:
            pairs.append((self.lab("lot_number", False), h["lot_number"].printed))
        pairs.append((self.lab("mfg_date", False), h["mfg_date"].printed))
        if "expiry_date" in h:
            pairs.append((self.lab("expiry_date", False), h["expiry_date"].printed))
        pairs += [(t["quantity_lbl"], h["quantity"].printed), (t["dn_lbl"], h["dn_ref"].printed)]
        if lay.header_style in ("above", "boxed"):
            self.y += self.fields_cells(self.y, pairs, lay.header_style == "boxed") + 14
        else:
            self.y += self.fields_list(self.x0, self.y, self.cw, pairs, label_bold=True) + 12
        if self.c.extra.get("gs1"):
            self.gs1_block(self.c.extra["gs1"], heading=False, after=fs * 6)
        self.T(self.x0, self.y + fs + 1, t["coc_results"], True, fs + 1, color=self.accent)
        self.y += fs + 8
        tests = self.c.extra["tests"]
        self.table([t["param"], t["spec"], t["result"]], ["l", "l", "r"],
                   [list(r) for r in tests], 0, repeat=True)
        self.y += self.para(self.x0, self.y, self.cw, t["conclusion"], fs, bold=True) + 6
        self.y += self.para(self.x0, self.y, self.cw, t["coc_note"], fs - 1.5, color=GRAY) + 16
        self.ensure(fs * 9)
        name, role = self.c.extra["signer"]
        sx = self.x1 - self.cw * 0.42
        y = self.y
        self.T(sx, y + fs, role, True, fs)
        self.T(sx, y + fs * 2.4, name, False, fs)
        self.doc.line(sx, y + fs * 6, self.x1, y + fs * 6, 0.5)
        self.T(sx, y + fs * 7.2, t["signature"], False, fs - 1.5, color=GRAY)
        # A stamp: a framed word in the accent colour, like an inked stamp.
        stamp = t["stamp"]
        sw = width(stamp, self.bold, fs + 3) + 16
        self.doc.rect(self.x0 + 20, y + 4, sw, fs * 2.8, 1.6, self.accent)
        self.T(self.x0 + 20 + sw / 2, y + fs * 2 + 3, stamp, True, fs + 3, "center", self.accent)
        self.y = y + fs * 8

    # ------------------------------------------------------------ SDS

    def sds_header(self):
        lay, h, fs = self.lay, self.h, self.fs
        y = self.y
        title = lay.title("safety_data_sheet")
        self.T(self.x0, y + fs + 2, self.sup.name, True, fs + 2, color=self.accent)
        self.T(self.x1, y + fs + 2, title, True, fit_size(title, self.bold, fs + 2, self.cw * 0.5),
               "right")
        y += fs + 6
        y += self.para(self.x0, y, self.cw, texts.SDS_REG[lay.lang], fs - 2, color=GRAY) + 2
        self.T(self.x0, y + fs + 1, h["product_name"].printed, True, fs + 1)
        y += fs * 2
        parts = [f"{self.lab('revision_date')} {h['revision_date'].printed}",
                 f"{self.lab('version')} {h['version'].printed}",
                 f"{self.lab('print_date')} {h['print_date'].printed}"]
        x = self.x0
        for p in parts:
            if x > self.x0 and x + width(p, self.reg, fs - 1) > self.x1:
                x, y = self.x0, y + fs * 1.3  # no room left on this line
            x += self.T(x, y + fs - 0.5, p, False, fs - 1) + 18
        y += fs + 4
        self.doc.line(self.x0, y, self.x1, y, 0.8, color=self.accent)
        self.y = y + 8

    def pictogram(self, x, y, s, code):
        """GHS diamond (red frame) with a rough black symbol drawn from shapes."""
        d = self.doc
        d.poly([(x + s / 2, y), (x + s, y + s / 2), (x + s / 2, y + s), (x, y + s / 2)],
               1.8, "#d40000", "#ffffff")
        cx, cy, k = x + s / 2, y + s / 2, s / 30.0
        if code == "GHS02":    # flame
            d.poly([(cx - 5 * k, cy + 6 * k), (cx - 6 * k, cy - 1 * k), (cx - 2 * k, cy + 1 * k),
                    (cx, cy - 8 * k), (cx + 3 * k, cy - 1 * k), (cx + 6 * k, cy),
                    (cx + 5 * k, cy + 6 * k)], 0, None, "#000000")
        elif code == "GHS03":  # flame over circle
            d.ellipse(cx - 5 * k, cy, 10 * k, 6 * k, 0, None, "#000000")
            d.poly([(cx - 3 * k, cy), (cx, cy - 8 * k), (cx + 3 * k, cy)], 0, None, "#000000")
        elif code == "GHS05":  # corrosion: drops on a hand and a bar
            d.rect(cx - 7 * k, cy + 2 * k, 14 * k, 4 * k, 0, None, "#000000")
            d.rect(cx - 5 * k, cy - 7 * k, 2.5 * k, 6 * k, 0, None, "#000000")
            d.rect(cx + 3 * k, cy - 7 * k, 2.5 * k, 6 * k, 0, None, "#000000")
        elif code == "GHS06":  # skull
            d.ellipse(cx - 4.5 * k, cy - 7 * k, 9 * k, 8 * k, 0, None, "#000000")
            d.line(cx - 7 * k, cy + 2 * k, cx + 7 * k, cy + 7 * k, 1.6 * k)
            d.line(cx - 7 * k, cy + 7 * k, cx + 7 * k, cy + 2 * k, 1.6 * k)
        elif code == "GHS07":  # exclamation mark
            d.poly([(cx - 2 * k, cy - 8 * k), (cx + 2 * k, cy - 8 * k), (cx + 1 * k, cy + 3 * k),
                    (cx - 1 * k, cy + 3 * k)], 0, None, "#000000")
            d.rect(cx - 1.5 * k, cy + 5 * k, 3 * k, 3 * k, 0, None, "#000000")
        elif code == "GHS08":  # health hazard: bust with a star on the chest
            d.ellipse(cx - 2.5 * k, cy - 9 * k, 5 * k, 5 * k, 0, None, "#000000")
            d.poly([(cx - 6 * k, cy + 8 * k), (cx - 5 * k, cy - 3 * k), (cx + 5 * k, cy - 3 * k),
                    (cx + 6 * k, cy + 8 * k)], 0, None, "#000000")
            d.poly([(cx, cy - 1 * k), (cx + 2 * k, cy + 3 * k), (cx, cy + 6 * k),
                    (cx - 2 * k, cy + 3 * k)], 0, None, "#ffffff")
        elif code == "GHS09":  # environment: dead tree and fish
            d.line(cx - 3 * k, cy + 7 * k, cx - 3 * k, cy - 8 * k, 1.4 * k)
            d.line(cx - 3 * k, cy - 3 * k, cx - 7 * k, cy - 6 * k, 1.2 * k)
            d.ellipse(cx - 1 * k, cy + 2 * k, 8 * k, 4 * k, 0, None, "#000000")

    def safety_data_sheet(self):
        lay = self.lay
        compact = flag(lay, "sds_compact", 3)
        fs = self.fs - (1.5 if compact else 0.5)
        self.on_new_page = self.sds_header
        self.sds_header()
        sections = texts.sds_sections(lay.lang, self.c, lambda k: self.lab(k, False), compact)
        bar_fill = tint(self.accent, 0.8) if flag(lay, "sds_bar") else LIGHT
        for heading, items in sections:
            hh = self.para_height(self.cw - 8, heading, fs, True) + 5
            self.ensure(hh + fs * 3)
            self.doc.rect(self.x0, self.y, self.cw, hh, 0, None, bar_fill)
            self.para(self.x0 + 4, self.y + 1, self.cw - 8, heading, fs, bold=True)
            self.y += hh + 4
            for item in items:
                self.sds_item(item, fs)
            self.y += 2 if compact else 4

    def sds_item(self, item, fs):
        kind = item[0]
        ind = self.x0 + 8
        w = self.x1 - ind
        if kind == "sub":
            self.ensure(fs * 2)
            self.T(ind - 4, self.y + fs, item[1], True, fs)
            self.y += fs * 1.45
        elif kind == "p":
            hgt = self.para_height(w, item[1], fs)
            self.ensure(hgt)
            self.y += self.para(ind, self.y, w, item[1], fs) + 1.5
        elif kind == "kv":
            label = item[1] + self.lay.label_colon
            lw = width(label, self.reg, fs) + 5
            lines = wrap(item[2], self.bold, fs, w - lw)
            self.ensure(len(lines) * fs * 1.25 + 2)
            self.T(ind, self.y + fs, label, False, fs)
            for i, ln in enumerate(lines):
                self.T(ind + lw, self.y + fs + i * fs * 1.25, ln, True, fs)
            self.y += len(lines) * fs * 1.25 + 1.5
        elif kind == "picto":
            size = 30
            self.ensure(size + fs * 2.5)
            for k, code in enumerate(item[1]):
                x = ind + 4 + k * (size + 14)
                self.pictogram(x, self.y + 2, size, code)
                self.T(x + size / 2, self.y + size + fs + 3, code, False, fs - 1.5, "center")
            self.y += size + fs * 2
        elif kind == "table":
            _, headers, rows = item
            self.table(list(headers), ["l", "l", "l", "r"], [list(r) for r in rows], 0,
                       size=fs - 0.5, repeat=True)

    # ------------------------------------------------------------ GS1 labels

    def gs1_style(self):
        """Module width (pt), bar height (pt), HRI font: fixed per layout."""
        lay = self.lay
        module = (0.75, 0.8, 0.85)[zlib.crc32(f"{lay.id}/gs1_module".encode()) % 3]
        bar_h = (26, 30, 34)[zlib.crc32(f"{lay.id}/gs1_height".encode()) % 3]
        font = "DejaVuSansMono" if flag(lay, "gs1_mono") else self.reg
        return module, bar_h, font

    def gs1_cell(self, label):
        """Size of one label cell: caption, bars with quiet zones, HRI line."""
        module, bar_h, font = self.gs1_style()
        data = gs1.data_string(label["elements"])
        bars_w = gs1.module_count(gs1.encode(data)) * module
        text = gs1.hri(label["elements"])
        hsize = 7.0
        cap = self.gs1_caption(label)
        w = max(bars_w + 2 * gs1.QUIET * module, width(text, font, hsize),
                width(cap, self.reg, self.fs - 2) if cap else 0)
        h = (self.fs + 1 if cap else 0) + bar_h + hsize + 5
        return w, h, bars_w, data, text, cap

    def gs1_caption(self, label):
        fr = self.lay.lang == "fr"
        if label["role"] == "pallet":
            return "Palette 1 – SSCC" if fr else "Pallet 1 – SSCC"
        if label["role"] == "line":
            code = self.c.lines[label["line"]]["supplier_article_code"].printed
            return f"{'Ligne' if fr else 'Line'} {label['line'] + 1} – {code}"
        return ""

    def gs1_flow(self, labels, draw):
        """Lay cells out left to right, wrapping; returns the block height."""
        gap_x, gap_y = 8, 10  # cells include their quiet zones
        x, y, row_h = self.x0, self.y, 0
        for lab in labels:
            w, h, bars_w, data, text, cap = self.gs1_cell(lab)
            if x > self.x0 and x + w > self.x1:
                x, y, row_h = self.x0, y + row_h + gap_y, 0
            if draw:
                module, bar_h, font = self.gs1_style()
                cx = x + w / 2
                yy = y
                if cap:
                    self.T(x, yy + self.fs - 2, cap, False, self.fs - 2, color=GRAY)
                    yy += self.fs + 1
                meta = {"element_string": gs1.element_string(lab["elements"]),
                        "hri": text, "role": lab["role"],
                        "line": lab["line"], "module_mm": round(module * 25.4 / 72, 3)}
                self.doc.barcode("gs1_128", data, cx - bars_w / 2, yy, bars_w, bar_h, meta=meta)
                self.doc.text(cx, yy + bar_h + 7.0 + 1.5, text, font, 7.0, "center")
            x += w + gap_x
            row_h = max(row_h, h)
        return y + row_h - self.y

    def gs1_block(self, labels, heading=True, after=0.0):
        """GS1-128 labels: all of them if they fit on this page (up to six
        line labels) with `after` points of what follows, else the pallet
        label and the first line's only (on a new page if needed)."""
        fs = self.fs
        head_h = fs + 6 if heading else 0
        lines = [lab for lab in labels if lab["role"] == "line"]
        need = head_h + self.gs1_flow(labels, False) + 10 + after
        if len(lines) > 6 or self.y + need > self.bottom:
            first = [lab for lab in labels if lab["role"] != "line"] + \
                    [lab for lab in lines if lab["line"] == 0]
            if first != labels:
                labels = first
                need = head_h + self.gs1_flow(labels, False) + 10 + after
            self.ensure(need)
        if heading:
            fr = self.lay.lang == "fr"
            title = ("Identification logistique GS1" if fr else "GS1 logistic labels")
            self.T(self.x0, self.y + fs - 0.5, title, True, fs - 0.5, color=self.accent)
            self.y += head_h
        self.y += self.gs1_flow(labels, True) + 10

    # ------------------------------------------------------------ entry

    def render(self) -> Doc:
        getattr(self, {"delivery_note": "delivery_note", "invoice": "invoice",
                       "certificate_of_conformity": "certificate",
                       "safety_data_sheet": "safety_data_sheet"}[self.c.doc_type])()
        self.draw_footers()
        return self.doc


def render(content) -> Doc:
    if content.doc_type == "receipt":
        import render_receipt
        return render_receipt.render(content)
    if content.doc_type == "other":
        import render_other
        return render_other.OtherRenderer(content).render()
    return Renderer(content).render()
