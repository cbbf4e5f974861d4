"""The "Highlights table" preset: one CSV row a passage, written by the csv module.

Rendered by code rather than a template because CSV quoting (a quote holding commas,
quotes or newlines) is the csv module's job; a template would have to re-implement it.
Rows follow core.export.brief_data.table_rows; RFC 4180 line ends (CRLF), UTF-8.
"""

from __future__ import annotations

import csv
import io

from core.export.brief_data import Data, table_rows

COLUMNS = (
    "article",
    "title",
    "site",
    "byline",
    "published",
    "captured",
    "quote",
    "note",
    "tags",
    "colour",
    "meaning",
    "status",
    "citation",
    "source link",
    "postil link",
)


def _row(p: Data) -> list[object]:
    c = p["citation"]
    return [
        p["article_id"],
        c["title"],
        c["site"] or "",
        c["byline"] or "",
        c["published"] or "",
        c["captured"] or "",
        p["quote"],
        p["note"],
        "; ".join(p["tags"]),
        p["colour"],
        p["colour_meaning"],
        p["status"],
        c["full"],
        p["links"]["source"] or "",
        p["links"]["postil"],
    ]


def render_csv(data: Data) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for p in table_rows(data):
        writer.writerow(_row(p))
    return out.getvalue()
