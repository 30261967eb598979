"""GS1 element strings, a GS1-128 (Code 128) encoder, and a decoder to check it.

reportlab's Code128 widget picks its own start code and code-set changes, so
the bars of GS1 labels come from the small encoder here (code sets B and C,
FNC1 = symbol 102, start C when the data begin with two digits, checksum
mod 103) and are drawn as rectangles by draw.py.  decode_widths() reads a
row of bar/space widths back to symbol values, checks the checksum and
returns the data, so verify.py can decode what was rendered without zxing.

An element string is a list of (AI, value) pairs.  The barcode data is the
concatenation of AI+value, with FNC1 (written GS, \\x1d, as zxing returns
it) after a variable-length element that is not the last one.
"""
import re
from datetime import date

GS = "\x1d"
FNC1 = 102
START_B, START_C, STOP = 104, 105, 106
CODE_B, CODE_C = 100, 99          # code-set switches (same values in sets B and C)
MAX_DATA = 48                     # GS1 General Specifications: data characters per symbol
QUIET = 10                        # quiet zone, modules each side

# Bar/space widths (modules) of the Code 128 symbols 0..106 (106: stop, 7 elements).
PATTERNS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312",
    "132212", "221213", "221312", "231212", "112232", "122132", "122231", "113222",
    "123122", "123221", "223211", "221132", "221231", "213212", "223112", "312131",
    "311222", "321122", "321221", "312212", "322112", "322211", "212123", "212321",
    "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121",
    "313121", "211331", "231131", "213113", "213311", "213131", "311123", "311321",
    "331121", "312113", "312311", "332111", "314111", "221411", "431111", "111224",
    "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112",
    "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113",
    "114311", "411113", "411311", "113141", "114131", "311141", "411131", "211412",
    "211214", "211232", "2331112",
)
_BY_PATTERN = {p: v for v, p in enumerate(PATTERNS[:106])}

# Application identifiers used here: (title, fixed length or None, max length, numeric).
AIS = {
    "00": ("SSCC", 18, 18, True),
    "01": ("GTIN", 14, 14, True),
    "02": ("CONTENT", 14, 14, True),
    "10": ("BATCH/LOT", None, 20, False),
    "11": ("PROD DATE", 6, 6, True),
    "15": ("BEST BEFORE", 6, 6, True),
    "17": ("USE BY", 6, 6, True),
    "37": ("COUNT", None, 8, True),
    "400": ("ORDER NUMBER", None, 30, False),
}
# AIs whose length is predefined by their first two digits (GS1 Gen. Specs
# fig. 7.8.5-2): no FNC1 separator is needed after them.
PREDEFINED = {"00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18",
              "19", "20", "31", "32", "33", "34", "35", "36", "41"}
# GS1 AI encodable character set 82.
CSET82 = re.compile(r"^[A-Za-z0-9!\"%&'()*+,\-./:;<=>?_]*$")


# ---------------------------------------------------------------- GS1 values

