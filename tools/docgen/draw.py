"""Page display lists, fonts, and the reportlab PDF writer.

Documents are first laid out into a list of drawing operations per page
(coordinates in points from the top-left corner, like the boxes of the
architecture contract).  Keeping a display list rather than drawing
straight onto a canvas lets the layout add "Page i/n" once the page count
is known, and gives the printed-text file for free: it is the text
operations in order.
"""
from dataclasses import dataclass, field

from reportlab.graphics.barcode import code128, qr
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import gs1

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
LIBERATION = "/usr/share/fonts/truetype/liberation2/"
FONT_FILES = {
    "DejaVuSans": DEJAVU + "DejaVuSans.ttf",
    "DejaVuSans-Bold": DEJAVU + "DejaVuSans-Bold.ttf",
    "DejaVuSerif": DEJAVU + "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": DEJAVU + "DejaVuSerif-Bold.ttf",
    "DejaVuSansCondensed": DEJAVU + "DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold": DEJAVU + "DejaVuSansCondensed-Bold.ttf",
    "DejaVuSansMono": DEJAVU + "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold": DEJAVU + "DejaVuSansMono-Bold.ttf",
    "LiberationSans": LIBERATION + "LiberationSans-Regular.ttf",
    "LiberationSans-Bold": LIBERATION + "LiberationSans-Bold.ttf",
    "LiberationSerif": LIBERATION + "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": LIBERATION + "LiberationSerif-Bold.ttf",
    "LiberationMono": LIBERATION + "LiberationMono-Regular.ttf",
    "LiberationMono-Bold": LIBERATION + "LiberationMono-Bold.ttf",
}
FONT_FAMILIES = {  # layout font key -> (regular, bold)
    "dejavu_sans": ("DejaVuSans", "DejaVuSans-Bold"),
    "dejavu_serif": ("DejaVuSerif", "DejaVuSerif-Bold"),
    "dejavu_cond": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
    "dejavu_mono": ("DejaVuSansMono", "DejaVuSansMono-Bold"),
    "lib_sans": ("LiberationSans", "LiberationSans-Bold"),
    "lib_serif": ("LiberationSerif", "LiberationSerif-Bold"),
    "lib_mono": ("LiberationMono", "LiberationMono-Bold"),
}
PAPER = {"A4": A4, "Letter": letter}

_registered = False


def register_fonts():
    """Register the TTFs once; reportlab embeds (subsets of) them in each PDF."""
    global _registered
    if _registered:
        return
    for name, path in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, path))
    _registered = True


def width(s: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(s, font, size)


def wrap(text: str, font: str, size: float, max_w: float):
    """Greedy word wrap; joining the lines with one space gives text back."""
    words = text.split(" ")
    lines, cur = [], ""
    for w in words:
        cand = w if not cur else cur + " " + w
        if cur and width(cand, font, size) > max_w:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


def fit_size(s: str, font: str, size: float, max_w: float, min_size: float = 5.5) -> float:
    """Largest size <= size at which s fits max_w (never below min_size)."""
    while size > min_size and width(s, font, size) > max_w:
        size -= 0.25
    return size


@dataclass
class Page:
    ops: list = field(default_factory=list)


@dataclass
class Doc:
    """Display list for one document."""
    size: tuple
    pages: list = field(default_factory=list)
    codes: list = field(default_factory=list)  # barcodes drawn, for the manifest

    @property
    def w(self):
        return self.size[0]

    @property
    def h(self):
        return self.size[1]

    def new_page(self) -> Page:
        self.pages.append(Page())
        return self.pages[-1]

    @property
    def page(self) -> Page:
        return self.pages[-1]

    # -- drawing operations (y = baseline of text, from the top of the page) --

    def text(self, x, y, s, font, size, align="left", color="#000000", page=None):
        s = str(s)
        if not s.strip():
            return 0.0
        (page or self.page).ops.append(("text", x, y, s, font, size, align, color))
        return width(s, font, size)

    def line(self, x1, y1, x2, y2, lw=0.5, style="solid", color="#000000", page=None):
        (page or self.page).ops.append(("line", x1, y1, x2, y2, lw, style, color))

    def rect(self, x, y, w, h, lw=0.5, stroke="#000000", fill=None, style="solid", page=None):
        (page or self.page).ops.append(("rect", x, y, w, h, lw, stroke, fill, style))

    def ellipse(self, x, y, w, h, lw=0.5, stroke="#000000", fill=None, page=None):
        (page or self.page).ops.append(("ellipse", x, y, w, h, lw, stroke, fill))

    def poly(self, points, lw=0.5, stroke="#000000", fill=None, page=None):
        (page or self.page).ops.append(("poly", tuple(points), lw, stroke, fill))

    def barcode(self, kind, value, x, y, w, h, page=None, meta=None):
        """A barcode; (x, y, w, h) is the symbol, top-left origin, without quiet zones."""
        page = page or self.page
        page.ops.append(("barcode", kind, value, x, y, w, h))
        rec = {"page": self.pages.index(page) + 1,
               "format": {"gs1_128": "GS1-128", "code128": "Code128", "qr": "QRCode"}[kind],
               "data": value}
        rec.update(meta or {})
        rec["bbox"] = [round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2)]
        self.codes.append(rec)

    # -- outputs --

    def text_lines(self):
        """Every drawn string in order; a form feed line between pages."""
        out = []
        for i, p in enumerate(self.pages):
            if i:
                out.append("\f")
            out.extend(op[3] for op in p.ops if op[0] == "text")
        return out


