"""Annotations: highlights with their selectors, colour, note and tags."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storage.annotation_rows import COLUMNS as _COLUMNS
from storage.annotation_rows import record as _record
from storage.clock import now_iso
from storage.database import insert_rows
from storage.errors import LibraryError, NotFound
from storage.highlight_spans import highlight_spans
from storage.records import Annotation
from storage.sequences import take_ids
from storage.tags import Tags
from storage.transaction import transaction

_STORED = (  # the columns of the annotations table, each the Annotation field of that name
    "id",
    "article_id",
    "version",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "status",
    "color",
    "note",
    "created",
    "updated",
)


class ArticleChanged(LibraryError):
    """The article got a new version between reading its text and writing a highlight."""

    def __init__(self) -> None:
        super().__init__(
            "the article changed since it was opened (a newer version was imported); "
            "select the passage again"
        )


@dataclass(frozen=True, slots=True)
class NewAnnotation:
    """What a selection becomes: the selectors against the article's canonical text."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    color: str = "yellow"
    note: str = ""
    tags: tuple[str, ...] = ()
    version: int | None = None  # the article version start/end refer to; None: the current


@dataclass(frozen=True, slots=True)
class AnnotationFilter:
    article_id: int | None = None
    color: str | None = None
    tag: str | None = None
    query: str | None = None
    status: str | None = None


