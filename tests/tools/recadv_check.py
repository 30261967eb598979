#!/usr/bin/env python3
"""Independent validator of EANCOM RECADV (receiving advice) interchanges.

  python3 tests/tools/recadv_check.py FILE.edi [--json] [--strict]

Prints each problem as "FILE: segment N (TAG): problem" (N counts the segments of
the interchange, UNB = 1; UNA is not a segment) and exits 1 on any error, 0 when
valid. With --json it prints the parsed message on stdout (errors still go to
stderr): {"interchange": {...}, "header": {...}, "lines": [{"line", "item",
"item_type", "quantities": {qualifier: number}, "variances": [...], "lot",
"expiry", "dates": {qualifier: value}, "order", "references": {...}}]};
an interchange with several messages prints {"interchange": ..., "messages":
[{"header", "lines"}, ...]}. --strict also refuses the code values this checker
accepts beyond the EANCOM RECADV restricted lists (marked "extension" below).

Written from the specifications, not from quai's writer. Sources consulted
(through the project's stored copies of public pages):
  * EANCOM 1997 Part II, RECADV version 003 (GS1, ref.gs1.org/standards/eancom/1997,
    HTML/RECADV/SD1.HTM segment descriptions; GD2 BGM "BGM+352::9+REC5488+9'",
    GD3 header DTM 35/50/137/200, GDG LIN EN/UP, GDJ QVR "QVR+40:195+AC'",
    GDK line DTM 61/200/360, GDF GIN BJ) and the EANCOM 2000 copy at
    gs1.se/EANCOM 2000/recadv/gd1.htm (UNH "UNH+ME000001+RECADV:D:96A:UN:EAN003'").
  * EANCOM 2002 S3/S4 Part II, RECADV (eancom.com/ean02s3|ean02s4/part2/recadv/:
    058 NAD BY/DP/DEQ/SU/UC with C082 GLN and 3055 = 9; 0521 LIN with SRV;
    0524 QTY 12/21/46/48/59/66/192/194 "QTY+194:150'"; 0530 PCI 17/33E;
    0533 GIN BJ in SG31) and GS1 Germany's EANCOM 2002 RECADV profiles
    (publikationen.gs1-germany.de eancom_v9.3 profiles s3/s4 recadv 044 BGM 632 with
    functions 5/9/27/29/31 "BGM+632+REC5488+9'", 045 header DTM 35/50/137/178/200/
    369/772/773/774/98E); UNH "RECADV:D:01B:UN:EAN008'" (ean02s3 051).
  * Batch and best-before/expiry data: EANCOM DESADV (1997 GDP GIN BJ/BN/BX/EU;
    2002 S3 0539 line DTM 36/361; GS1 in Europe eDESADV PIA+1+...:NB::91) and
    INSDES/HANMOV GIN BX - these are the GS1 conventions, accepted here in RECADV
    as an extension because the RECADV pages found list only GIN BJ and line DTM
    61/200/360.
  * UN/EDIFACT syntax (ISO 9735 v3/v4) as summarized in EANCOM Part I section 5
    (eancom.com/ean02s3/part1/part1_05.htm): UNA service string advice, release
    character, UNB/UNZ and UNH/UNT counts and references.

Message layout validated (M = mandatory, C = conditional, max repeats):
  UNH M1    0062 ref; S009 RECADV:D:96A:UN:EAN003 (EANCOM 1997) or
            RECADV:D:01B:UN:EAN005..EAN009 (EANCOM 2002)
  BGM M1    C002 1001 = 352 with 3055 = 9 (1997) | 632 (2002); 1004 number (an..35);
            1225 function 5/9 (1997) | 5/9/27/29/31 (2002)
  DTM M10   2005 137 (exactly one, mandatory), 50 goods receipt (at most one),
            35, 200 (+178/369/772/773/774/98E in 2002); 2379 102/203/718
  SG1 C10   RFF M1 (ON, DQ, AAK, VN, CT, AAJ, AAU, ALO, IV, PK) - DTM C1
  SG4 M10 (1997) / M99 (2002)
            NAD M1 (BY, SU, DP, DEQ, UC; C082 3039 GLN n13 with check digit,
            3055 = 9) - SG5 C10 [RFF M1 - DTM C1] - SG6 C10 [CTA M1 - COM C5]
            DP and SU (or DEQ) are required: the sender and recipient of the goods.
  SG16 C9999 CPS M1 (7164 numeric)
    SG17 C9999 PAC M1 - QVR C10 - SG18 C999 [PCI M1 - SG20 C999 [GIN M1]]
    SG22 C9999 LIN M1 (1082 line number, unique; C212 7140 GTIN with check digit,
               7143 EN/UP (1997) | SRV (2002))
               PIA C10 (4347 1/5; 7143 e.g. SA, IN, NB batch number, SN, GD)
               IMD C10
               QTY C10 (6063 12, 21, 46, 48, 59, 66, 192, 194; 194 mandatory per line;
                        6060 numeric; 6411 optional)
               QVR C10 (6064 signed numeric; 6063 12, 21, 46, 48, 61, 124, 194, 195, 196;
                        4221 optional)
               DTM C5  (61, 200, 360; extension: 36 expiry, 361 best before, 94)
               FTX C10
               SG28 C10 [RFF M1 (ON, DQ, AAK, VN, CT) - DTM C1]
               SG29 C9999 [PCI M1 (4233 17, 33E, 36E) - QTY C10 - QVR C10 -
                           SG31 C10 [GIN M1 (BJ; extension: BX batch, BN serial)]]
  UNS C1    0081 = S
  CNT C10   6069 2 = number of LIN segments (checked), 1 = sum of quantities
  UNT M1    0074 = segments from UNH to UNT inclusive; 0062 = UNH 0062
Envelope: [UNA] UNB (S001 UNOA..UNOY:1-4, S002/S003 id[:qualifier], S004 date:time,
0020 control ref) ... UNZ (0036 = number of messages, 0020 = UNB 0020).
Functional groups (UNG/UNE) are refused (EANCOM does not use them here).
"""

