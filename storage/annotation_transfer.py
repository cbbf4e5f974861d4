"""Annotations out of one library and into another, as W3C Web Annotation JSON.

Export is lossless: selectors, status, colour, note, tags and dates. Import finds each
annotation's article by content hash (the very same text: selectors are kept as they are), else
by URL (another version of the text: core.anchoring re-anchors them), and reports how many
landed anchored, moved, fuzzy or orphaned, and how many were skipped for want of an article.
Importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.anchoring.reanchor import AnchorResult
from core.export.web_annotation import PortableAnnotation, article_source, collection, parse
from core.export.web_annotation import to_json as annotation_json
from storage.clock import now_iso
from storage.errors import LibraryError
from storage.library import Library
from storage.tags import clean_tag
from storage.transaction import transaction

_EXPORT = (
    'SELECT n.id, n.quote, n.prefix, n.suffix, n.start, n."end", n.status, n.color, n.note, '
    "n.created, n.updated, a.url, a.content_hash, a.title, "
    "(SELECT group_concat(name, char(31)) FROM (SELECT g.name FROM annotation_tags t "
    "JOIN tags g ON g.id = t.tag_id WHERE t.annotation_id = n.id "
    "ORDER BY g.name COLLATE NOCASE, g.name)) "
    "FROM annotations n JOIN articles a ON a.id = n.article_id"
)
_NAMESPACE = uuid.UUID("5f1c0c8e-0f0e-4a57-9a53-706f7374696c")  # Postil's uuid5 namespace


def export_collection(library: Library, article_ids: Sequence[int] = ()) -> dict[str, Any]:
    """Every annotation (of the given articles, or all) as one AnnotationCollection."""
    conn = library.conn
    for article_id in article_ids:
        if not library.articles.exists(article_id):
            raise LibraryError(f"there is no article {article_id} in this library")
    where, params = "", []
    if article_ids:
        where = " WHERE n.article_id IN (SELECT value FROM json_each(?))"
        params = [json.dumps(list(article_ids))]
    items = []
    for row in conn.execute(f"{_EXPORT}{where} ORDER BY a.id, n.id", params):
        (aid, quote, prefix, suffix, start, end, status, color, note, created, updated) = row[:11]
        url, digest, title, tags = row[11:]
        portable = PortableAnnotation(
            quote=quote,
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            status=status,
            color=color,
            note=note,
            tags=tuple(tags.split("\x1f")) if tags else (),
            created=created,
            modified=updated,
            source=article_source(url, digest),
            content_hash=digest,
            title=title,
        )
        # Stable across exports of the same library, distinct across libraries' texts.
        anno_id = f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{digest}/{aid}/{created}')}"
        items.append(annotation_json(portable, annotation_id=anno_id))
    return collection(items, label="Postil annotations")


def as_text(data: dict[str, Any]) -> str:
    """The JSON as written to a file: UTF-8 text, indented, keys in a fixed order."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_text(library: Library, article_ids: Sequence[int] = ()) -> str:
    return as_text(export_collection(library, article_ids))


# -- import --------------------------------------------------------------------------------


@dataclass(slots=True)
class TransferReport:
    """What an import did, one count per outcome."""

    anchored: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0
    skipped: int = 0  # no article in this library matches
    duplicates: int = 0  # already in this library (the same file imported twice)
    invalid: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # the articles that were not found

    @property
    def imported(self) -> int:
        return self.anchored + self.moved + self.fuzzy + self.orphaned

    def summary(self) -> str:
        parts = [
            f"{self.imported} imported ({self.anchored} anchored, {self.moved} moved, "
            f"{self.fuzzy} fuzzy, {self.orphaned} orphaned)",
            f"{self.skipped} skipped (no matching article)",
        ]
        if self.duplicates:
            parts.append(f"{self.duplicates} already present")
        if self.invalid:
            parts.append(f"{len(self.invalid)} unreadable")
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "anchored": self.anchored,
            "moved": self.moved,
            "fuzzy": self.fuzzy,
            "orphaned": self.orphaned,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "invalid": list(self.invalid),
            "missing": list(self.missing),
        }


@dataclass(frozen=True, slots=True)
class _Target:
    id: int
    version: int
    text: str
    content_hash: str