def check_digit(digits: str) -> str:
    """GS1 mod-10 check digit for GTIN/SSCC bodies (weights 3,1 from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def valid_check_digit(number: str) -> bool:
    return number.isdigit() and check_digit(number[:-1]) == number[-1]


def yymmdd(d: date, day_unknown: bool = False) -> str:
    """GS1 date; day 00 means the last day of the month (month/year expiries)."""
    return f"{d.year % 100:02d}{d.month:02d}{0 if day_unknown else d.day:02d}"


def encodable(ai: str, value: str) -> bool:
    _, fixed, max_len, numeric = AIS[ai]
    if not value or len(value) > max_len or (fixed and len(value) != fixed):
        return False
    if numeric:
        return value.isdigit()
    return bool(CSET82.match(value))


def data_string(elements) -> str:
    """Barcode data (without the leading FNC1): AI+value, GS after variable fields."""
    out = []
    for i, (ai, value) in enumerate(elements):
        out.append(ai + value)
        if i < len(elements) - 1 and ai[:2] not in PREDEFINED:
            out.append(GS)
    return "".join(out)


def data_length(elements) -> int:
    """Data characters counted against the 48 limit (AIs, values, separators)."""
    return len(data_string(elements))


def hri(elements) -> str:
    """Human-readable interpretation: '(01) 03453120000011 (17) 270331 (10) ABC123'."""
    return " ".join(f"({ai}) {value}" for ai, value in elements)


def element_string(elements) -> str:
    """Canonical element string: '(01)03453120000011(17)270331(10)ABC123'."""
    return "".join(f"({ai}){value}" for ai, value in elements)


def pack(elements, limit=MAX_DATA):
    """Split element strings over as few symbols as needed, keeping the order."""
    out, cur = [], []
    for e in elements:
        if cur and data_length(cur + [e]) > limit:
            out.append(cur)
            cur = []
        cur.append(e)
    if cur:
        out.append(cur)
    return out


def parse(data: str):
    """Split GS1 barcode data (GS separators) back into (AI, value) pairs."""
    out, i = [], 0
    while i < len(data):
        ai = data[i:i + 2] if data[i:i + 2] in AIS else data[i:i + 3]
        if ai not in AIS:
            raise ValueError(f"unknown AI at {data[i:]!r}")
        i += len(ai)
        fixed = AIS[ai][1]
        if fixed and ai[:2] in PREDEFINED:
            value, i = data[i:i + fixed], i + fixed
        else:
            end = data.find(GS, i)
            end = len(data) if end < 0 else end
            value, i = data[i:end], end + 1
        out.append((ai, value))
    return out


# ---------------------------------------------------------------- Code 128

def _digit_run(s, i):
    n = 0
    while i + n < len(s) and s[i + n].isdigit():
        n += 1
    return n


def _b_value(ch):
    if ch == GS:
        return FNC1
    o = ord(ch)
    if not 32 <= o <= 127:
        raise ValueError(f"not encodable in code set B: {ch!r}")
    return o - 32


def encode(data: str, gs1: bool = True):
    """Symbol values start..checksum..stop for data (GS = FNC1 separator)."""
    i, syms = 0, []
    run = _digit_run(data, 0)
    cset = "C" if run >= 2 else "B"
    syms.append(START_C if cset == "C" else START_B)
    if gs1:
        syms.append(FNC1)
    while i < len(data):
        if data[i] == GS:
            syms.append(FNC1)  # valid in both sets
            i += 1
            continue
        run = _digit_run(data, i)
        if cset == "C":
            if run >= 2:
                syms.append(int(data[i:i + 2]))
                i += 2
                continue
            syms.append(CODE_B)
            cset = "B"
        # Code set B: go to C for 4+ digits (an odd run keeps its first digit in B),
        # or for the last 2+ digits of the data.
        if run >= 4 or (run >= 2 and i + run == len(data)):
            if run % 2:
                syms.append(_b_value(data[i]))
                i += 1
            syms.append(CODE_C)
            cset = "C"
            continue
        syms.append(_b_value(data[i]))
        i += 1
    check = (syms[0] + sum(v * k for k, v in enumerate(syms[1:], 1))) % 103
    return syms + [check, STOP]


def modules(symbols):
    """Alternating bar/space widths in modules, starting with a bar."""
    return [int(c) for v in symbols for c in PATTERNS[v]]


def module_count(symbols) -> int:
    return sum(modules(symbols))


def decode_widths(widths, gs1: bool = True):
    """Inverse of modules(encode(data)): widths (any unit, bar first, from the
    start symbol to the end of the stop pattern).  Returns the data with GS
    for FNC1 separators; raises ValueError when the pattern is not valid."""
    if len(widths) < 19 or (len(widths) - 7) % 6:
        raise ValueError(f"{len(widths)} elements is not a Code 128 symbol count")
    syms = []
    for k in range(0, len(widths) - 7, 6):
        group = widths[k:k + 6]
        unit = sum(group) / 11.0
        mods = [max(1, min(4, int(round(w / unit)))) for w in group]
        pat = "".join(map(str, mods))
        if sum(mods) != 11 or pat not in _BY_PATTERN:
            raise ValueError(f"symbol {k // 6}: bad pattern {pat}")
        syms.append(_BY_PATTERN[pat])
    stop = widths[-7:]
    unit = sum(stop) / 13.0
    if "".join(str(max(1, min(4, int(round(w / unit))))) for w in stop) != PATTERNS[STOP]:
        raise ValueError("no stop pattern")
    *body, check = syms
    if body[0] not in (103, START_B, START_C):
        raise ValueError("no start symbol")
    if (body[0] + sum(v * k for k, v in enumerate(body[1:], 1))) % 103 != check:
        raise ValueError("checksum mismatch")
    cset = {103: "A", START_B: "B", START_C: "C"}[body[0]]
    vals = body[1:]
    if gs1:
        if not vals or vals[0] != FNC1:
            raise ValueError("no FNC1 in first position")
        vals = vals[1:]
    out = []
    for v in vals:
        if v == FNC1:
            out.append(GS)
        elif cset == "C":
            if v == CODE_B:
                cset = "B"
            elif v < 100:
                out.append(f"{v:02d}")
            else:
                raise ValueError(f"unsupported symbol {v} in set C")
        else:
            if v == CODE_C:
                cset = "C"
            elif v < 96:
                out.append(chr(v + 32))
            else:
                raise ValueError(f"unsupported symbol {v} in set {cset}")
    return "".join(out)


def scan_row(row, threshold=None):
    """Widths of the bars and spaces of a Code 128 symbol in one pixel row
    (sequence of grey levels, dark = bar).  Starts at the first bar and ends
    after the stop pattern's final bar."""
    vals = list(row)
    if threshold is None:
        threshold = (min(vals) + max(vals)) / 2
    dark = [v < threshold for v in vals]
    runs, cur, n = [], None, 0
    for d in dark:
        if d == cur:
            n += 1
        else:
            if cur is not None:
                runs.append((cur, n))
            cur, n = d, 1
    runs.append((cur, n))
    while runs and not runs[0][0]:
        runs.pop(0)
    while runs and not runs[-1][0]:
        runs.pop()
    return [n for _, n in runs]


