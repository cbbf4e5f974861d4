"""Deleting articles (junk imports) with everything that hangs off them, and putting them back
exactly as they were: the window's undo, and `postil delete`. One transaction each way."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from storage.database import insert_rows
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
    """Undo remove_articles: the same ids, rows and highlights (with their tags), each table's
    rows in one bulk insert (sqlite-utils' insert_all), all in one transaction."""
    conn = library.conn
    try:
        with transaction(conn):
            insert_rows(conn, "articles", [item.article for item in removed])
            for table, rows in (
                ("article_versions", [row for item in removed for row in item.versions]),
                ("images", [row for item in removed for row in item.images]),
                ("reading_state", [row for item in removed for row in item.reading]),
            ):
                insert_rows(conn, table, rows)
            from storage.near_duplicates import sign_articles

            sign_articles(conn, [item.id for item in removed])  # found again as captures
            from storage.stems import index_articles

            index_articles(conn, [item.id for item in removed])  # found again by their words
            library.annotations.restore_all([a for item in removed for a in item.annotations])
    except sqlite3.IntegrityError:
        raise LibraryError(
            "the article was imported again since it was deleted; nothing was put back"
        ) from None
