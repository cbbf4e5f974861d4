"""The library: one SQLite file and the repositories that read and write it.

The repositories work on the sqlite3 connection; `db`, the sqlite-utils handle on the same
connection, is made on first use, so opening a library costs no sqlite-utils import on the
window's start-up path.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path

from storage.annotations import Annotations
from storage.articles import Articles
from storage.colors import Colors
from storage.connection import connect
from storage.reanchoring import reanchor_article
from storage.search import Search
from storage.tags import Tags


class Library:
    """Open with Library.open(path); close() when done (or use it as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.tags = Tags(conn)
        self.annotations = Annotations(conn, self.tags)
        self.articles = Articles(
            conn,
            reanchor=lambda article_id, old, new, version: reanchor_article(
                self.annotations, article_id, old, new, version
            ),
        )
        self.search = Search(conn)
        self.colors = Colors(conn)

    @cached_property
    def db(self):
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @classmethod
    def open(cls, path: Path | str) -> Library:
        path = Path(path)
        return cls(connect(path), path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