# Dotted rules are real dash patterns of short dots (OCR preprocessing must
# remove them just like solid rules).
DASH = {"solid": None, "dotted": (0.7, 1.6), "dashed": (3, 2)}


def _stroke_style(c, lw, style, color):
    c.setLineWidth(lw)
    c.setStrokeColor(HexColor(color))
    dash = DASH[style]
    if dash:
        c.setDash(list(dash), 0)
    else:
        c.setDash([], 0)


def write_pdf(doc: Doc, path: str, title: str = "", author: str = ""):
    register_fonts()
    # invariant=1: no timestamps or random ids, so equal input gives equal bytes.
    # initialFontName: otherwise every page references an unembedded Helvetica.
    first_font = next((op[4] for p in doc.pages for op in p.ops if op[0] == "text"),
                      "DejaVuSans")
    c = canvas.Canvas(path, pagesize=doc.size, invariant=1, pageCompression=1,
                      initialFontName=first_font, initialFontSize=9)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("quai docgen")
    H = doc.h
    for p in doc.pages:
        for op in p.ops:
            kind = op[0]
            if kind == "text":
                _, x, y, s, font, size, align, color = op
                c.setFont(font, size)
                c.setFillColor(HexColor(color))
                if align == "right":
                    c.drawRightString(x, H - y, s)
                elif align == "center":
                    c.drawCentredString(x, H - y, s)
                else:
                    c.drawString(x, H - y, s)
            elif kind == "line":
                _, x1, y1, x2, y2, lw, style, color = op
                _stroke_style(c, lw, style, color)
                c.line(x1, H - y1, x2, H - y2)
            elif kind == "rect":
                _, x, y, w, h, lw, stroke, fill, style = op
                _stroke_style(c, lw, style, stroke or "#000000")
                if fill:
                    c.setFillColor(HexColor(fill))
                c.rect(x, H - y - h, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)
            elif kind == "ellipse":
                _, x, y, w, h, lw, stroke, fill = op
                _stroke_style(c, lw, "solid", stroke or "#000000")
                if fill:
                    c.setFillColor(HexColor(fill))
                c.ellipse(x, H - y - h, x + w, H - y, stroke=1 if stroke else 0,
                          fill=1 if fill else 0)
            elif kind == "poly":
                _, pts, lw, stroke, fill = op
                _stroke_style(c, lw, "solid", stroke or "#000000")
                if fill:
                    c.setFillColor(HexColor(fill))
                path_ = c.beginPath()
                path_.moveTo(pts[0][0], H - pts[0][1])
                for px, py in pts[1:]:
                    path_.lineTo(px, H - py)
                path_.close()
                c.drawPath(path_, stroke=1 if stroke else 0, fill=1 if fill else 0)
            elif kind == "barcode":
                _draw_barcode(c, H, *op[1:])
        c.showPage()
    c.save()


def _draw_barcode(c, H, kind, value, x, y, w, h):
    c.setFillColor(black)
    c.setDash([], 0)
    if kind == "gs1_128":
        # Our own encoder (FNC1 first, sets B/C): one rectangle per bar.
        # (x, y, w, h) is the symbol without its quiet zones.
        widths = gs1.modules(gs1.encode(value))
        m = w / sum(widths)
        pos = 0
        for k, wd in enumerate(widths):
            if k % 2 == 0:
                c.rect(x + pos * m, H - y - h, wd * m, h, stroke=0, fill=1)
            pos += wd
    elif kind == "code128":
        bc = code128.Code128(value, barHeight=h, humanReadable=False, quiet=False)
        bar_w = w / max(bc.width, 1) * bc.barWidth
        bc = code128.Code128(value, barHeight=h, barWidth=bar_w, humanReadable=False,
                             quiet=False)
        bc.drawOn(c, x, H - y - h)
    elif kind == "qr":
        # Draw the modules as rectangles ourselves: renderPDF would leave an
        # unembedded Times-Roman in the page resources.
        widget = qr.QrCodeWidget(value, barLevel="M")
        bx0, by0, bx1, by1 = widget.getBounds()
        sx, sy = w / (bx1 - bx0), h / (by1 - by0)
        for r in widget.draw().contents:
            c.rect(x + (r.x - bx0) * sx, H - y - h + (r.y - by0) * sy, r.width * sx,
                   r.height * sy, stroke=0, fill=1)
