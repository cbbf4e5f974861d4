"""The library: one SQLite file and the repositories that read and write it."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from storage.annotations import Annotations
from storage.articles import Articles
from storage.colors import Colors
from storage.connection import connect
from storage.reanchoring import reanchor_article
from storage.search import Search
from storage.tags import Tags


class Library:
    """Open with Library.open(path); close() when done (or use it as a context manager)."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.tags = Tags(db)
        self.annotations = Annotations(db, self.tags)
        self.articles = Articles(
            db,
            reanchor=lambda article_id, old, new, version: reanchor_article(
                self.annotations, article_id, old, new, version
            ),
        )
        self.search = Search(db)
        self.colors = Colors(db)

    @classmethod
    def open(cls, path: Path | str) -> Library:
        path = Path(path)
        return cls(connect(path), path)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