class _Articles:
    """Finds an annotation's article: by content hash (the current text, then an older version
    of an article), then by URL (oldest article first)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._cache: dict[int, _Target] = {}

    def _load(self, article_id: int) -> _Target:
        if article_id not in self._cache:
            row = self._conn.execute(
                "SELECT id, version, text, content_hash FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            self._cache[article_id] = _Target(*row)
        return self._cache[article_id]

    def find(self, item: PortableAnnotation) -> tuple[_Target, str | None] | None:
        """The article and the text the selectors were made on, when this library has it."""
        if item.content_hash:
            row = self._conn.execute(
                "SELECT id FROM articles WHERE content_hash = ?", [item.content_hash]
            ).fetchone()
            if row:
                target = self._load(row[0])
                return target, target.text
            row = self._conn.execute(
                "SELECT article_id, text FROM article_versions WHERE content_hash = ? "
                "ORDER BY article_id, version DESC LIMIT 1",
                [item.content_hash],
            ).fetchone()
            if row:
                return self._load(row[0]), row[1]
        if item.source and "://" in item.source:
            row = self._conn.execute(
                "SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1", [item.source]
            ).fetchone()
            if row:
                return self._load(row[0]), None
        return None


def _holds(text: str, start: int | None, end: int | None, quote: str) -> bool:
    return start is not None and end is not None and text[start:end] == quote


def _place(item: PortableAnnotation, target: _Target, old_text: str | None) -> AnchorResult:
    """Where the annotation goes in the target's current text.

    The same text: the stored selectors, as they are (an orphan stays an orphan). A text the
    library knows as an older version: core.anchoring maps old to new. A text it has never
    seen (found by URL only): core.anchoring re-anchors on the quote and its context, the
    stored position serving only as a hint.
    """
    text = target.text
    if old_text == text:
        if item.start is None or item.status == "orphaned":
            return AnchorResult("orphaned", None, None, item.quote, item.prefix, item.suffix)
        if _holds(text, item.start, item.end, item.quote):
            return AnchorResult(
                item.status, item.start, item.end, item.quote, item.prefix, item.suffix
            )
    from core.anchoring import TextSelector, reanchor_many  # looked up late: tests swap it

    selector = TextSelector(
        quote=item.quote, prefix=item.prefix, suffix=item.suffix, start=item.start, end=item.end
    )
    result = reanchor_many(old_text if old_text is not None else text, text, [selector])[0]
    if result.status != "orphaned" and not _holds(text, result.start, result.end, result.quote):
        return AnchorResult("orphaned", None, None, item.quote, item.prefix, item.suffix)
    return AnchorResult(
        result.status, result.start, result.end, result.quote, result.prefix, result.suffix
    )


class _Seen:
    """Duplicates: the same highlight at the same place, made at the same moment (or, for
    tools that keep no dates, with the same note). Importing a file twice must not double
    it, nor may one file that holds a highlight twice: asked of the library and of the rows
    this import has not written yet."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._pending: dict[tuple[object, ...], list[tuple[str, str]]] = {}

    def has(self, article_id: int, item: PortableAnnotation, place: AnchorResult) -> bool:
        where = (article_id, place.quote, place.start, place.end)
        if item.created:
            same_origin, value, index = "created = ?", item.created, 0
        else:
            same_origin, value, index = "note = ?", item.note, 1
        if any(seen[index] == value for seen in self._pending.get(where, ())):
            return True
        sql = (
            "SELECT 1 FROM annotations WHERE article_id = ? AND quote = ? "
            f'AND start IS ? AND "end" IS ? AND {same_origin} LIMIT 1'
        )
        return self._conn.execute(sql, [*where, value]).fetchone() is not None

    def add(self, row: dict[str, object]) -> None:
        where = (row["article_id"], row["quote"], row["start"], row["end"])
        self._pending.setdefault(where, []).append((str(row["created"]), str(row["note"])))


def _clean_tags(names: Iterable[str]) -> list[str]:
    out = []
    for name in names:
        try:
            out.append(clean_tag(name))
        except LibraryError:
            continue  # a tag with no letter cannot exist here; the passage still comes in
    return out


def _row(
    target: _Target, item: PortableAnnotation, place: AnchorResult, colors: set[str], now: str
) -> dict[str, object]:
    """The annotations row (but its id) for one placed annotation."""
    return {
        "article_id": target.id,
        "version": target.version,
        "quote": place.quote,
        "prefix": place.prefix,
        "suffix": place.suffix,
        "start": place.start,
        "end": place.end,
        "status": place.status,
        "color": item.color if item.color in colors else "yellow",
        "note": item.note,
        "created": item.created or now,
        "updated": item.modified or item.created or now,
    }


def import_annotations(library: Library, data: Any) -> TransferReport:
    """Import a parsed JSON document in one transaction: all of it lands, or none. The
    annotations are placed one by one, then written together (Annotations.add_rows: one bulk
    insert, new ids, their tags)."""
    items, problems = parse(data)
    report = TransferReport(invalid=problems)
    conn = library.conn
    articles = _Articles(conn)
    colors = {c.name for c in library.colors.all()}
    missing: dict[str, None] = {}
    now = now_iso()
    rows: list[dict[str, object]] = []
    tags: list[list[str]] = []
    with transaction(conn):
        seen = _Seen(conn)
        for item in items:
            found = articles.find(item)
            if found is None:
                report.skipped += 1
                missing[item.title or item.source or "an article without a source"] = None
                continue
            target, old_text = found
            place = _place(item, target, old_text)
            if seen.has(target.id, item, place):
                report.duplicates += 1
                continue
            rows.append(_row(target, item, place, colors, now))
            tags.append(_clean_tags(item.tags))
            seen.add(rows[-1])
            setattr(report, place.status, getattr(report, place.status) + 1)
        if rows:
            library.annotations.add_rows(rows, tags)
    report.missing = list(missing)
    return report


def import_text(library: Library, text: str) -> TransferReport:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a JSON file ({exc.msg} at line {exc.lineno})") from None
    return import_annotations(library, data)