class Annotations:
    def __init__(self, conn: sqlite3.Connection, tags: Tags) -> None:
        self._conn = conn
        self._tags = tags

    def check_color(self, color: str) -> None:
        if not self._conn.execute("SELECT 1 FROM colors WHERE name = ?", [color]).fetchone():
            names = ", ".join(
                r[0] for r in self._conn.execute("SELECT name FROM colors ORDER BY position")
            )
            raise LibraryError(f"unknown colour {color!r}; choose one of {names}")

    def _next_ids(self, count: int = 1) -> range:
        return take_ids(self._conn, "annotations", count)

    def add(self, article_id: int, new: NewAnnotation) -> int:
        """Store a highlight under a new id. The article's version is checked in the same
        write transaction that stamps it: a re-import landing in between (another process)
        refuses the highlight instead of storing old offsets under the new version."""
        self.check_color(new.color)
        now = now_iso()
        with transaction(self._conn):
            row = self._conn.execute(
                "SELECT version FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if row is None:
                raise NotFound(f"there is no article {article_id} in this library")
            if new.version is not None and new.version != row[0]:
                raise ArticleChanged()
            cursor = self._conn.execute(
                "INSERT INTO annotations (id, article_id, version, quote, prefix, suffix, start, "
                '"end", status, color, note, created, updated) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'anchored', ?, ?, ?, ?)",
                [
                    self._next_ids(1)[0],
                    article_id,
                    row[0],
                    new.quote,
                    new.prefix,
                    new.suffix,
                    new.start,
                    new.end,
                    new.color,
                    new.note,
                    now,
                    now,
                ],
            )
            new_id = cursor.lastrowid
            self._tags.set_for_annotation(new_id, new.tags)
        return new_id

    def restore(self, annotation: Annotation) -> None:
        """Put back a deleted annotation exactly as it was (undo of delete)."""
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO annotations (id, article_id, version, quote, prefix, suffix, start, "
                '"end", status, color, note, created, updated) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    annotation.id,
                    annotation.article_id,
                    annotation.version,
                    annotation.quote,
                    annotation.prefix,
                    annotation.suffix,
                    annotation.start,
                    annotation.end,
                    annotation.status,
                    annotation.color,
                    annotation.note,
                    annotation.created,
                    annotation.updated,
                ],
            )
            self._tags.set_for_annotation(annotation.id, annotation.tags)

    def add_rows(self, rows: Sequence[dict[str, object]], tags: Sequence[Iterable[str]]) -> range:
        """Store many highlights at once (an import) under new ids, with their tags: one bulk
        insert (sqlite-utils' insert_all) inside the caller's transaction. rows hold the
        columns of annotations but id; tags[i] belongs to rows[i]."""
        with transaction(self._conn):
            ids = self._next_ids(len(rows))
            insert_rows(
                self._conn,
                "annotations",
                ({"id": new_id, **row} for new_id, row in zip(ids, rows, strict=True)),
            )
            self._tags.attach(zip(ids, tags, strict=True))
        return ids

    def restore_all(self, annotations: Sequence[Annotation]) -> None:
        """Put back many deleted annotations exactly as they were, with the same ids (undo of
        deleting an article): one bulk insert, inside the caller's transaction."""
        with transaction(self._conn):
            insert_rows(
                self._conn,
                "annotations",
                ({name: getattr(a, name) for name in _STORED} for a in annotations),
            )
            self._tags.attach((a.id, a.tags) for a in annotations)

    def get(self, annotation_id: int) -> Annotation:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations n WHERE n.id = ?", [annotation_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no annotation {annotation_id}")
        return _record(row)

    def for_article(self, article_id: int) -> list[Annotation]:
        """In text order; orphans last."""
        return [
            _record(row)
            for row in self._conn.execute(
                f"SELECT {_COLUMNS} FROM annotations n WHERE n.article_id = ? "
                'ORDER BY n.start IS NULL, n.start, n."end", n.id',
                [article_id],
            )
        ]

    def spans(self, article_id: int) -> list[tuple[int, int, int, str]]:
        """(start, end, id, colour) of the anchored highlights: all the reader paints."""
        return highlight_spans(self._conn, article_id)

    def find(self, flt: AnnotationFilter, *, limit: int | None = None) -> list[Annotation]:
        """Across the library, newest article first, text order within one."""
        where, params = [], []
        if flt.article_id is not None:
            where.append("n.article_id = ?")
            params.append(flt.article_id)
        if flt.color:
            where.append("n.color = ?")
            params.append(flt.color)
        if flt.status:
            where.append("n.status = ?")
            params.append(flt.status)
        if flt.tag:
            where.append(
                "n.id IN (SELECT t.annotation_id FROM annotation_tags t JOIN tags g "
                "ON g.id = t.tag_id WHERE g.name = ?)"
            )
            params.append(flt.tag)
        if flt.query:
            from storage.search import fts_query  # a search's module: not for the first frame

            where.append(
                "n.id IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)"
            )
            params.append(fts_query(flt.query))
        sql = (
            f"SELECT {_COLUMNS} FROM annotations n JOIN articles a ON a.id = n.article_id "
            + (f"WHERE {' AND '.join(where)} " if where else "")
            + "ORDER BY a.captured DESC, a.id DESC, n.start IS NULL, n.start, n.id"
            + (f" LIMIT {int(limit)}" if limit else "")
        )
        return [_record(row) for row in self._conn.execute(sql, params)]

    def count(self, article_id: int | None = None) -> int:
        if article_id is None:
            return self._conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
        return self._conn.execute(
            "SELECT count(*) FROM annotations WHERE article_id = ?", [article_id]
        ).fetchone()[0]

    def _update(self, annotation_id: int, sql: str, params: Iterable[object]) -> None:
        cursor = self._conn.execute(
            f"UPDATE annotations SET {sql}, updated = ? WHERE id = ?",
            [*params, now_iso(), annotation_id],
        )
        if cursor.rowcount == 0:
            raise NotFound(f"there is no annotation {annotation_id}")

    def set_color(self, annotation_id: int, color: str) -> None:
        self.check_color(color)
        with transaction(self._conn):
            self._update(annotation_id, "color = ?", [color])

    def set_note(self, annotation_id: int, note: str) -> None:
        with transaction(self._conn):
            self._update(annotation_id, "note = ?", [note])

    def set_tags(self, annotation_id: int, tags: Iterable[str]) -> None:
        with transaction(self._conn):
            self._update(annotation_id, "color = color", [])
            self._tags.set_for_annotation(annotation_id, tags)

    def set_anchor(
        self,
        annotation_id: int,
        *,
        version: int,
        status: str,
        start: int | None,
        end: int | None,
        quote: str,
        prefix: str,
        suffix: str,
        check_current: bool = False,
    ) -> None:
        """Record where re-anchoring (or re-attaching an orphan) put a highlight.
        check_current: refuse unless version is still the article's (checked in the write)."""
        with transaction(self._conn):
            if check_current:
                row = self._conn.execute(
                    "SELECT a.version FROM articles a JOIN annotations n "
                    "ON n.article_id = a.id WHERE n.id = ?",
                    [annotation_id],
                ).fetchone()
                if row is None:
                    raise NotFound(f"there is no annotation {annotation_id}")
                if row[0] != version:
                    raise ArticleChanged()
            self._update(
                annotation_id,
                'version = ?, status = ?, start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?',
                [version, status, start, end, quote, prefix, suffix],
            )

    def delete(self, annotation_id: int) -> Annotation:
        """Delete and hand back what was deleted, so the caller can undo."""
        with transaction(self._conn):
            gone = self.get(annotation_id)
            self._conn.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return gone