import datetime
import json
import re
import sys
from decimal import Decimal, InvalidOperation

DEFAULT_UNA = {"component": ":", "element": "+", "decimal": ".", "release": "?",
               "reserved": " ", "terminator": "'"}

UNOA_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-()/='+:?!\"%&*;<>")


class Segment:
    def __init__(self, number, elements):
        self.number = number          # 1-based position in the interchange (UNB = 1)
        self.elements = elements      # list of elements, each a list of components
        self.tag = elements[0][0] if elements and elements[0] else ""
        self.context = None           # segment group, set by the structure check (None: unmatched)

    def el(self, index, component=0):
        """Element `index` (1-based after the tag), component `component`; "" if absent."""
        if index >= len(self.elements):
            return ""
        element = self.elements[index]
        return element[component] if component < len(element) else ""


class Report:
    def __init__(self, name):
        self.name = name
        self.errors = []

    def add(self, segment, problem):
        if isinstance(segment, Segment):
            where = f"segment {segment.number} ({segment.tag or '?'})"
        else:
            where = f"segment {segment[0]} ({segment[1]})"
        self.errors.append(f"{self.name}: {where}: {problem}")


# ---------------------------------------------------------------- syntax level

def tokenize(text, report):
    """Splits the interchange into segments, honouring UNA and the release character."""
    una = dict(DEFAULT_UNA)
    position = 0
    has_una = text.startswith("UNA")
    if has_una:
        if len(text) < 9:
            report.add((0, "UNA"), "UNA service string advice shorter than its 6 characters")
            return una, []
        chars = text[3:9]
        una = dict(zip(("component", "element", "decimal", "release", "reserved", "terminator"), chars))
        separators = [una["component"], una["element"], una["release"], una["terminator"]]
        if len(set(separators)) != 4:
            report.add((0, "UNA"), f"UNA separators are not distinct: {chars!r}")
        if una["decimal"] not in ".,":
            report.add((0, "UNA"), f"UNA decimal mark {una['decimal']!r} is neither '.' nor ','")
        position = 9
    component, element, release, terminator = (una["component"], una["element"],
                                               una["release"], una["terminator"])
    specials = {component, element, release, terminator}
    segments = []
    elements, components, current = [], [], []
    started = False
    index = position
    length = len(text)
    while index < length:
        char = text[index]
        if not started and char in "\r\n":
            index += 1  # line breaks between segments are tolerated
            continue
        started = True
        if char == release and release != " ":
            if index + 1 >= length:
                report.add((len(segments) + 1, _tag_of(elements, components, current)),
                           "release character at the end of the file releases nothing (unterminated)")
                index += 1
                current.append(char)
                break
            following = text[index + 1]
            if following not in specials:
                report.add((len(segments) + 1, _tag_of(elements, components, current)),
                           f"release character {release!r} before {following!r}, which is not a separator")
            current.append(following)
            index += 2
            continue
        if char == component:
            components.append("".join(current))
            current = []
        elif char == element:
            components.append("".join(current))
            elements.append(components)
            components, current = [], []
        elif char == terminator:
            components.append("".join(current))
            elements.append(components)
            segments.append(Segment(len(segments) + 1, elements))
            elements, components, current = [], [], []
            started = False
        else:
            current.append(char)
        index += 1
    if started and (elements or components or current):
        components.append("".join(current))
        elements.append(components)
        segment = Segment(len(segments) + 1, elements)
        report.add(segment, f"segment not terminated by {terminator!r} at the end of the file")
        segments.append(segment)
    for segment in segments:
        if not re.fullmatch(r"[A-Z][A-Z0-9]{2}", segment.tag):
            report.add(segment, f"segment tag {segment.tag!r} is not three upper-case letters or digits")
    return una, segments


