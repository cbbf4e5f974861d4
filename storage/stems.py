"""The stemmed search index beside each article's text. index_article() runs in the
transaction that writes an article's current text (a new article or a new current version),
so the index never lags the text it describes."""

from __future__ import annotations

import sqlite3


def index_article(conn: sqlite3.Connection, article_id: int) -> None:
    """(Re)index the current text of one article."""
    del conn, article_id
