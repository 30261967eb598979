#!/usr/bin/env python3
"""Turns the public SROIE 2019 receipts (data/img/NNN.jpg, data/key/NNN.json with
company, date, address, total) into the folders `quai learn` and `quai eval` read:
<stem>.jpg with <stem>.json beside it ({"document_type": "receipt", "fields": ...}).

The first TRAIN receipts in file order go to OUT/train, the rest to OUT/test (the
issue's split: 500 and 126). Dates become ISO (SROIE prints them day first, a few month first:
25/12/2018, 25-12-18, 25.12.2018, 2018-12-25, 25 DEC 2018); totals plain decimals;
company and address as printed (whitespace collapsed). A date that cannot be read
is kept as printed and counted.

  usage: sroie_prepare.py SROIE_DATA_DIR OUT [TRAIN]   (SROIE_DATA_DIR holds img/ and key/)
"""
import json
import os
import re
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def year(text):
    value = int(text)
    return value + 2000 if value < 100 else value


def iso_date(printed):
    text = printed.strip().strip("()").lower()
    match = re.fullmatch(r"(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})", text)
    if match and 1990 < int(match[1]) < 2100:
        y, m, d = int(match[1]), int(match[2]), int(match[3])
    else:
        match = re.fullmatch(r"(\d{1,2})[-/.]?(\d{1,2})[-/.]?(\d{2}|\d{4})", text)
        if match:
            d, m, y = int(match[1]), int(match[2]), year(match[3])
            if m > 12 >= d:  # a month-first date (12/28/2017)
                d, m = m, d
        else:
            match = re.fullmatch(r"(\d{1,2})[- /.]*([a-z]{3})[a-z]*[- /.,]*(\d{2}|\d{4})", text)
            if match and match[2] in MONTHS:
                d, m, y = int(match[1]), MONTHS[match[2]], year(match[3])
            else:
                match = re.fullmatch(r"([a-z]{3})[a-z]*[- /.]*(\d{1,2})[- /.,]*(\d{4})", text)
                if not match or match[1] not in MONTHS:
                    return None
                d, m, y = int(match[2]), MONTHS[match[1]], int(match[3])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def plain_total(printed):
    text = re.sub(r"[^0-9.,-]", "", printed)
    text = text.replace(",", "")
    return text or printed


def main():
    source, out = sys.argv[1], sys.argv[2]
    train = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    stems = sorted(name[:-5] for name in os.listdir(os.path.join(source, "key")) if name.endswith(".json"))
    unread_dates = 0
    for index, stem in enumerate(stems):
        key = json.load(open(os.path.join(source, "key", stem + ".json"), encoding="utf-8"))
        fields = {}
        for name in ("company", "address"):
            if key.get(name, "").strip():
                fields[name] = " ".join(key[name].split())
        if key.get("date", "").strip():
            date = iso_date(key["date"])
            if date is None:
                unread_dates += 1
                date = key["date"].strip()
            fields["date"] = date
        if key.get("total", "").strip():
            fields["total"] = plain_total(key["total"])
        part = os.path.join(out, "train" if index < train else "test")
        os.makedirs(part, exist_ok=True)
        image = os.path.join(part, f"sroie-{stem}.jpg")
        if not os.path.exists(image):
            os.symlink(os.path.abspath(os.path.join(source, "img", stem + ".jpg")), image)
        with open(os.path.join(part, f"sroie-{stem}.json"), "w", encoding="utf-8") as truth:
            json.dump({"document_type": "receipt", "fields": fields, "lines": []}, truth,
                      ensure_ascii=False, indent=1)
    print(f"{min(train, len(stems))} training and {max(0, len(stems) - train)} test receipts in {out}; "
          f"{unread_dates} dates kept as printed")


if __name__ == "__main__":
    main()
