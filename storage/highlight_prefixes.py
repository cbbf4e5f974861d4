"""The prefix index of the highlights' passages and notes (annotations_prefixes, migration
7), which lets the search box match a word still being typed among hundreds of thousands of
highlights without merging every word it begins.

Highlights with an id from meta MARK_KEY up are in it, kept so by migration 7's triggers;
catch_up() adds the older ones, newest first, a batch per transaction, and lowers the mark
in the same transaction, so the rule holds at every moment and a kill loses nothing. Until
every highlight is in it, storage.search matches highlights in annotations_fts, which has
them all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from storage.transaction import transaction

MARK_KEY = "annotation_prefixes_below"
BATCH = 2000  # highlights indexed per transaction (short passages: a few milliseconds)


def _mark(conn: sqlite3.Connection) -> int | None:
    row = conn.execute(
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", [MARK_KEY]
    ).fetchone()
    return None if row is None else int(row[0])


def ready(conn: sqlite3.Connection) -> bool:
    """Is every highlight in annotations_prefixes?"""
    try:
        mark = _mark(conn)
    except sqlite3.OperationalError:
        return False
    if mark is None:  # a library before migration 7
        return False
    sql = "SELECT NOT EXISTS (SELECT 1 FROM annotations WHERE id < ?)"
    return bool(conn.execute(sql, [mark]).fetchone()[0])


def work_left(conn: sqlite3.Connection) -> bool:
    return _mark(conn) is not None and not ready(conn)


def catch_up(conn: sqlite3.Connection, cancelled: Callable[[], bool] = lambda: False) -> int:
    """Index the highlights below the mark, newest first; returns how many."""
    done = 0
    while not cancelled():
        with transaction(conn):
            mark = _mark(conn)
            if mark is None:
                break
            rows = conn.execute(
                "SELECT id, quote, note FROM annotations WHERE id < ? ORDER BY id DESC LIMIT ?",
                [mark, BATCH],
            ).fetchall()
            if not rows:
                break
            conn.executemany(
                "INSERT INTO annotations_prefixes (rowid, quote, note) VALUES (?, ?, ?)", rows
            )
            conn.execute("UPDATE meta SET value = ? WHERE key = ?", [str(rows[-1][0]), MARK_KEY])
        done += len(rows)
    return done


def start_again(conn: sqlite3.Connection) -> int:
    """Empty the index and set the mark above every highlight (postil compact
    --search-index); catch_up() builds it again. Returns the highlights to index."""
    if _mark(conn) is None:
        return 0
    with transaction(conn):
        conn.execute(
            "INSERT INTO annotations_prefixes (annotations_prefixes) VALUES ('delete-all')"
        )
        conn.execute(
            "UPDATE meta SET value = (SELECT coalesce(max(id), 0) + 1 FROM annotations) "
            "WHERE key = ?",
            [MARK_KEY],
        )
    return conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
