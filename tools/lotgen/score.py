#!/usr/bin/python3
"""Scores quai's lot book against a lotgen set's expectations.

Each certificate of OUT/expected.jsonl is, in the lot book read back by
desk.py (RUN/lots.json):
  linked right          linked to the lot it should be: the quai lot whose
                        deliveries are exactly that lot's (delivery note, line)s
  linked wrong          linked to another lot, or to any lot when the rules
                        say it must stay unlinked
  missed                not linked though the rules link it
  rightly unlinked      not linked, and the rules say so
Prints the breakdown by category; --json prints one JSON line at the end.

  score.py --set OUT --run RUN [--label TEXT] [--json]
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lotgen import lot_key  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--set", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--label", default="")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    expected = [json.loads(l) for l in open(os.path.join(a.set, "expected.jsonl"), encoding="utf-8")]
    book = json.load(open(os.path.join(a.run, "lots.json"), encoding="utf-8"))
    file_of = {d["id"]: d["file"] for d in book["documents"]}
    # certificate file -> the quai lots it is linked to; each quai lot's deliveries
    linked, deliveries = {}, {}
    for lot in book["lots"]:
        deliveries[lot["id"]] = sorted([d["file"], d["line"]] for d in lot["documents"] if d["role"] == "delivery")
        for d in lot["documents"]:
            if d["role"] == "certificate":
                linked.setdefault(d["file"], []).append(lot["id"])
    unlinked = {}
    for u in book["unlinked"]["certificates"]:
        unlinked[file_of.get(u["document_id"], u["document_id"])] = u.get("reason", "")

    outcomes = {"linked right": 0, "linked wrong": 0, "missed": 0, "rightly unlinked": 0}
    by_category, details = {}, []
    for e in expected:
        lots = linked.get(e["file"], [])
        if e["expect"] == "linked":
            want = sorted(e["lot"]["deliveries"])
            if len(lots) == 1 and deliveries[lots[0]] == want:
                outcome = "linked right"
            elif lots:
                outcome = "linked wrong"
            else:
                outcome = "missed"
        else:
            outcome = "linked wrong" if lots else "rightly unlinked"
        outcomes[outcome] += 1
        cat = by_category.setdefault(e["category"], {k: 0 for k in outcomes})
        cat[outcome] += 1
        if outcome in ("linked wrong", "missed"):
            details.append((outcome, e, [deliveries[l] for l in lots], unlinked.get(e["file"], "")))

    to_link = sum(e["expect"] == "linked" for e in expected)
    right_pct = 100.0 * outcomes["linked right"] / to_link if to_link else 100.0
    label = f"{a.label}: " if a.label else ""
    print(f"{label}{len(expected)} certificates, {to_link} to link: linked right {outcomes['linked right']}/{to_link} "
          f"({right_pct:.1f} %), linked wrong {outcomes['linked wrong']}, missed {outcomes['missed']}, "
          f"rightly unlinked {outcomes['rightly unlinked']}/{len(expected) - to_link}")
    for category, counts in sorted(by_category.items()):
        print(f"  {category:28s} " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    timing = {}
    for e in expected:
        if e["expect"] == "linked":
            t = timing.setdefault(e["timing"], [0, 0])
            t[1] += 1
            t[0] += len(linked.get(e["file"], [])) == 1 and deliveries[linked[e["file"]][0]] == sorted(e["lot"]["deliveries"])
    print("  by arrival: " + ", ".join(f"{k} its delivery {v[0]}/{v[1]}" for k, v in sorted(timing.items())))
    misread = {d["file"]: d.get("misread") for d in book["documents"] if d.get("misread")}
    set_lots = [json.loads(l) for l in open(os.path.join(a.set, "lots.jsonl"), encoding="utf-8")]
    for outcome, e, got, reason in details:
        # The certificate and the notes delivering lots of its supplier with its number.
        involved = [e["file"]] + sorted({f for l in set_lots if l["supplier"] == e["supplier"]
                                         and lot_key(l["number"]) == lot_key(e["lot_printed"])
                                         for f, _ in l["deliveries"]})
        read_wrong = [f"{f} {'/'.join(misread[f])}" for f in involved if f in misread]
        if read_wrong:
            reason = (reason + "; " if reason else "") + "read wrong: " + ", ".join(read_wrong)
        print(f"  {outcome}: {e['file']} ({e['category']}, lot {e['lot_printed']!r}, article {e['article_code'] or '-'} "
              f"by {e['article_by']}, PO {e['po_number'] or '-'}, {e['timing']}): expected "
              f"{e['lot']['deliveries'] if e['lot'] else 'unlinked'}, got {got or 'unlinked'}"
              + (f" ({reason})" if reason else ""))
    if a.json:
        print(json.dumps({"label": a.label, "certificates": len(expected), "to_link": to_link,
                          "linked_right": outcomes["linked right"], "linked_right_pct": round(right_pct, 2),
                          "linked_wrong": outcomes["linked wrong"], "missed": outcomes["missed"],
                          "rightly_unlinked": outcomes["rightly unlinked"], "by_category": by_category}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
