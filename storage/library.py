"""The library: one SQLite file and the repositories that read and write it.

The repositories work on the sqlite3 connection, in hand-written SQL: FTS5 queries, the read
paths the window runs on every refresh, single-row writes. Where sqlite-utils is the better
tool (bulk inserts with `insert_all`, migration steps written in Python) they go through
storage.database, which puts sqlite-utils' Database on this same connection; `db` is that
handle for whoever else wants it (tests, benchmarks, a migration script), made on first use.
sqlite-utils is imported on those paths only: opening a library costs no sqlite-utils import
on the window's start-up path, and neither do the repositories the window's first frame does
not use (annotations, search, colours): their modules load when first asked for.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from storage.articles import Articles
from storage.connection import connect
from storage.tags import Tags

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.annotations import Annotations
    from storage.colors import Colors
    from storage.search import Search


class Library:
    """Open with Library.open(path); close() when done (or use it as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.tags = Tags(conn)
        self.articles = Articles(conn, reanchor=self._reanchor)

    @cached_property
    def annotations(self) -> Annotations:
        from storage.annotations import Annotations

        return Annotations(self.conn, self.tags)

    @cached_property
    def search(self) -> Search:
        from storage.search import Search

        return Search(self.conn)

    @cached_property
    def colors(self) -> Colors:
        from storage.colors import Colors

        return Colors(self.conn)

    def _reanchor(self, article_id: int, old: str, new: str, version: int) -> tuple[int, int]:
        """A new version of an article moves its highlights onto the new text; returns
        (highlights moved, of those orphaned)."""
        from storage.reanchoring import reanchor_article

        return reanchor_article(self.annotations, article_id, old, new, version)

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on this library's connection (never on its path)."""
        from storage.database import database

        return database(self.conn)

    @classmethod
    def open(cls, path: Path | str, *, check_stems: bool = True) -> Library:
        """check_stems=False: the window checks the stemmers after its first frame."""
        path = Path(path)
        return cls(connect(path, check_stems=check_stems), path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
