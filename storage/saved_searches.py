"""The analyst's saved searches, in the library (meta 'saved_searches': a JSON list of
queries). Apart from storage.search: the library pane lists them in the window's first
frame, and the search machinery (its query parser, its tiers) loads with the first search."""

from __future__ import annotations

import json
import sqlite3

from storage.transaction import transaction

SAVED_KEY = "saved_searches"


def saved(conn: sqlite3.Connection) -> list[str]:
    """The saved searches, in the order saved."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [SAVED_KEY]).fetchone()
    if row is None:
        return []
    try:
        queries = json.loads(row[0])
    except ValueError:
        return []
    return [q for q in queries if isinstance(q, str)] if isinstance(queries, list) else []


def save(conn: sqlite3.Connection, query: str) -> None:
    """Keep this search (once; blank is not a search)."""
    query = " ".join(query.split())
    if query:
        with transaction(conn):
            kept = saved(conn)
            if query not in kept:
                _write(conn, [*kept, query])


def forget(conn: sqlite3.Connection, query: str) -> None:
    query = " ".join(query.split())
    with transaction(conn):
        _write(conn, [q for q in saved(conn) if q != query])


def _write(conn: sqlite3.Connection, queries: list[str]) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SAVED_KEY, json.dumps(queries, ensure_ascii=False)],
    )
