"""Number and date styles as suppliers print them, and their inverse (used by --verify)."""

import datetime as dt
import re
from decimal import Decimal, ROUND_HALF_UP

from . import vocab

# name -> (thousands separator, decimal separator); "~" holdout only, "^" train only
NUMBER_STYLES = {
    "fr": (" ", ","),
    "fr_nbsp": ("\u00a0", ","),
    "~fr_nnbsp": ("\u202f", ","),
    "de": (".", ","),
    "en": (",", "."),
    "ch": ("'", "."),
    "~ch_typo": ("\u2019", "."),
    "plain_comma": ("", ","),
    "plain_dot": ("", "."),
}


def number_styles(family):
    return vocab.for_family(list(NUMBER_STYLES), family)


def style_seps(style):
    for key, seps in NUMBER_STYLES.items():
        if key.lstrip("~^") == style:
            return seps
    raise KeyError(style)


def quantize(value, decimals):
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    return Decimal(value).quantize(q, rounding=ROUND_HALF_UP)


def plain(value, decimals):
    """The truth form: plain decimal with a dot, the printed number of decimals."""
    v = quantize(value, decimals)
    return f"{v:.{decimals}f}"


def fmt_number(value, decimals, style, sign="minus"):
    """value: Decimal. sign: minus ("-1 250,00"), trailing ("1.250,00-"), parens ("(1,250.00)")."""
    thousands, point = style_seps(style)
    v = quantize(value, decimals)
    negative = v < 0
    text = f"{abs(v):.{decimals}f}"
    integer, _, fraction = text.partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    out = thousands.join(groups)
    if decimals:
        out += point + fraction
    if negative:
        if sign == "trailing":
            out += "-"
        elif sign == "parens":
            out = "(" + out + ")"
        else:
            out = "-" + out
    return out


def parse_number(text, style):
    """Inverse of fmt_number for a known style; returns a Decimal."""
    thousands, point = style_seps(style)
    t = text.strip()
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    if t.endswith("-"):
        negative, t = True, t[:-1]
    if t.startswith("-"):
        negative, t = True, t[1:]
    if thousands:
        t = t.replace(thousands, "")
    t = t.replace(point, ".")
    v = Decimal(t)
    return -v if negative else v


# --- dates --------------------------------------------------------------------
# name -> languages it is used in ("*" any); "~" holdout only, "^" train only
DATE_FORMS = {
    "dmy_slash": "*",
    "dmy_dot": "de it nl fr",
    "dmy_dot_short": "de nl",
    "dmy_slash_short": "fr es it en",
    "iso": "*",
    "dmy_dash": "nl es it en",
    "d_mon_y": "*",
    "d_month_y": "*",
    "month_d_y": "en",
    "^mdy_slash": "en",
    "~ordinal": "en",
    "~dd_MON_yy": "en fr de",
    "~roman": "de it fr",
    "~ymd_slash": "*",
    "~compact": "de en",
}

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def date_forms(family, lang):
    out = []
    for key in vocab.for_family(list(DATE_FORMS), family):
        langs = DATE_FORMS.get(key) or DATE_FORMS.get("~" + key) or DATE_FORMS.get("^" + key)
        if langs == "*" or lang in langs.split():
            out.append(key)
    return out


