"""Deleting articles (junk imports) with everything that hangs off them, and putting them back
exactly as they were: the window's undo, and `postil delete`. One transaction each way."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from storage.errors import LibraryError, NotFound
from storage.library import Library
from storage.records import Annotation
from storage.transaction import transaction

Row = dict[str, Any]


class RemovedArticle(NamedTuple):
    """An article as it was before deletion: enough to put every row of it back."""

    article: Row
    versions: list[Row]
    images: list[Row]
    reading: list[Row]
    annotations: list[Annotation]

    @property
    def id(self) -> int:
        return int(self.article["id"])

    @property
    def title(self) -> str:
        return str(self.article["title"])


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _insert(conn: sqlite3.Connection, table: str, rows: Iterable[Row]) -> None:
    for row in rows:
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def remove_articles(library: Library, article_ids: Iterable[int]) -> list[RemovedArticle]:
    """Delete the articles (all or none: an unknown id deletes nothing) and hand back what was
    deleted. Highlights, versions, images and the reading place go with them."""
    ids = list(dict.fromkeys(article_ids))
    conn = library.conn
    removed = []
    with transaction(conn):
        for article_id in ids:
            article = _rows(conn, "SELECT * FROM articles WHERE id = ?", [article_id])
            if not article:
                raise NotFound(f"there is no article {article_id} in this library")
            removed.append(
                RemovedArticle(
                    article[0],
                    *(
                        _rows(conn, f"SELECT * FROM {table} WHERE article_id = ?", [article_id])
                        for table in ("article_versions", "images", "reading_state")
                    ),
                    library.annotations.for_article(article_id),
                )
            )
            conn.execute("DELETE FROM articles WHERE id = ?", [article_id])  # cascades
    return removed


def put_back(library: Library, removed: Sequence[RemovedArticle]) -> None:
    """Undo remove_articles: the same ids, rows and highlights (with their tags)."""
    conn = library.conn
    try:
        with transaction(conn):
            for item in removed:
                _insert(conn, "articles", [item.article])
                _insert(conn, "article_versions", item.versions)
                _insert(conn, "images", item.images)
                _insert(conn, "reading_state", item.reading)
                for annotation in item.annotations:
                    library.annotations.restore(annotation)
    except sqlite3.IntegrityError:
        raise LibraryError(
            "the article was imported again since it was deleted; nothing was put back"
        ) from None
