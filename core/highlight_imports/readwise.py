"""Readwise's CSV export: one row per highlight.

Columns: Highlight, Book Title, Book Author, Amazon Book ID, Note, Color, Tags, Location
Type, Location, Highlighted at, Document tags. Readwise keeps no address for most sources (a
Kindle book has none), so its highlights find their article by title (storage matches a
"URL" or "Source URL" column first when an export has one). Kindle locations are not
positions in any text Postil has: they are not used. No context is kept either: a passage
that occurs once is placed there, one that occurs more often where re-anchoring puts a quote
of unknown origin.
"""

from __future__ import annotations

import csv
import io

from core.highlight_imports.records import HighlightExport, make_record
from core.importers.errors import ImportRefused

TOOL = "readwise"
REQUIRED = ("Highlight", "Book Title")
_URL_COLUMNS = ("URL", "Source URL", "Url", "url")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_like(data: bytes) -> bool:
    head = _decode(data[:4096]).splitlines()[:1]
    return bool(head) and all(column in head[0] for column in REQUIRED)


def parse_bytes(data: bytes) -> HighlightExport:
    """The rows to records; one problem line per row that cannot be one."""
    text = _decode(data)
    export = HighlightExport(TOOL)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        if not all(column in header for column in REQUIRED):
            raise ImportRefused(
                "not a Readwise export (the CSV has no Highlight and Book Title columns)"
            )
        for n, row in enumerate(reader, start=2):  # line 1 is the header
            quote = row.get("Highlight")
            title = row.get("Book Title")
            url = next((row[c] for c in _URL_COLUMNS if row.get(c)), None)
            record = make_record(
                quote,
                url=url,
                title=title,
                author=row.get("Book Author"),
                note=row.get("Note") or "",
                tags=row.get("Tags") or "",
                color=row.get("Color"),
                created=row.get("Highlighted at"),
            )
            if record is None:
                export.problems.append(f"row {n}: no highlighted text")
            elif not record.title and not record.url:
                export.problems.append(f"row {n}: no book or article title")
            else:
                export.records.append(record)
    except csv.Error as exc:
        raise ImportRefused(f"the CSV could not be read ({' '.join(str(exc).split())})") from None
    return export
