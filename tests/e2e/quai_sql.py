#!/usr/bin/env python3
"""quai_sql.py DB SQL: runs SQL on a quai SQLite database as the sqlite3 shell would
(rows printed as a|b), with quai_fold registered: the schema's triggers (migration 14)
call it, so a test changing the database behind quai's back needs it as quai has it.
The fold is FoldForSearch's (core/search_fold.h): lower case, Latin accents folded."""
import sqlite3
import sys
import unicodedata


def fold(text):
    if text is None:
        return None
    for upper, lower in (("Œ", "oe"), ("œ", "oe"), ("Æ", "ae"), ("æ", "ae"), ("ß", "ss")):
        text = text.replace(upper, lower)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


db = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
db.execute("PRAGMA foreign_keys=ON")
db.create_function("quai_fold", 1, fold, deterministic=True)
for row in db.execute(sys.argv[2]).fetchall():
    print("|".join("" if value is None else str(value) for value in row))