def _tag_of(elements, components, current):
    if elements:
        return elements[0][0] or "?"
    if components:
        return components[0] or "?"
    return ("".join(current) or "?")[:3]


# ---------------------------------------------------------------- value checks

def gs1_check_digit_ok(digits):
    if not digits.isdigit() or len(digits) < 2:
        return False
    body, check = digits[:-1], int(digits[-1])
    total = 0
    for offset, char in enumerate(reversed(body)):
        total += int(char) * (3 if offset % 2 == 0 else 1)
    return (10 - total % 10) % 10 == check


def parse_number(text, una, signed=False):
    """An EDIFACT numeric value (decimal mark '.' or ','), or None when malformed."""
    pattern = r"-?\d+([.,]\d+)?|-?[.,]\d+" if signed else r"\d+([.,]\d+)?|[.,]\d+"
    if not re.fullmatch(pattern, text or ""):
        return None
    digits = len(re.sub(r"\D", "", text))
    if digits > 15:
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def json_number(value):
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def date_ok(value, fmt):
    try:
        if fmt == "102":
            return len(value) == 8 and bool(datetime.datetime.strptime(value, "%Y%m%d"))
        if fmt == "203":
            return len(value) == 12 and bool(datetime.datetime.strptime(value, "%Y%m%d%H%M"))
        if fmt == "718":
            first, dash, last = value.partition("-")
            return (dash == "-" and len(first) == 8 and len(last) == 8
                    and datetime.datetime.strptime(first, "%Y%m%d") <= datetime.datetime.strptime(last, "%Y%m%d"))
    except ValueError:
        return False
    return False


# ---------------------------------------------------------------- profiles

PROFILES = {
    "1997": {
        "name": "EANCOM 1997 RECADV 003 (D.96A)",
        "bgm_codes": {"352"}, "bgm_agency": "9", "bgm_functions": {"5", "9"},
        "header_dtm": {"35", "50", "137", "200"},
        "lin_types": {"EN", "UP"}, "nad_max": 10,
    },
    "2002": {
        "name": "EANCOM 2002 RECADV (D.01B)",
        "bgm_codes": {"632"}, "bgm_agency": None, "bgm_functions": {"5", "9", "27", "29", "31"},
        "header_dtm": {"35", "50", "137", "178", "200", "369", "772", "773", "774", "98E"},
        "lin_types": {"SRV"}, "nad_max": 99,
    },
}

HEADER_RFF = {"ON", "DQ", "AAK", "VN", "CT", "AAJ", "AAU", "ALO", "IV", "PK"}
LINE_RFF = {"ON", "DQ", "AAK", "VN", "CT"}
NAD_QUALIFIERS = {"BY", "SU", "DP", "DEQ", "UC"}
QTY_QUALIFIERS = {"12", "21", "46", "48", "59", "66", "192", "194"}
QVR_QUALIFIERS = {"12", "21", "46", "48", "61", "124", "194", "195", "196"}
LINE_DTM = {"61", "200", "360"}
LINE_DTM_EXTENSION = {"36", "361", "94"}
GIN_QUALIFIERS = {"BJ"}
GIN_EXTENSION = {"BX", "BN"}
PCI_CODES = {"17", "33E", "36E"}
PIA_FUNCTIONS = {"1", "5"}
DTM_FORMATS = {"102", "203", "718"}

