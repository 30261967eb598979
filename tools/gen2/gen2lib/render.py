"""Draws a Doc on PDF pages with reportlab: letterhead and logo, title, header
block in the supplier's layout, addresses, line table over as many pages as it
needs (header repeated), totals, statements, footer with legal mentions; on
documents meant to be scanned, a receiving stamp and handwritten marks."""

import io
import math
import os

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from . import vocab

_TTF = {
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "LiberationSans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    "LiberationSerif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    "LiberationMono": ("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "Hand": ("dejavu/DejaVuSans-Oblique.ttf", "freefont/FreeSerifItalic.ttf"),
}
_STD = {"Helvetica": ("Helvetica", "Helvetica-Bold"), "Times": ("Times-Roman", "Times-Bold"),
        "Courier": ("Courier", "Courier-Bold")}
_ROOT = "/usr/share/fonts/truetype/"
_registered = {}


def fonts(name):
    """(regular, bold) reportlab font names; falls back to DejaVu when a font is missing."""
    if name in _STD:
        return _STD[name]
    if name not in _registered:
        reg, bold = _TTF[name]
        if not (os.path.exists(_ROOT + reg) and os.path.exists(_ROOT + bold)):
            return fonts("DejaVuSans") if name != "DejaVuSans" else _STD["Helvetica"]
        pdfmetrics.registerFont(TTFont(name, _ROOT + reg))
        pdfmetrics.registerFont(TTFont(name + "-Bold", _ROOT + bold))
        _registered[name] = (name, name + "-Bold")
    return _registered[name]


def covers(font_name, text):
    if font_name in ("Helvetica", "Times", "Courier"):
        try:
            text.encode("cp1252")
            return True
        except UnicodeEncodeError:
            return False
    reg, _ = fonts(font_name)
    face = pdfmetrics.getFont(reg).face
    cmap = face.charToGlyph
    return all(ord(ch) in cmap or ch in "\n" for ch in text)


def sw(text, font, size):
    return pdfmetrics.stringWidth(text, font, size)


class Renderer:
    def __init__(self, doc, rng, scan_marks=False):
        self.doc, self.rng, self.scan_marks = doc, rng, scan_marks
        s = doc.supplier
        self.size = letter if s.country == "US" else A4
        self.W, self.H = self.size
        self.M = 38 + rng.randint(0, 14)
        face = s.font
        if not covers(face, self._all_text()):
            face = "DejaVuSans"
        self.face = face
        self.F, self.FB = fonts(face)
        self.base = {"Courier": 8.0, "LiberationMono": 8.0}.get(face, 8.8) + rng.choice([0, 0.3, 0.6])
        self.color = s.color
        self.title_align = rng.choice(["left", "right", "center"])
        self.addr_side = rng.choice(["right", "left"])
        self.colon = rng.choice([":", " :", ""]) if doc.lang == "fr" else rng.choice([":", ":", ""])

    def _all_text(self):
        d = self.doc
        parts = [d.title, d.subject or "", d.place_date or "", d.supplier.name] + d.supplier.address + d.footer + d.paragraphs
        parts += [f"{l} {v}" for _, l, v in d.header] + d.bare
        parts += [lab for _, lab, _ in d.columns] + [str(v) for r in d.rows for k, v in r.items() if not k.startswith("_")]
        parts += [f"{l} {v}" for l, v in d.totals]
        for h, items in d.sections:
            parts.append(h)
            parts += [f"{l or ''} {v}" for l, v in items]
        if d.tests:
            parts += d.tests[0] + [c for r in d.tests[1] for c in r]
        for lines in d.addresses:
            parts += list(lines[1]) + [lines[0] or ""]
        return "\n".join(parts)

    # ----------------------------------------------------------------- pieces
    def text(self, x, y, s, size=None, bold=False, color=(0, 0, 0), align="l", font=None):
        c = self.c
        f = font or (self.FB if bold else self.F)
        size = size or self.base
        c.setFont(f, size)
        c.setFillColorRGB(*color)
        if align == "r":
            c.drawRightString(x, y, s)
        elif align == "c":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)

    def logo(self, x, y):
        c, s, rng = self.c, self.doc.supplier, self.rng
        c.setFillColorRGB(*self.color)
        c.setStrokeColorRGB(*self.color)
        kind = s.logo
        initials = "".join(w[0] for w in s.name.replace("&", "").split()[:2] if w[0].isalpha()).upper()
        if kind == "circle":
            c.circle(x + 18, y - 18, 18, fill=1, stroke=0)
            self.text(x + 18, y - 23, initials, 13, True, (1, 1, 1), "c")
            return 44
        if kind == "triangle":
            p = c.beginPath()
            p.moveTo(x, y - 36)
            p.lineTo(x + 20, y)
            p.lineTo(x + 40, y - 36)
            p.close()
            c.drawPath(p, fill=1, stroke=0)
            return 48
        if kind == "squares":
            for i in range(3):
                c.rect(x + i * 13, y - 13 - (i % 2) * 13, 11, 11, fill=1, stroke=0)
            return 46
        if kind == "diamond":
            p = c.beginPath()
            p.moveTo(x + 18, y)
            p.lineTo(x + 36, y - 18)
            p.lineTo(x + 18, y - 36)
            p.lineTo(x, y - 18)
            p.close()
            c.drawPath(p, fill=1, stroke=0)
            self.text(x + 18, y - 22, initials[:1], 12, True, (1, 1, 1), "c")
            return 44
        if kind == "bar":
            c.rect(x, y - 36, 6, 36, fill=1, stroke=0)
            return 12
        return 0

    def letterhead(self, y):
        s = self.doc.supplier
        x = self.M
        shift = self.logo(x, y)
        name_size = 13 + self.rng.choice([0, 1, 2, 3])
        if s.logo == "wordmark":
            name_size += 3
        while name_size > 9 and sw(s.name, self.FB, name_size) > (self.W - 2 * self.M) / 2 - shift - 12:
            name_size -= 0.5
        self.text(x + shift, y - 14, s.name, name_size, True, self.color)
        yy = y - 28
        for line in s.address:
            self.text(x + shift, yy, line, self.base - 0.8, False, (0.25, 0.25, 0.25))
            yy -= self.base + 0.8
        self.text(x + shift, yy, f"Tel. {s.phone}", self.base - 0.8, False, (0.25, 0.25, 0.25))
        yy -= self.base + 0.8
        bare_x = x + shift + sw(s.name, self.FB, name_size) + 24
        for v in self.doc.bare:  # a value printed alone beside the logo
            self.text(min(bare_x, self.W - self.M - 120), y - 14, v, self.base + 3, True)
        return yy

    def address_block(self, x, y, width):
        for label, lines in self.doc.addresses:
            if label:
                self.text(x, y, label, self.base - 1, False, (0.4, 0.4, 0.4))
                y -= self.base + 2
            for i, line in enumerate(lines):
                self.text(x, y, line, self.base + 0.5, i == 0)
                y -= self.base + 2.5
            y -= 6
        return y

    def title(self, x0, x1, y, size=None):
        size = size or (15 + self.rng.choice([0, 2, 4]))
        t = self.doc.title
        if self.title_align == "right":
            self.text(x1, y - size, t, size, True, self.color if self.rng.random() < 0.5 else (0, 0, 0), "r")
        elif self.title_align == "center":
            self.text((x0 + x1) / 2, y - size, t, size, True, (0, 0, 0), "c")
        else:
            self.text(x0, y - size, t, size, True, (0, 0, 0))
        return y - size - 10

    # ------------------------------------------------------------ header block
    def header_block(self, x, y, width, items):
        layout = self.doc.supplier.header_layout
        if not items:
            return y
        b = self.base
        F, FB, c = self.F, self.FB, self.c
        if layout in ("inline", "inline_dots", "right"):
            lw = max(sw(l + self.colon, F, b) for _, l, _ in items)
            vw = max(sw(v, FB, b) for _, _, v in items)
            for _, label, value in items:
                if layout == "right":
                    self.text(x, y, value, b, True)
                    self.text(x + vw + 10, y, label, b - 0.8, False, (0.4, 0.4, 0.4))
                elif layout == "inline_dots":
                    self.text(x, y, label, b)
                    lx = x + sw(label, F, b) + 2
                    vx = x + lw + 30
                    dots = "." * max(2, int((vx - lx - 4) / sw(".", F, b)))
                    self.text(lx, y, dots, b, False, (0.5, 0.5, 0.5))
                    self.text(vx, y, value, b, True)
                else:
                    self.text(x, y, label + self.colon, b)
                    self.text(x + lw + 8, y, value, b, True)
                y -= b + 4.5
            return y - 4
        # grid layouts
        ncols = max(1, min(len(items), int(width // 120)))
        cw = width / ncols
        # make cells wide enough for their text
        while ncols > 1 and any(max(sw(v, FB, b), sw(l, F, b - 1)) > cw - 8 for _, l, v in items):
            ncols -= 1
            cw = width / ncols
        rows = [items[i:i + ncols] for i in range(0, len(items), ncols)]
        if layout == "table":
            for row in rows:
                cw_row = width / len(row)
                c.setFillColorRGB(0.88, 0.88, 0.88)
                c.setStrokeColorRGB(0.3, 0.3, 0.3)
                c.setLineWidth(0.6)
                c.rect(x, y - b - 4, width, b + 7, fill=1, stroke=1)
                c.rect(x, y - 2 * b - 12, width, b + 8, fill=0, stroke=1)
                for i, (_, label, value) in enumerate(row):
                    cx = x + i * cw_row
                    if i:
                        c.line(cx, y + 3, cx, y - 2 * b - 12)
                    self.text(cx + 4, y - b + 1, label, b - 1, True)
                    self.text(cx + 4, y - 2 * b - 7, value, b)
                y -= 2 * b + 20
            return y
        if layout == "kvgrid":
            y -= b
            lw = max(sw(l, F, b) for _, l, _ in items) + 10
            vw = max(sw(v, FB, b) for _, _, v in items) + 12
            for _, label, value in items:
                c.setStrokeColorRGB(0.5, 0.5, 0.5)
                c.setLineWidth(0.5)
                c.setFillColorRGB(*[0.85 + 0.1 * k for k in self.color])
                c.rect(x, y - 4, lw, b + 6, fill=1, stroke=1)
                c.rect(x + lw, y - 4, vw, b + 6, fill=0, stroke=1)
                self.text(x + 4, y - 0.5, label, b)
                self.text(x + lw + 5, y - 0.5, value, b, True)
                y -= b + 6
            return y - 8
        for row in rows:  # above, under, boxes
            for i, (_, label, value) in enumerate(row):
                cx = x + i * cw
                if layout == "boxes":
                    c.setStrokeColorRGB(0.35, 0.35, 0.35)
                    c.setLineWidth(0.7)
                    c.roundRect(cx, y - 2 * b - 9, cw - 6, 2 * b + 11, 3, fill=0, stroke=1)
                    self.text(cx + 4, y - b + 1, label.upper() if self.doc.lang != "de" else label, b - 2, False, (0.35, 0.35, 0.35))
                    self.text(cx + 4, y - 2 * b - 4, value, b, True)
                elif layout == "above":
                    self.text(cx, y - b + 1, label, b - 1.5, False, (0.45, 0.45, 0.45))
                    self.text(cx, y - 2 * b - 2, value, b + 0.5, True)
                else:  # under: the value first, its label in small print below
                    self.text(cx, y - b, value, b + 0.5, True)
                    c.setStrokeColorRGB(0.6, 0.6, 0.6)
                    c.setLineWidth(0.4)
                    c.line(cx, y - b - 3, cx + cw - 14, y - b - 3)
                    self.text(cx, y - 2 * b - 3, label, b - 2, False, (0.45, 0.45, 0.45))
            y -= 2 * b + 16
        return y - 8

    # ------------------------------------------------------------------ table
    def table_geometry(self, size):
        d = self.doc
        F, FB = self.F, self.FB
        widths = []
        for key, label, _ in d.columns:
            w = sw(label, FB, size)
            for r in d.rows:
                w = max(w, sw(r.get(key, ""), F, size))
            widths.append(w + 8)
        return widths

    def draw_table_header(self, y, widths, size):
        c, d = self.c, self.doc
        style = d.supplier.table_style
        x = self.M
        total = sum(widths)
        h = size + 7
        if style == "dark_header":
            c.setFillColorRGB(*self.color)
            c.rect(x, y - h + 3, total, h, fill=1, stroke=0)
            col = (1, 1, 1)
        elif style in ("grid", "zebra", "sublines"):
            c.setFillColorRGB(0.86, 0.86, 0.86)
            c.setStrokeColorRGB(0.2, 0.2, 0.2)
            c.setLineWidth(0.6)
            c.rect(x, y - h + 3, total, h, fill=1, stroke=style == "grid")
            col = (0, 0, 0)
        else:
            col = (0, 0, 0)
        for (key, label, align), w in zip(d.columns, widths):
            tx = x + 4 if align == "l" else (x + w - 4 if align == "r" else x + w / 2)
            self.text(tx, y - size + 1, label, size, True, col, align)
            x += w
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.8)
        c.line(self.M, y - h + 3, self.M + total, y - h + 3)
        return y - h - size - 1

    def table(self, y, bottom, new_page):
        d = self.doc
        if not d.columns:
            return y
        avail = self.W - 2 * self.M
        size = self.base
        widths = self.table_geometry(size)
        while sum(widths) > avail and size > 5.5:
            size -= 0.25
            widths = self.table_geometry(size)
        extra = (avail - sum(widths)) / len(widths) if sum(widths) < avail else 0
        widths = [w + extra for w in widths]
        style = d.supplier.table_style
        c = self.c
        y = self.draw_table_header(y, widths, size)
        rh = size + (6 if style != "plain" else 5)
        lot_w = vocab.COLUMNS["lot_number"][d.lang][0]
        exp_w = vocab.COLUMNS["expiry_date"][d.lang][0]
        top_of_rows = y + size + 4
        for i, r in enumerate(d.rows):
            need = rh * (2 if d.meta.get("sublines") else 1)
            if y - need < bottom:
                self.grid_lines(top_of_rows, y + rh - 3, widths, style)
                self.text(self.W - self.M, y - 2, vocab.LABELS["continued"][d.lang][0] if d.family == "train" or self.rng.random() < 0.5
                          else vocab.for_family(vocab.LABELS["continued"][d.lang], d.family)[-1], size - 1, False, (0.3, 0.3, 0.3), "r")
                y = new_page()
                y = self.draw_table_header(y, widths, size)
                top_of_rows = y + size + 4
            if style == "zebra" and i % 2 == 1:
                c.setFillColorRGB(0.93, 0.93, 0.95)
                c.rect(self.M, y - 3, sum(widths), rh, fill=1, stroke=0)
            x = self.M
            for (key, _, align), w in zip(d.columns, widths):
                v = r.get(key, "")
                tx = x + 4 if align == "l" else (x + w - 4 if align == "r" else x + w / 2)
                self.text(tx, y, v, size, False, (0, 0, 0), align)
                x += w
            y -= rh
            if d.meta.get("sublines"):
                parts = []
                if r.get("lot_number"):
                    parts.append(f"{d.supplier.columns['lot_number']}: {r['lot_number']}")
                if r.get("expiry_date"):
                    parts.append(f"{d.supplier.columns['expiry_date']}: {r['expiry_date']}")
                desc_x = self.M + sum(w for (k, _, _), w in zip(d.columns, widths) if k in ("pos", "supplier_article_code", "internal_article_code")) + 4
                self.text(desc_x, y + 2, "   ".join(parts), size - 0.8, False, (0.2, 0.2, 0.2))
                y -= rh - 2
            if style in ("rows", "sublines"):
                c.setStrokeColorRGB(0.7, 0.7, 0.7)
                c.setLineWidth(0.3)
                c.line(self.M, y + rh - 3, self.M + sum(widths), y + rh - 3)
        self.grid_lines(top_of_rows, y + rh - 3, widths, style)
        return y - 4

    def grid_lines(self, top, bottom, widths, style):
        c = self.c
        total = sum(widths)
        c.setStrokeColorRGB(0.2, 0.2, 0.2)
        c.setLineWidth(0.5)
        if style == "grid":
            x = self.M
            c.line(x, top, x, bottom)
            for w in widths:
                x += w
                c.line(x, top, x, bottom)
            c.line(self.M, bottom, self.M + total, bottom)
        elif style != "plain":
            c.line(self.M, bottom, self.M + total, bottom)

    def totals(self, y):
        d = self.doc
        if not d.totals:
            return y
        b = self.base + 0.5
        x1 = self.W - self.M
        lw = max(sw(l, self.F, b) for l, _ in d.totals)
        vw = max(sw(v, self.FB, b) for _, v in d.totals)
        x0 = x1 - lw - vw - 30
        c = self.c
        y -= 6
        boxed = self.rng.random() < 0.5
        for i, (label, value) in enumerate(d.totals):
            last = i == len(d.totals) - 1
            if last and boxed:
                c.setFillColorRGB(0.9, 0.9, 0.9)
                c.rect(x0 - 4, y - 4, x1 - x0 + 8, b + 7, fill=1, stroke=0)
            self.text(x0, y, label, b, last)
            self.text(x1, y, value, b + (1 if last else 0), last, (0, 0, 0), "r")
            y -= b + 6
        return y - 4

    def tests(self, y):
        d = self.doc
        if not d.tests:
            return y
        head, rows = d.tests
        b = self.base
        widths = [max(sw(r[i], self.F, b) for r in rows + [head]) + 16 for i in range(4)]
        extra = (self.W - 2 * self.M - sum(widths)) / 4
        widths = [w + max(0, extra) for w in widths]
        c = self.c
        c.setStrokeColorRGB(0.3, 0.3, 0.3)
        c.setLineWidth(0.5)
        for j, r in enumerate([head] + rows):
            x = self.M
            for i, cell in enumerate(r):
                c.rect(x, y - 4, widths[i], b + 7, fill=0, stroke=1)
                self.text(x + 4, y, cell, b, j == 0)
                x += widths[i]
            y -= b + 7
        return y - 10

    def paragraphs(self, y):
        for p in self.doc.paragraphs:
            words, line = p.split(), ""
            for w in words:
                if sw(line + " " + w, self.F, self.base) > self.W - 2 * self.M:
                    self.text(self.M, y, line.strip())
                    y -= self.base + 3
                    line = ""
                line += " " + w
            self.text(self.M, y, line.strip())
            y -= self.base + 8
        return y

    def sections(self, y, bottom, new_page):
        d = self.doc
        b = self.base
        for head, items in d.sections:
            if y - 3 * (b + 5) < bottom:
                y = new_page()
            self.c.setFillColorRGB(*[0.8 + 0.2 * k for k in self.color])
            self.c.rect(self.M, y - 4, self.W - 2 * self.M, b + 8, fill=1, stroke=0)
            self.text(self.M + 4, y, head[:110], b, True)
            y -= b + 10
            for label, value in items:
                if y < bottom:
                    y = new_page()
                if label:
                    self.text(self.M + 6, y, label + (self.colon if value else ""), b)
                    self.text(self.M + 190, y, value, b, True)
                else:
                    self.text(self.M + 12, y, value, b)
                y -= b + 4
            y -= 6
        return y

    def footer(self, page, pages):
        d = self.doc
        size = self.base - 2.2
        y = self.M - 10
        for line in reversed(d.footer):
            while sw(line, self.F, size) > self.W - 2 * self.M and size > 4.5:
                size -= 0.2
            self.text(self.W / 2, y, line, size, False, (0.35, 0.35, 0.35), "c")
            y += size + 2.5
        word = vocab.LABELS["page"][d.lang][0]
        self.text(self.W - self.M, self.H - 22, f"{word} {page}/{pages}", self.base - 1.5, False, (0.3, 0.3, 0.3), "r")

    # ------------------------------------------------------------ scan marks
    def marks(self):
        c, rng, d = self.c, self.rng, self.doc
        ink = rng.choice([(0.1, 0.2, 0.7), (0.75, 0.1, 0.1), (0.15, 0.15, 0.15), (0.1, 0.45, 0.2)])
        # receiving stamp, rotated, with a date of receipt
        c.saveState()
        x, y = rng.uniform(self.W * 0.45, self.W * 0.7), rng.uniform(self.H * 0.25, self.H * 0.55)
        c.translate(x, y)
        c.rotate(rng.uniform(-18, 18))
        c.setStrokeColorRGB(*ink)
        c.setFillColorRGB(*ink)
        c.setLineWidth(1.6)
        c.roundRect(-8, -30, 150, 46, 6, fill=0, stroke=1)
        c.setFont("Helvetica-Bold", 12)
        c.drawString(0, 0, vocab.RECEIVED_STAMP[d.lang])
        c.setFont("Courier-Bold", 11)
        dd = rng.randint(1, 28)
        c.drawString(0, -20, f"{dd:02d} {rng.choice(['JAN', 'FEV', 'MAR', 'AVR', 'MAI', 'JUN', 'SEP', 'OCT'])} 2026")
        c.restoreState()
        # handwritten tick, initials, a word
        hand, hand2 = fonts("Hand")
        c.saveState()
        c.setStrokeColorRGB(*ink)
        c.setLineWidth(1.3)
        hx, hy = rng.uniform(self.M, self.W * 0.5), rng.uniform(self.H * 0.12, self.H * 0.3)
        p = c.beginPath()
        p.moveTo(hx, hy)
        p.lineTo(hx + 6, hy - 8)
        p.lineTo(hx + 22, hy + 14)
        c.drawPath(p, fill=0, stroke=1)
        p = c.beginPath()
        p.moveTo(hx + 40, hy)
        for k in range(6):
            p.curveTo(hx + 44 + 8 * k, hy + 14, hx + 48 + 8 * k, hy - 10, hx + 52 + 8 * k, hy + rng.uniform(-3, 5))
        c.drawPath(p, fill=0, stroke=1)
        c.translate(hx + 110, hy)
        c.rotate(rng.uniform(-12, 12))
        c.setFillColorRGB(*ink)
        c.setFont(hand2, 15)
        c.drawString(0, 0, rng.choice(vocab.CHECK_WORDS))
        c.restoreState()

    # ------------------------------------------------------------------- page
    def draw(self, c, pages_total=None):
        self.c = c
        d = self.doc
        W, H, M = self.W, self.H, self.M
        state = {"page": 1}
        bottom = M + 10 + 3 * (self.base)

        def new_page():
            self.footer(state["page"], pages_total or 0)
            c.showPage()
            state["page"] += 1
            self.text(M, H - 40, d.supplier.name, self.base + 1, True, self.color)
            ident = next((v for k, _, v in d.header if k.endswith("_number")), "")
            self.text(M + 220, H - 40, f"{d.title} {ident}", self.base, False)
            return H - 62

        y = H - M + 6
        ly = self.letterhead(y)
        half = (W - 2 * M) / 2
        pos = d.supplier.header_pos
        if pos == "right":
            ry = self.title(M + half + 10, W - M, y - 2, 14 + self.rng.choice([0, 2]))
            ry = self.header_block(M + half + 10, ry, half - 10, d.header)
            y = min(ly, ry) - 8
            if d.place_date:
                self.text(W - M, y, d.place_date, self.base, False, (0, 0, 0), "r")
                y -= self.base + 8
            ax = M + half + 20 if self.addr_side == "right" else M
            y = self.address_block(ax, y, half) - 4
        else:
            ax = M + half + 20 if self.addr_side == "right" else M
            ay = self.address_block(ax, ly - 6, half)
            if self.addr_side == "left":
                y = ay - 4
            else:
                y = min(ly, ay) - 4
            if d.place_date:
                self.text(W - M, y, d.place_date, self.base, False, (0, 0, 0), "r")
                y -= self.base + 6
            y = self.title(M, W - M, y)
            if pos == "left":
                y = self.header_block(M, y, half, d.header)
            else:
                y = self.header_block(M, y, W - 2 * M, d.header)
        if d.subject:
            self.text(M, y, d.subject, self.base, True)
            y -= self.base + 10
        y = self.table(y - 4, bottom, new_page)
        if d.totals and y - 16 * len(d.totals) < bottom:
            y = new_page()
        y = self.totals(y)
        if d.tests:
            y = self.tests(y - 6)
        if d.sections:
            y = self.sections(y, bottom, new_page)
        if d.paragraphs:
            if y - 40 < bottom:
                y = new_page()
            y = self.paragraphs(y - 6)
        if d.kind == "delivery_note" and y - 30 > bottom:
            self.text(M, y - 16, vocab.RECEIVED_BY[d.lang], self.base - 0.5, False, (0.3, 0.3, 0.3))
        if self.scan_marks:
            self.marks()
        self.footer(state["page"], pages_total or 0)
        c.showPage()
        return state["page"]


def render_pdf(doc, rng_factory, path, scan_marks=False):
    """rng_factory() gives a fresh, identically seeded rng: the page count is
    found by a first drawing, then the document is drawn again with it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    pages = Renderer(doc, rng_factory(), scan_marks).draw(c)
    r = Renderer(doc, rng_factory(), scan_marks)
    c = canvas.Canvas(path, pagesize=r.size, invariant=1)
    c.setTitle(doc.title)
    c.setAuthor(doc.supplier.name)
    c.setCreator("quai gen2")
    r.draw(c, pages)
    c.save()
    return pages
