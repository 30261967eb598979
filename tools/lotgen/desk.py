#!/usr/bin/python3
"""Runs a lotgen set through quai as a goods-receiving desk would.

For each document of OUT/manifest.jsonl, in that order: `quai ingest` it;
when it did not go straight through, a clerk at the review desk (quai serve's
API, as the review UI calls it) either
  --mode truth: types the document's true values (OUT/docs/<stem>.json) where
                the reading differs — type, fields, lines — then validates, or
  --mode read:  validates what was read, unchanged;
a blocking ERP finding is overridden with a reason first, as the desk demands.
Then the lot book is read back through the API into RUN/lots.json:
every lot with its documents (file, role, line) and the unlinked certificates.

  desk.py --set OUT --run RUN --quai QUAI --data DATA --server 127.0.0.1:PORT
          --token TOKEN --today YYYY-MM-DD --mode truth|read
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lotgen  # noqa: E402


class Api:
    def __init__(self, server, token):
        self.base = f"http://{server}"
        self.token = token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Authorization": f"Bearer {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as e:
            text = e.read()
            try:
                return e.code, json.loads(text)
            except ValueError:
                return e.code, {"error": text.decode(errors="replace")}

    def ok(self, method, path, body=None):
        status, answer = self.call(method, path, body)
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {answer}")
        return answer


def value(field):
    return field.get("value") if isinstance(field, dict) and isinstance(field.get("value"), str) else ""


def key(name, text):
    """A value as linking compares it (lotgen.lot_key for lot numbers)."""
    return lotgen.lot_key(text) if name.endswith("lot_number") else lotgen.compact(lotgen.fold(text))


def misread(document, truth):
    """The values linking uses that the reading got wrong (compared as linking compares them)."""
    fields = document.get("fields") or {}
    wrong = [k for k in ("supplier_name", "po_number", "lot_number", "article_code")
             if key(k, value(fields.get(k))) != key(k, truth["fields"].get(k, ""))]
    read_lines = [line_values(l) for l in document.get("lines") or []]
    if len(read_lines) != len(truth["lines"]):
        wrong.append("lines")
    else:
        wrong += sorted({f"lines.{k}" for r, t in zip(read_lines, truth["lines"])
                         for k in ("supplier_article_code", "internal_article_code", "lot_number")
                         if key(k, r.get(k, "")) != key(k, t.get(k, ""))})
    if document.get("document_type") != truth["document_type"]:
        wrong.insert(0, "document_type")
    return wrong


def line_values(line):
    return {k: value(v) for k, v in (line or {}).items() if value(v)}


def type_truth(api, doc_id, document, truth):
    """Sets the document's values to `truth` as a clerk typing them; returns
    how many values were changed (a replaced line counts its values)."""
    changed = 0
    if document.get("document_type") != truth["document_type"]:
        document = api.ok("PUT", f"/api/v1/documents/{doc_id}/type", {"document_type": truth["document_type"]})
        changed += 1
    fields = document.get("fields") or {}
    for name, field in fields.items():
        if name not in truth["fields"] and value(field):
            document = api.ok("PUT", f"/api/v1/documents/{doc_id}/fields/{name}", {"value": None})
            changed += 1
    for name, v in truth["fields"].items():
        if value(fields.get(name)) != v:
            document = api.ok("PUT", f"/api/v1/documents/{doc_id}/fields/{name}", {"value": v})
            changed += 1
    lines = document.get("lines") or []
    if [line_values(l) for l in lines] != truth["lines"]:
        for i in reversed(range(len(lines))):
            document = api.ok("DELETE", f"/api/v1/documents/{doc_id}/lines/{i}")
        for line in truth["lines"]:
            document = api.ok("POST", f"/api/v1/documents/{doc_id}/lines", {"values": line})
            changed += len(line)
    return changed


def validate(api, doc_id):
    """Validates; a blocking ERP finding is overridden first. Returns the overrides."""
    status, answer = api.call("POST", f"/api/v1/documents/{doc_id}/validate")
    if status == 200:
        return []
    document = api.ok("GET", f"/api/v1/documents/{doc_id}")
    overridden = []
    for finding in document.get("findings") or []:
        if finding.get("blocking"):
            body = {"code": finding.get("code", ""), "field": finding.get("field", ""),
                    "reason": "lot book bench: accepted with these values"}
            if api.call("POST", f"/api/v1/documents/{doc_id}/findings/override", body)[0] == 200:
                overridden.append(finding.get("code", ""))
    status, answer = api.call("POST", f"/api/v1/documents/{doc_id}/validate")
    if status == 409 and isinstance(answer, dict) and answer.get("blockers"):
        # A required value the document does not print (a certificate naming no
        # article): the clerk validates it anyway, saying why.
        api.ok("POST", f"/api/v1/documents/{doc_id}/validate",
               {"override_reason": "lot book bench: the document does not print it"})
        overridden += [b.get("code", "") for b in answer["blockers"]]
    elif status != 200:
        raise RuntimeError(f"POST /api/v1/documents/{doc_id}/validate: {status} {answer}")
    return overridden


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    for name in ("--set", "--run", "--quai", "--data", "--server", "--token", "--today"):
        ap.add_argument(name, required=True)
    ap.add_argument("--mode", choices=("truth", "read"), required=True)
    a = ap.parse_args()
    api = Api(a.server, a.token)
    os.makedirs(a.run, exist_ok=True)
    manifest = [json.loads(l) for l in open(os.path.join(a.set, "manifest.jsonl"), encoding="utf-8")]
    documents = []
    started = time.time()
    for m in manifest:
        path = os.path.join(a.set, m["file"])
        run = subprocess.run([a.quai, "ingest", "--data", a.data, "--today", a.today, "-j1", path],
                             capture_output=True, text=True)
        found = re.search(r"#(\d+) ", run.stdout)
        if run.returncode != 0 or not found:
            raise SystemExit(f"desk: quai ingest {path} failed ({run.returncode}): {run.stdout}{run.stderr}")
        doc_id = int(found.group(1))
        document = api.ok("GET", f"/api/v1/documents/{doc_id}")
        truth = json.load(open(path[:-4] + ".json", encoding="utf-8"))
        record = {"file": os.path.basename(path), "id": doc_id, "document_type": truth["document_type"],
                  "read_as": document.get("document_type"), "status": document.get("status"),
                  "changed": 0, "overridden": []}
        # What linking uses, read wrong? A document that went straight through
        # with such a value is corrected in --mode truth as soon as it is in
        # (as a clerk would on seeing its certificate unlinked): the figure is
        # about linking; the as-read run shows what the reading alone gives.
        record["misread"] = misread(document, truth)
        record["corrected_after"] = False
        if document.get("status") != "auto_accepted" or (a.mode == "truth" and record["misread"]):
            record["corrected_after"] = document.get("status") == "auto_accepted"
            if a.mode == "truth":
                record["changed"] = type_truth(api, doc_id, document, truth)
            record["overridden"] = validate(api, doc_id)
            record["status"] = api.ok("GET", f"/api/v1/documents/{doc_id}").get("status")
        documents.append(record)
    elapsed = time.time() - started

    lots, offset = [], 0
    while True:
        page = api.ok("GET", f"/api/v1/lots?limit=500&offset={offset}")["lots"]
        lots += page
        if len(page) < 500:
            break
        offset += 500
    pages = [api.ok("GET", f"/api/v1/lots/{lot['id']}") for lot in lots]
    unlinked = api.ok("GET", "/api/v1/certificates/unlinked")
    with open(os.path.join(a.run, "lots.json"), "w", encoding="utf-8") as f:
        json.dump({"documents": documents, "lots": pages, "unlinked": unlinked, "seconds": elapsed},
                  f, ensure_ascii=False, indent=1)
    straight = [d for d in documents if d["status"] == "auto_accepted" or d["corrected_after"]]
    wrong = collections.Counter(k for d in straight if d["misread"] for k in d["misread"])
    print(f"desk ({a.mode}): {len(documents)} documents in {elapsed:.0f} s: {len(straight)} straight through, "
          f"{sum(bool(d['misread']) for d in straight)} of them read wrong on a value linking uses "
          f"({', '.join(f'{k} {v}' for k, v in sorted(wrong.items())) or 'none'})"
          f"{', corrected by the clerk' if a.mode == 'truth' else ''}; "
          f"{sum(d['status'] == 'validated' and not d['corrected_after'] for d in documents)} validated at the desk "
          f"({sum(d['changed'] for d in documents)} values typed, "
          f"{sum(len(d['overridden']) for d in documents)} findings overridden)", file=sys.stderr)


if __name__ == "__main__":
    main()