# Segment table: (tag, min, max) for a segment, ("SGn", min, max, [entries]) for a group
# whose first entry is its trigger segment.
def message_table(profile):
    return [
        ("UNH", 1, 1), ("BGM", 1, 1), ("DTM", 1, 10),
        ("SG1", 0, 10, [("RFF", 1, 1), ("DTM", 0, 1)]),
        ("SG4", 1, profile["nad_max"], [
            ("NAD", 1, 1),
            ("SG5", 0, 10, [("RFF", 1, 1), ("DTM", 0, 1)]),
            ("SG6", 0, 10, [("CTA", 1, 1), ("COM", 0, 5)]),
        ]),
        ("SG16", 0, 9999, [
            ("CPS", 1, 1),
            ("SG17", 0, 9999, [
                ("PAC", 1, 1), ("QVR", 0, 10),
                ("SG18", 0, 999, [("PCI", 1, 1), ("SG20", 0, 999, [("GIN", 1, 1)])]),
            ]),
            ("SG22", 0, 9999, [
                ("LIN", 1, 1), ("PIA", 0, 10), ("IMD", 0, 10), ("QTY", 0, 10), ("QVR", 0, 10),
                ("DTM", 0, 5), ("FTX", 0, 10),
                ("SG28", 0, 10, [("RFF", 1, 1), ("DTM", 0, 1)]),
                ("SG29", 0, 9999, [
                    ("PCI", 1, 1), ("QTY", 0, 10), ("QVR", 0, 10),
                    ("SG31", 0, 10, [("GIN", 1, 1)]),
                ]),
            ]),
        ]),
        ("UNS", 0, 1), ("CNT", 0, 10), ("UNT", 1, 1),
    ]


def trigger(entry):
    return entry[0] if len(entry) == 3 else entry[3][0][0]


def match(entries, segments, index, context, report):
    """Greedy match of a segment table; returns the index after the last matched segment.

    Inside a group the first entry is the group's trigger: it occurs once per
    repetition, and a further occurrence starts the next repetition of the group."""
    for position, entry in enumerate(entries):
        name, minimum, maximum = entry[0], entry[1], entry[2]
        count = 0
        first_tag = trigger(entry)
        while index < len(segments) and segments[index].tag == first_tag:
            if count == maximum:
                if context and position == 0:
                    break  # the next repetition of this group
                report.add(segments[index], f"{name} repeated more than {maximum} times here"
                           + (f" (in {context})" if context else ""))
                break
            if len(entry) == 3:
                segments[index].context = context
                index += 1
            else:
                index = match(entry[3], segments, index, name, report)
            count += 1
        if count < minimum and not (name == "UNT" and segments[-1].tag == "UNT"):
            # (a UNT that is there but not reached is reported as the segment in the way)
            where = segments[index] if index < len(segments) else segments[-1]
            group = f"segment group {name} (starting with {first_tag})" if len(entry) == 4 else name
            report.add(where, f"missing mandatory {group}" + (f" in {context}" if context else "")
                       + (f"; found {where.tag} instead" if index < len(segments) else ""))
    return index


# ---------------------------------------------------------------- message checks

def check_dtm(segment, allowed, report, extension=None, strict=False):
    qualifier, value, fmt = segment.el(1, 0), segment.el(1, 1), segment.el(1, 2)
    extension = extension or set()
    if qualifier not in allowed and (strict or qualifier not in extension):
        note = " (accepted only without --strict)" if qualifier in extension else ""
        report.add(segment, f"DTM qualifier {qualifier!r} not allowed here (allowed: "
                   f"{', '.join(sorted(allowed | (set() if strict else extension)))}){note}")
    if not value:
        report.add(segment, "DTM without a date value (2380)")
    elif fmt not in DTM_FORMATS:
        report.add(segment, f"DTM format code {fmt!r} not one of 102, 203, 718")
    elif not date_ok(value, fmt):
        report.add(segment, f"DTM value {value!r} is not a valid date for format {fmt}")
    return qualifier, value