def _ordinal(n):
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def fmt_date(d, form, lang, variant=0):
    """variant picks a sub-style (zero padding, abbreviation) deterministically."""
    dd, mm, yyyy = d.day, d.month, d.year
    months = vocab.MONTHS[lang]
    abbr = vocab.MONTHS[lang + "_abbr"]
    if form == "dmy_slash":
        return f"{dd:02d}/{mm:02d}/{yyyy}" if variant % 2 == 0 else f"{dd}/{mm}/{yyyy}"
    if form == "dmy_dot":
        return f"{dd:02d}.{mm:02d}.{yyyy}"
    if form == "dmy_dot_short":
        return f"{dd}.{mm}.{yyyy % 100:02d}" if variant % 2 == 0 else f"{dd:02d}.{mm:02d}.{yyyy % 100:02d}"
    if form == "dmy_slash_short":
        return f"{dd:02d}/{mm:02d}/{yyyy % 100:02d}"
    if form == "iso":
        return f"{yyyy}-{mm:02d}-{dd:02d}"
    if form == "dmy_dash":
        return f"{dd:02d}-{mm:02d}-{yyyy}"
    if form == "d_mon_y":
        if lang == "de":
            return f"{dd:02d} {abbr[mm - 1]} {yyyy}" if variant % 2 == 0 else f"{dd:02d}. {abbr[mm - 1]}. {yyyy}".replace("Mai.", "Mai")
        if lang == "en":
            return f"{dd} {abbr[mm - 1]} {yyyy}" if variant % 2 == 0 else f"{dd:02d}-{abbr[mm - 1]}-{yyyy}"
        return f"{dd} {abbr[mm - 1]} {yyyy}"
    if form == "d_month_y":
        if lang == "de":
            return f"{dd}. {months[mm - 1]} {yyyy}"
        if lang == "es":
            return f"{dd} de {months[mm - 1]} de {yyyy}"
        if lang == "fr" and dd == 1:
            return f"1er {months[mm - 1]} {yyyy}"
        return f"{dd} {months[mm - 1]} {yyyy}"
    if form == "month_d_y":
        return f"{months[mm - 1]} {dd}, {yyyy}" if variant % 2 == 0 else f"{abbr[mm - 1]} {dd}, {yyyy}"
    if form == "mdy_slash":
        return f"{mm:02d}/{dd:02d}/{yyyy}"
    if form == "ordinal":
        return f"{months[mm - 1]} {_ordinal(dd)} {yyyy}" if variant % 2 == 0 else f"{_ordinal(dd)} {months[mm - 1]} {yyyy}"
    if form == "dd_MON_yy":
        m = vocab.MONTHS[lang + "_abbr"][mm - 1].rstrip(".").upper()
        return f"{dd:02d}-{m}-{yyyy % 100:02d}"
    if form == "roman":
        return f"{dd}.{ROMAN[mm - 1]}.{yyyy}"
    if form == "ymd_slash":
        return f"{yyyy}/{mm:02d}/{dd:02d}"
    if form == "compact":
        return f"{yyyy}{mm:02d}{dd:02d}"
    raise KeyError(form)


def _month_index(word):
    w = word.lower().rstrip(".")
    for key, names in vocab.MONTHS.items():
        for i, name in enumerate(names):
            if w == name.lower().rstrip("."):
                return i + 1
    return None


def parse_date(text, form):
    """Independent reading of a printed date (the form only says whether it is month-first)."""
    t = text.strip()
    if form == "compact":
        return dt.date(int(t[:4]), int(t[4:6]), int(t[6:8]))
    m = re.fullmatch(r"(\d{1,2})\.([IVX]+)\.(\d{4})", t)
    if m:
        return dt.date(int(m.group(3)), ROMAN.index(m.group(2)) + 1, int(m.group(1)))
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", t)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})", t)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + 2000 if y < 100 else y
        return dt.date(y, a, b) if form == "mdy_slash" else dt.date(y, b, a)
    words = re.findall(r"[^\s,.\-]+\.?", t.replace("1er", "1"))
    day = month = year = None
    for w in words:
        core = w.rstrip(".")
        if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", core) and day is None:
            day = int(re.match(r"\d+", core).group())
        elif re.fullmatch(r"\d{4}", core):
            year = int(core)
        elif re.fullmatch(r"\d{2}", core) and day is not None:
            year = 2000 + int(core)
        elif core.lower() == "de":
            continue
        else:
            month = month or _month_index(core)
    return dt.date(year, month, day)
