"""Ids that are never reused, even after a delete: briefs and postil:// links name articles
and passages by id (^h123), and a link must never come to point at something else; an undo
of a delete puts rows back under their old ids, which nothing new may have taken meanwhile.
SQLite reuses the largest id after it is deleted (the tables have no AUTOINCREMENT), so the
high-water mark of each table is kept in meta."""

from __future__ import annotations

import sqlite3

_KEYS = {"articles": "article_seq", "annotations": "annotation_seq"}


def take_ids(conn: sqlite3.Connection, table: str, count: int = 1) -> range:
    """count fresh ids for table; call inside the write transaction that uses them."""
    key = _KEYS[table]
    row = conn.execute(
        "SELECT max(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?), 0), "
        f"coalesce((SELECT max(id) FROM {table}), 0))",
        [key],
    ).fetchone()
    ids = range(row[0] + 1, row[0] + 1 + count)
    if ids:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, ids[-1]])
    return ids