def check_message(segments, una, profile_key, report, strict):
    """Validates one UNH..UNT message (already framed); returns its parsed form."""
    profile = PROFILES[profile_key]
    table = message_table(profile)
    end = match(table, segments, 0, "", report)
    if end < len(segments):
        report.add(segments[end], f"segment {segments[end].tag} not allowed here by the "
                   f"{profile['name']} layout (out of order, repeated or not part of the message)")

    header = {"profile": profile["name"], "message_ref": segments[0].el(1),
              "message_type": ":".join(segments[0].elements[2]) if len(segments[0].elements) > 2 else "",
              "document_name_code": None, "document_number": None, "message_function": None,
              "document_date": None, "goods_receipt_date": None, "dates": {},
              "references": {}, "parties": {}}
    lines = []
    line = None
    lin_count = 0
    line_numbers = set()
    parties_seen = set()
    cnt_checks = []
    pci_group = False

    for segment in segments:
        tag, context = segment.tag, segment.context
        if context is None:
            continue  # past a structure error: its group, and so its code list, is unknown
        if tag == "BGM":
            code, agency = segment.el(1, 0), segment.el(1, 2)
            header["document_name_code"] = code
            if code not in profile["bgm_codes"]:
                hint = ""
                if code == "632" and profile_key == "1997":
                    hint = ("; 632 (Goods receipt) is the EANCOM 2002 / D.01B code - an EAN003 "
                            "message uses 352::9, or send RECADV:D:01B:UN:EAN00n with 632")
                if code == "352" and profile_key == "2002":
                    hint = "; 352::9 is the EANCOM 1997 code, EANCOM 2002 uses 632"
                report.add(segment, f"BGM document name code {code!r} is not "
                           f"{' or '.join(sorted(profile['bgm_codes']))} for {profile['name']}{hint}")
            if profile["bgm_agency"] and code in profile["bgm_codes"] and agency != profile["bgm_agency"]:
                report.add(segment, f"BGM 3055 must be {profile['bgm_agency']} (EAN) with code {code}")
            number = segment.el(2, 0)
            header["document_number"] = number or None
            if not number:
                report.add(segment, "BGM without a document number (1004)")
            elif len(number) > 35:
                report.add(segment, "BGM document number longer than 35 characters")
            function = segment.el(3, 0)
            header["message_function"] = function or None
            if function not in profile["bgm_functions"]:
                report.add(segment, f"BGM message function {function!r} not one of "
                           f"{', '.join(sorted(profile['bgm_functions'], key=int))}")
        elif tag == "DTM" and context == "":
            qualifier, value = check_dtm(segment, profile["header_dtm"], report)
            if qualifier in header["dates"] and qualifier in ("137", "50"):
                report.add(segment, f"DTM {qualifier} given twice in the heading")
            header["dates"][qualifier] = value
        elif tag == "RFF" and context == "SG1":
            qualifier, value = segment.el(1, 0), segment.el(1, 1)
            if qualifier not in HEADER_RFF:
                report.add(segment, f"RFF qualifier {qualifier!r} not allowed in SG1 (allowed: "
                           f"{', '.join(sorted(HEADER_RFF))})")
            if not value:
                report.add(segment, "RFF without a reference number (1154)")
            header["references"].setdefault(qualifier, value)
        elif tag == "DTM" and context in ("SG1", "SG5", "SG28"):
            check_dtm(segment, {"171", "137", "11", "17"}, report)
        elif tag == "NAD":
            qualifier, gln, agency = segment.el(1, 0), segment.el(2, 0), segment.el(2, 2)
            if qualifier not in NAD_QUALIFIERS:
                report.add(segment, f"NAD party qualifier {qualifier!r} not one of "
                           f"{', '.join(sorted(NAD_QUALIFIERS))}")
            if not gln:
                report.add(segment, "NAD without a party identification (C082 3039, the GLN)")
            else:
                if agency != "9":
                    report.add(segment, f"NAD C082 3055 is {agency!r}, must be 9 (GS1/EAN) for a GLN")
                if not (len(gln) == 13 and gln.isdigit()):
                    report.add(segment, f"NAD GLN {gln!r} is not 13 digits")
                elif not gs1_check_digit_ok(gln):
                    report.add(segment, f"NAD GLN {gln!r} has a wrong check digit")
            if qualifier in parties_seen:
                report.add(segment, f"NAD {qualifier} given twice")
            parties_seen.add(qualifier)
            header["parties"][qualifier] = gln
        elif tag == "CPS":
            if not segment.el(1).isdigit():
                report.add(segment, f"CPS hierarchical id {segment.el(1)!r} is not a number")
        elif tag == "LIN":
            lin_count += 1
            pci_group = False
            number, item, item_type = segment.el(1), segment.el(3, 0), segment.el(3, 1)
            if not number:
                report.add(segment, "LIN without a line item number (1082)")
            elif len(number) > 6 or (profile_key == "1997" and not number.isdigit()):
                report.add(segment, f"LIN line item number {number!r} is not "
                           + ("n..6" if profile_key == "1997" else "an..6"))
            elif number in line_numbers:
                report.add(segment, f"LIN line item number {number} used twice")
            line_numbers.add(number)
            if item or item_type:
                if item_type not in profile["lin_types"]:
                    report.add(segment, f"LIN item type {item_type!r} is not "
                               f"{' or '.join(sorted(profile['lin_types']))} for {profile['name']}")
                if not (item.isdigit() and len(item) in (8, 12, 13, 14)):
                    report.add(segment, f"LIN item number {item!r} is not a GTIN (8, 12, 13 or 14 digits)")
                elif not gs1_check_digit_ok(item):
                    report.add(segment, f"LIN item number {item!r} has a wrong GTIN check digit")
            line = {"line": number, "item": item or None, "item_type": item_type or None,
                    "quantities": {}, "variances": [], "lot": None, "expiry": None,
                    "dates": {}, "order": None, "references": {}, "additional_ids": [],
                    "_segment": segment}
            lines.append(line)
        elif tag == "PIA":
            function = segment.el(1, 0)
            if function not in PIA_FUNCTIONS:
                report.add(segment, f"PIA function {function!r} not 1 (additional) or 5 (product identification)")
            for element in segment.elements[2:]:
                value = element[0] if element else ""
                kind = element[1] if len(element) > 1 else ""
                if not value or not kind:
                    report.add(segment, "PIA item number identification without number and type (7140:7143)")
                    continue
                if line is not None:
                    line["additional_ids"].append({"id": value, "type": kind})
                    if kind == "NB" and line["lot"] is None:
                        line["lot"] = value
        elif tag == "QTY":
            qualifier, value = segment.el(1, 0), segment.el(1, 1)
            if qualifier not in QTY_QUALIFIERS:
                report.add(segment, f"QTY qualifier {qualifier!r} not one of "
                           f"{', '.join(sorted(QTY_QUALIFIERS, key=int))}")
            number = parse_number(value, una)
            if number is None:
                report.add(segment, f"QTY quantity {value!r} is not a number")
            unit = segment.el(1, 2)
            if unit and not re.fullmatch(r"[A-Z0-9]{1,3}", unit):
                report.add(segment, f"QTY unit {unit!r} is not a code (an..3)")
            if line is not None and context == "SG22":
                if qualifier in line["quantities"]:
                    report.add(segment, f"QTY {qualifier} given twice for line {line['line']}")
                line["quantities"][qualifier] = json_number(number)
        elif tag == "QVR":
            difference, qualifier, discrepancy = segment.el(1, 0), segment.el(1, 1), segment.el(2, 0)
            number = parse_number(difference, una, signed=True)
            if number is None:
                report.add(segment, f"QVR quantity difference {difference!r} is not a number")
            if qualifier and qualifier not in QVR_QUALIFIERS:
                report.add(segment, f"QVR quantity qualifier {qualifier!r} not one of "
                           f"{', '.join(sorted(QVR_QUALIFIERS, key=int))}")
            if not qualifier:
                report.add(segment, "QVR without the quantity qualifier (6063) saying what differs")
            if discrepancy and not re.fullmatch(r"[A-Z0-9]{1,3}", discrepancy):
                report.add(segment, f"QVR discrepancy code {discrepancy!r} is not an..3")
            if line is not None and context == "SG22":
                line["variances"].append({"difference": json_number(number), "qualifier": qualifier,
                                          "discrepancy": discrepancy or None,
                                          "reason": segment.el(3, 0) or None})
        elif tag == "DTM" and context == "SG22":
            qualifier, value = check_dtm(segment, LINE_DTM, report, LINE_DTM_EXTENSION, strict)
            if line is not None:
                line["dates"][qualifier] = value
        elif tag == "RFF" and context == "SG28":
            qualifier, value = segment.el(1, 0), segment.el(1, 1)
            if qualifier not in LINE_RFF:
                report.add(segment, f"RFF qualifier {qualifier!r} not allowed at line level (allowed: "
                           f"{', '.join(sorted(LINE_RFF))})")
            if not value:
                report.add(segment, "RFF without a reference number (1154)")
            if line is not None:
                line["references"].setdefault(qualifier, value)
                if qualifier == "ON" and line["order"] is None:
                    line["order"] = value
        elif tag == "PCI":
            code = segment.el(1, 0)
            if code and code not in PCI_CODES:
                report.add(segment, f"PCI marking instruction {code!r} not one of {', '.join(sorted(PCI_CODES))}")
            pci_group = context == "SG29"
        elif tag == "GIN":
            qualifier, value = segment.el(1, 0), segment.el(2, 0)
            if qualifier not in GIN_QUALIFIERS and (strict or qualifier not in GIN_EXTENSION):
                note = " (accepted only without --strict)" if qualifier in GIN_EXTENSION else ""
                report.add(segment, f"GIN qualifier {qualifier!r} not allowed (allowed: "
                           f"{', '.join(sorted(GIN_QUALIFIERS | (set() if strict else GIN_EXTENSION)))}){note}")
            if not value:
                report.add(segment, "GIN without an identity number (7402)")
            elif qualifier == "BJ" and not (len(value) == 18 and value.isdigit() and gs1_check_digit_ok(value)):
                report.add(segment, f"GIN BJ {value!r} is not an SSCC (18 digits with check digit)")
            if qualifier == "BX" and line is not None and pci_group and line["lot"] is None:
                line["lot"] = value
        elif tag == "UNS":
            if segment.el(1) != "S":
                report.add(segment, f"UNS section identifier {segment.el(1)!r} must be S (summary)")
        elif tag == "CNT":
            qualifier, value = segment.el(1, 0), segment.el(1, 1)
            if qualifier not in ("1", "2"):
                report.add(segment, f"CNT qualifier {qualifier!r} not 1 (sum of quantities) or 2 (line items)")
            if parse_number(value, una) is None:
                report.add(segment, f"CNT value {value!r} is not a number")
            cnt_checks.append((segment, qualifier, value))

    for segment, qualifier, value in cnt_checks:
        if qualifier == "2" and value.isdigit() and int(value) != lin_count:
            report.add(segment, f"CNT 2 says {value} line items, the message has {lin_count} LIN segments")

    first = segments[0]
    if "137" not in header["dates"]:
        report.add(first, "the heading has no DTM 137 (document/message date), mandatory in EANCOM")
    header["document_date"] = header["dates"].get("137")
    header["goods_receipt_date"] = header["dates"].get("50")
    if "DP" not in parties_seen:
        report.add(first, "no NAD DP (delivery party): the recipient of the goods must be identified")
    if not parties_seen & {"SU", "DEQ"}:
        report.add(first, "no NAD SU (supplier) or DEQ (shipper): the sender of the goods must be identified")
    for entry in lines:
        segment = entry.pop("_segment")
        if "194" not in entry["quantities"]:
            report.add(segment, f"line {entry['line']} has no QTY 194 (received and accepted quantity); "
                       "give QTY+194:0 when nothing was accepted")
        entry["expiry"] = entry["dates"].get("361") or entry["dates"].get("36")
    return {"header": header, "lines": lines}


