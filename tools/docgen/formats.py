"""Printed formats for dates and numbers, and their normalised truth forms.

Every value that goes on a page is formatted here, and the same function
returns the normalised truth string, so that what is printed and what the
ground truth says can never drift apart.
"""
import calendar
from datetime import date
from decimal import Decimal, ROUND_HALF_UP

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
             "août", "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]
MON_EN = [m[:3].upper() for m in MONTHS_EN]

# Date styles a layout may use (key -> example for 2026-03-12).
DATE_STYLES = {
    "dmy_slash": "12/03/2026",
    "dmy_dot": "12.03.2026",
    "iso": "2026-03-12",
    "fr_long": "12 mars 2026",
    "en_long": "12 March 2026",
    "dmon": "12-MAR-2026",
}
# Expiry may be printed as a full date (same style as other dates) or as
# month/year; month/year means the last day of that month in the truth.
EXPIRY_STYLES = ("date", "my_slash", "my_dot")
NUMBER_STYLES = {"fr": (" ", ","), "en": (",", "."), "de": (".", ",")}


def iso(d: date) -> str:
    return d.isoformat()


def last_day_of_month(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def fmt_date(d: date, style: str) -> str:
    if style == "dmy_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "fr_long":
        # French writes the first day of a month as an ordinal: "1er mars 2026".
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {MONTHS_FR[d.month - 1]} {d.year}"
    if style == "en_long":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "dmon":
        return f"{d.day:02d}-{MON_EN[d.month - 1]}-{d.year}"
    raise ValueError(f"unknown date style {style}")


def date_value(d: date, style: str):
    """(printed, truth) for an ordinary date."""
    return fmt_date(d, style), iso(d)


def expiry_value(d: date, date_style: str, expiry_style: str):
    """(printed, truth) for an expiry date; month/year prints mean month end."""
    if expiry_style == "date":
        return fmt_date(d, date_style), iso(d)
    end = last_day_of_month(d)
    sep = "/" if expiry_style == "my_slash" else "."
    return f"{d.month:02d}{sep}{d.year}", iso(end)


def quantize(x, decimals: int) -> Decimal:
    q = Decimal(1).scaleb(-decimals)
    return Decimal(x).quantize(q, rounding=ROUND_HALF_UP)


def _group(int_digits: str, sep: str) -> str:
    out = []
    while len(int_digits) > 3:
        out.insert(0, int_digits[-3:])
        int_digits = int_digits[:-3]
    out.insert(0, int_digits)
    return sep.join(out)


def fmt_number(x: Decimal, decimals: int, style: str, group: bool = True) -> str:
    """Format a non-negative decimal in a layout's number style."""
    thousands, dec = NUMBER_STYLES[style]
    s = f"{quantize(x, decimals):f}"
    neg = s.startswith("-")
    s = s.lstrip("-")
    int_part, _, frac = s.partition(".")
    if group:
        int_part = _group(int_part, thousands)
    out = int_part + (dec + frac if decimals > 0 else "")
    return ("-" if neg else "") + out


def plain(x: Decimal, decimals: int) -> str:
    """Truth form: '.' decimal mark, no thousands separator."""
    return f"{quantize(x, decimals):f}"


def min_decimals(x: Decimal) -> int:
    """Fewest decimals that show x exactly (12 -> 0, 12.50 -> 1)."""
    t = Decimal(x).normalize()
    exp = t.as_tuple().exponent
    return max(0, -exp)


def qty_value(x: Decimal, mode: str, style: str):
    """(printed, truth) for a quantity.

    mode 'min' prints as few decimals as needed, '2'/'3' print fixed decimals.
    The truth keeps the printed decimals (quantities are 'as printed').
    """
    decimals = min_decimals(x) if mode == "min" else int(mode)
    return fmt_number(x, decimals, style), plain(x, decimals)


def money_value(x: Decimal, style: str, decimals: int = 2):
    """(printed, truth) for an amount without currency mark."""
    return fmt_number(x, decimals, style), plain(x, decimals)


CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def with_currency(num: str, currency: str, display: str) -> str:
    """Attach the currency mark to a printed amount per layout style."""
    sym = CURRENCY_SYMBOLS[currency]
    if display == "symbol_suffix":
        return f"{num} {sym}"
    if display == "symbol_prefix":
        return f"{sym}{num}" if sym != "CHF" else f"CHF {num}"
    if display == "code_suffix":
        return f"{num} {currency}"
    if display == "code_prefix":
        return f"{currency} {num}"
    return num  # 'field': the currency is printed in its own labelled field


def percent(rate: Decimal, style: str) -> str:
    """'20 %' (French spacing) or '20%'; 5.5 -> '5,5 %' in fr/de styles."""
    d = min_decimals(rate)
    num = fmt_number(rate, d, style, group=False)
    return f"{num} %" if style in ("fr", "de") else f"{num}%"