def self_test():
    """Round trips and the pattern table against reportlab's own Code 128 table."""
    from reportlab.graphics.barcode import code128 as rl
    for v, p in enumerate(PATTERNS):
        rl_p = rl.__dict__["_patterns"][v] if "_patterns" in rl.__dict__ else None
        if rl_p is None:
            break
        widths = "".join(str("abcdABCD".index(c) % 4 + 1) for c in rl_p)
        assert widths == p, f"symbol {v}: {p} != reportlab {widths}"
    for p in PATTERNS[:106]:
        assert sum(map(int, p)) == 11 and len(p) == 6
    assert sum(map(int, PATTERNS[STOP])) == 13
    cases = [[("01", "03453120000011"), ("17", "270300"), ("10", "ABC123")],
             [("00", "034531200000000011"), ("400", "PO-2025-12345")],
             [("10", "L25123-04"), ("400", "4500123456")],
             [("01", "13012345000016"), ("10", "7"), ("400", "CA/25/1234")],
             [("10", "a1b2c3d4e5f6g7h8i9j0")]]
    for els in cases:
        data = data_string(els)
        syms = encode(data)
        assert decode_widths(modules(syms)) == data, els
        assert parse(data) == els, els
    assert check_digit("0345312000001") == "1"          # GTIN 03453120000011
    assert valid_check_digit("106141411234567897")       # SSCC example, GS1 Gen. Specs
    return True