def check_unb(segment, report):
    syntax, version = segment.el(1, 0), segment.el(1, 1)
    if not re.fullmatch(r"UNO[A-Y]", syntax):
        report.add(segment, f"UNB syntax identifier {syntax!r} is not UNOA..UNOY")
    if version not in ("1", "2", "3", "4"):
        report.add(segment, f"UNB syntax version {version!r} is not 1..4")
    for index, role in ((2, "sender"), (3, "recipient")):
        if not segment.el(index, 0):
            report.add(segment, f"UNB without the interchange {role} identification")
        elif segment.el(index, 1) == "14" and not (len(segment.el(index, 0)) == 13
                                                    and gs1_check_digit_ok(segment.el(index, 0))):
            report.add(segment, f"UNB {role} {segment.el(index, 0)!r} is qualified 14 (GLN) but is not a valid GLN")
    date, time_ = segment.el(4, 0), segment.el(4, 1)
    date_format = "%Y%m%d" if version == "4" else "%y%m%d"
    try:
        datetime.datetime.strptime(date + time_, date_format + "%H%M")
        if len(date) != (8 if version == "4" else 6) or len(time_) != 4:
            raise ValueError
    except ValueError:
        report.add(segment, f"UNB date/time {date!r}:{time_!r} is not "
                   + ("CCYYMMDD:HHMM" if version == "4" else "YYMMDD:HHMM"))
    reference = segment.el(5)
    if not reference:
        report.add(segment, "UNB without an interchange control reference (0020)")
    elif len(reference) > 14:
        report.add(segment, "UNB interchange control reference longer than 14 characters")
    return {"syntax": syntax, "syntax_version": version, "sender": segment.el(2, 0),
            "recipient": segment.el(3, 0), "date": date, "time": time_, "control_ref": reference}


