#!/usr/bin/env python3
"""Tests of recadv_check.py: python3 tests/tools/recadv_check_test.py

The valid samples are written by hand from the EANCOM RECADV guides' segment
examples (BGM+632+REC5488+9', DTM+137:...:102', DTM+50:...:203', NAD+..::9',
LIN+1++GTIN:SRV', QTY+194:150', QVR+40:195+AC'), not produced by quai.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recadv_check.py")
sys.path.insert(0, os.path.dirname(CHECKER))
import recadv_check  # noqa: E402

# EANCOM 2002 (D.01B) RECADV: two lines, one with a batch (GIN BX) and best-before date,
# one with a discrepancy. UNT counts 27 segments from UNH to UNT.
VALID_2002 = (
    "UNA:+.? '"
    "UNB+UNOC:3+5412345000013:14+4012345500004:14+240501:1030+IC0001'"
    "UNH+ME000001+RECADV:D:01B:UN:EAN008'"
    "BGM+632+REC5488+9'"
    "DTM+137:20240501:102'"
    "DTM+50:202405011640:203'"
    "RFF+ON:PO-4711'"
    "RFF+DQ:DN 88?+1'"          # released '+' in the delivery note number: "DN 88+1"
    "RFF+AAK:DES-77'"
    "DTM+171:20240430:102'"
    "NAD+BY+5412345000013::9'"
    "NAD+SU+4012345500004::9'"
    "NAD+DP+5412345000020::9'"
    "CPS+1'"
    "LIN+1++5412345123453:SRV'"
    "PIA+1+L2405?:A:NB::91'"     # released ':' in the batch number: "L2405:A"
    "QTY+12:150'"
    "QTY+194:150'"
    "DTM+361:20250131:102'"
    "RFF+ON:PO-4711'"
    "PCI+17'"
    "GIN+BX+L2405?:A'"
    "LIN+2++4000862141404:SRV'"
    "QTY+46:100'"
    "QTY+194:60'"
    "QVR+-40:195+AC'"
    "UNS+S'"
    "CNT+2:2'"
    "UNT+27+ME000001'"
    "UNZ+1+IC0001'"
)

# EANCOM 1997 (D.96A, EAN003) RECADV, as in that guide: BGM 352::9 and LIN ...:EN.
VALID_1997 = (
    "UNB+UNOA:2+5412345000013:14+4012345500004:14+971111:1200+REC1'\n"
    "UNH+ME000001+RECADV:D:96A:UN:EAN003'\n"
    "BGM+352::9+REC5488+9'\n"
    "DTM+137:19971111:102'\n"
    "DTM+50:199711051640:203'\n"
    "RFF+AAK:DES587441'\n"
    "NAD+SU+4012345500004::9'\n"
    "NAD+DP+5412345000020::9'\n"
    "CPS+1'\n"
    "LIN+1++5412345123453:EN'\n"
    "QTY+194:150'\n"
    "QVR+40:195+AC'\n"
    "UNT+12+ME000001'\n"
    "UNZ+1+REC1'\n"
)


def run(text, *flags):
    with tempfile.NamedTemporaryFile("w", suffix=".edi", delete=False, encoding="utf-8") as handle:
        handle.write(text)
        name = handle.name
    try:
        result = subprocess.run([sys.executable, CHECKER, name, *flags],
                                capture_output=True, text=True, timeout=30)
        return result.returncode, result.stdout, result.stderr, name
    finally:
        os.unlink(name)


def errors(text, strict=False):
    report, _ = recadv_check.check("T.edi", text.encode("utf-8"), strict)
    return report.errors


class Valid(unittest.TestCase):
    def test_2002_sample_is_valid_and_exits_0(self):
        code, out, err, _ = run(VALID_2002)
        self.assertEqual((code, out, err), (0, "", ""))

    def test_1997_sample_is_valid(self):
        self.assertEqual(errors(VALID_1997), [])

    def test_json_gives_the_values(self):
        code, out, _, _ = run(VALID_2002, "--json")
        self.assertEqual(code, 0)
        parsed = json.loads(out)
        header = parsed["header"]
        self.assertEqual(header["document_number"], "REC5488")
        self.assertEqual(header["document_date"], "20240501")
        self.assertEqual(header["goods_receipt_date"], "202405011640")
        self.assertEqual(header["references"], {"ON": "PO-4711", "DQ": "DN 88+1", "AAK": "DES-77"})
        self.assertEqual(header["parties"], {"BY": "5412345000013", "SU": "4012345500004",
                                             "DP": "5412345000020"})
        self.assertEqual(parsed["interchange"]["control_ref"], "IC0001")
        first, second = parsed["lines"]
        self.assertEqual(first["item"], "5412345123453")
        self.assertEqual(first["quantities"], {"12": 150, "194": 150})
        self.assertEqual(first["lot"], "L2405:A")
        self.assertEqual(first["expiry"], "20250131")
        self.assertEqual(first["order"], "PO-4711")
        self.assertEqual(second["quantities"], {"46": 100, "194": 60})
        self.assertEqual(second["variances"], [{"difference": -40, "qualifier": "195",
                                                "discrepancy": "AC", "reason": None}])
        self.assertIsNone(second["lot"])

    def test_other_separators_from_una(self):
        text = VALID_2002.replace("UNA:+.? '", "")
        swapped = "UNA|*.# ~" + text.replace("?+", "#*").replace("?:", "#|").replace(":", "|") \
            .replace("+", "*").replace("'", "~")
        self.assertEqual(errors(swapped), [])

    def test_strict_refuses_the_extensions(self):
        problems = errors(VALID_2002, strict=True)
        self.assertEqual(len(problems), 2, problems)
        self.assertTrue(any("DTM qualifier '361'" in p for p in problems))
        self.assertTrue(any("GIN qualifier 'BX'" in p for p in problems))


class Broken(unittest.TestCase):
    def test_wrong_unt_count(self):
        code, out, _, name = run(VALID_2002.replace("UNT+27+", "UNT+26+"))
        self.assertEqual(code, 1)
        self.assertIn(f"{name}: segment 28 (UNT): UNT segment count 26 is wrong: the message "
                      "has 27 segments counting UNH and UNT", out)

    def test_missing_bgm(self):
        text = VALID_2002.replace("BGM+632+REC5488+9'", "").replace("UNT+27+", "UNT+26+")
        problems = errors(text)
        self.assertTrue(any("segment 3 (DTM): missing mandatory BGM" in p for p in problems), problems)

    def test_bad_qualifiers(self):
        problems = errors(VALID_2002.replace("QTY+194:60'", "QTY+999:60'"))
        self.assertTrue(any("(QTY): QTY qualifier '999' not one of" in p for p in problems), problems)
        self.assertTrue(any("line 2 has no QTY 194" in p for p in problems), problems)
        problems = errors(VALID_2002.replace("NAD+DP+", "NAD+XX+"))
        self.assertTrue(any("NAD party qualifier 'XX'" in p for p in problems), problems)
        self.assertTrue(any("no NAD DP" in p for p in problems), problems)
        problems = errors(VALID_2002.replace("DTM+137:20240501:102'", "DTM+137:20240231:102'"))
        self.assertTrue(any("not a valid date" in p for p in problems), problems)

    def test_unterminated_release_character(self):
        text = VALID_2002[:VALID_2002.rindex("UNZ")] + "UNZ+1+IC0001?"
        code, out, _, name = run(text)
        self.assertEqual(code, 1)
        self.assertIn("release character at the end of the file", out)
        self.assertIn("not terminated", out)

    def test_release_before_an_ordinary_character(self):
        problems = errors(VALID_2002.replace("RFF+ON:PO-4711'R", "RFF+ON:PO?-4711'R", 1))
        self.assertTrue(any("release character '?' before '-'" in p for p in problems), problems)

    def test_wrong_check_digits_and_codes(self):
        problems = errors(VALID_2002.replace("5412345123453:SRV", "5412345123454:SRV"))
        self.assertTrue(any("wrong GTIN check digit" in p for p in problems), problems)
        problems = errors(VALID_2002.replace("LIN+1++5412345123453:SRV", "LIN+1++5412345123453:EN"))
        self.assertTrue(any("LIN item type 'EN' is not SRV" in p for p in problems), problems)
        problems = errors(VALID_2002.replace("NAD+BY+5412345000013::9", "NAD+BY+5412345000014::9"))
        self.assertTrue(any("wrong check digit" in p for p in problems), problems)

    def test_d96a_header_with_632_is_refused_with_a_hint(self):
        text = VALID_2002.replace("RECADV:D:01B:UN:EAN008", "RECADV:D:96A:UN:EAN003") \
            .replace(":SRV'", ":EN'")
        problems = errors(text)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("632 (Goods receipt) is the EANCOM 2002", problems[0])

    def test_envelope_counts_and_references(self):
        problems = errors(VALID_2002.replace("UNZ+1+IC0001'", "UNZ+2+IC0002'"))
        self.assertTrue(any("UNZ message count '2' is wrong" in p for p in problems), problems)
        self.assertTrue(any("UNZ control reference 'IC0002' differs" in p for p in problems), problems)
        problems = errors(VALID_2002.replace("UNT+27+ME000001", "UNT+27+ME000002"))
        self.assertTrue(any("UNT message reference 'ME000002' differs" in p for p in problems), problems)
        problems = errors(VALID_2002.replace("CNT+2:2'", "CNT+2:3'"))
        self.assertTrue(any("CNT 2 says 3 line items" in p for p in problems), problems)

    def test_out_of_order_segment(self):
        text = VALID_2002.replace("DTM+137:20240501:102'DTM+50:202405011640:203'",
                                  "DTM+50:202405011640:203'").replace(
            "NAD+DP+5412345000020::9'", "NAD+DP+5412345000020::9'DTM+137:20240501:102'")
        problems = errors(text)
        self.assertTrue(any("(DTM): segment DTM not allowed here" in p for p in problems), problems)

    def test_garbage_does_not_crash(self):
        for text in ("", "UNA", "UNA:+.? ", "'''", "garbage", "\x00\xff", "UNB'UNZ'", "UNH+1+RECADV'"):
            report, _ = recadv_check.check("G.edi", text.encode("latin-1"))
            self.assertTrue(report.errors, text)


if __name__ == "__main__":
    unittest.main()