def profile_for(unh, report):
    identifier = unh.elements[2] if len(unh.elements) > 2 else []
    parts = (identifier + [""] * 5)[:5]
    if parts[0] != "RECADV":
        report.add(unh, f"UNH message type {parts[0]!r} is not RECADV")
        return None
    if parts[1:4] == ["D", "96A", "UN"] and parts[4] == "EAN003":
        return "1997"
    if parts[1:4] == ["D", "01B", "UN"] and re.fullmatch(r"EAN00[5-9]", parts[4]):
        return "2002"
    report.add(unh, f"UNH message identifier {':'.join(parts).rstrip(':')!r} is neither "
               "RECADV:D:96A:UN:EAN003 (EANCOM 1997) nor RECADV:D:01B:UN:EAN005..EAN009 (EANCOM 2002)")
    return "2002" if parts[2] == "01B" else "1997"


def check(name, data, strict=False):
    report = Report(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    una, segments = tokenize(text, report)
    if not segments:
        report.add((0, "-"), "no segments")
        return report, None
    interchange = {}
    if segments[0].tag != "UNB":
        report.add(segments[0], "the interchange does not start with UNB (after an optional UNA)")
    else:
        interchange = check_unb(segments[0], report)
        if interchange["syntax"] == "UNOA":
            for segment in segments:
                bad = {char for element in segment.elements for comp in element for char in comp} - UNOA_CHARS
                if bad:
                    report.add(segment, f"characters {''.join(sorted(bad))!r} are outside syntax level A (UNOA)")
    messages = []
    index = 1 if segments[0].tag == "UNB" else 0
    references = set()
    message_count = 0
    unz = None
    while index < len(segments):
        segment = segments[index]
        if segment.tag == "UNZ":
            unz = segment
            if index != len(segments) - 1:
                report.add(segments[index + 1], "segments after UNZ")
            break
        if segment.tag in ("UNG", "UNE"):
            report.add(segment, "functional groups (UNG/UNE) are not used in these EANCOM interchanges")
            index += 1
            continue
        if segment.tag != "UNH":
            report.add(segment, f"{segment.tag} outside a message (expected UNH or UNZ)")
            index += 1
            continue
        start = index
        index += 1
        while index < len(segments) and segments[index].tag not in ("UNT", "UNH", "UNZ"):
            index += 1
        message_count += 1
        reference = segment.el(1)
        if not reference:
            report.add(segment, "UNH without a message reference (0062)")
        elif len(reference) > 14:
            report.add(segment, "UNH message reference longer than 14 characters")
        elif reference in references:
            report.add(segment, f"UNH message reference {reference!r} used twice in the interchange")
        references.add(reference)
        if index >= len(segments) or segments[index].tag != "UNT":
            where = segments[index] if index < len(segments) else segments[-1]
            report.add(where, f"message {reference!r} has no UNT")
            body = segments[start:index]
        else:
            unt = segments[index]
            body = segments[start:index + 1]
            count = unt.el(1)
            if not count.isdigit():
                report.add(unt, f"UNT segment count {count!r} is not a number")
            elif int(count) != len(body):
                report.add(unt, f"UNT segment count {count} is wrong: the message has {len(body)} "
                           "segments counting UNH and UNT")
            if unt.el(2) != reference:
                report.add(unt, f"UNT message reference {unt.el(2)!r} differs from UNH's {reference!r}")
            index += 1
        profile_key = profile_for(segment, report)
        if profile_key:
            messages.append(check_message(body, una, profile_key, report, strict))
    if segments[0].tag == "UNB":
        if unz is None:
            report.add(segments[-1], "the interchange has no UNZ")
        else:
            if unz.el(1) != str(message_count):
                report.add(unz, f"UNZ message count {unz.el(1)!r} is wrong: the interchange has {message_count}")
            if unz.el(2) != interchange.get("control_ref"):
                report.add(unz, f"UNZ control reference {unz.el(2)!r} differs from UNB's "
                           f"{interchange.get('control_ref')!r}")
    if message_count == 0:
        report.add(segments[0], "the interchange contains no message")
    if len(messages) == 1:
        parsed = {"interchange": interchange, **messages[0]}
    else:
        parsed = {"interchange": interchange, "messages": messages}
    return report, parsed


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    as_json = "--json" in argv
    strict = "--strict" in argv
    files = [arg for arg in argv if arg not in ("--json", "--strict")]
    if len(files) != 1 or files[0].startswith("--"):
        print("usage: recadv_check.py FILE.edi [--json] [--strict]", file=sys.stderr)
        return 2
    name = files[0]
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as error:
        print(f"{name}: cannot read: {error}", file=sys.stderr)
        return 2
    report, parsed = check(name, data, strict)
    if as_json and parsed is not None:
        print(json.dumps(parsed, indent=2, sort_keys=True))
    out = sys.stderr if as_json else sys.stdout
    for error in report.errors:
        print(error, file=out)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
