"""`postil check`: is the library whole? SQLite's own checks, then Postil's promises.

A damaged page must be said, not discovered months later by a failing export. The checks
never change the library: the FTS checks run inside a transaction that is rolled back (FTS5
takes its 'integrity-check' command as an INSERT, so a read-only connection cannot ask it).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

import sqlite_utils

from storage import library_files
from storage.errors import is_damage
from storage.migrations import APPLICATION_ID, LATEST_VERSION

_TABLES = (
    "meta",
    "articles",
    "article_versions",
    "images",
    "colors",
    "annotations",
    "tags",
    "annotation_tags",
    "reading_state",
    "article_signatures",
    "articles_fts",
    "annotations_fts",
)
_FTS = ("articles_fts", "annotations_fts")
_DERIVED = ("articles_stems", "articles_prefixes")  # contentless: checked as structures only


class Finding(NamedTuple):
    check: str  # integrity, schema, foreign_keys, search_index, anchors
    message: str  # one line
    damage: bool = True  # False: a note that loses nothing (e.g. an empty library)


def check_library_file(
    path: Path, *, limit: int = 100, search_indexes: bool = False
) -> list[Finding]:
    """Every finding for the file at path; an empty list means healthy. search_indexes:
    also make the derived search indexes again and compare (minutes for a large library:
    about as long as building them)."""
    state = library_files.inspect(path)
    if state.kind == "absent":
        return [Finding("file", f"{path} does not exist", damage=False)]
    if state.kind in ("folder", "empty"):
        return [Finding("file", f"{path} is {'a folder' if state.kind == 'folder' else 'empty'}")]
    if state.kind != "sqlite":
        return [Finding("file", f"{path} cannot be read as a library ({state.detail})")]
    if state.application_id != APPLICATION_ID and state.objects:
        return [Finding("file", f"{path} is an SQLite file of another program")]
    if state.user_version > LATEST_VERSION:
        return [Finding("file", f"{path} was written by a newer Postil", damage=False)]
    conn = library_files.connect(path, create=False)
    try:
        return check_connection(conn, limit=limit, search_indexes=search_indexes)
    finally:
        conn.close()


def check_connection(
    conn: sqlite3.Connection, *, limit: int = 100, search_indexes: bool = False
) -> list[Finding]:
    findings: list[Finding] = []
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [Finding("integrity", f"the file cannot be checked: {exc}")]
    findings += [Finding("integrity", str(r[0])) for r in rows if r[0] != "ok"]
    findings += _schema(conn)
    if any(f.check == "schema" for f in findings):
        return findings  # the checks below name tables that are missing
    findings += _guarded("foreign_keys", conn, _foreign_keys)
    findings += _guarded("search_index", conn, _search_indexes)
    if search_indexes:
        findings += _guarded("search_index", conn, _derived_indexes)
    findings += _guarded("anchors", conn, _anchors)
    return findings


def _guarded(name: str, conn: sqlite3.Connection, check) -> list[Finding]:
    try:
        return check(conn)
    except sqlite3.DatabaseError as exc:
        return [Finding(name, f"could not be checked: {exc}")]


def _schema(conn: sqlite3.Connection) -> list[Finding]:
    """The tables every Postil library has, through sqlite-utils' introspection."""

    present = set(sqlite_utils.Database(conn).table_names())
    missing = [name for name in _TABLES if name not in present]
    return [Finding("schema", f"table {name} is missing") for name in missing]


def _foreign_keys(conn: sqlite3.Connection) -> list[Finding]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [Finding("foreign_keys", f"{r[0]} row {r[1]} points at a missing {r[2]}") for r in rows]


def _search_indexes(conn: sqlite3.Connection) -> list[Finding]:
    findings = []
    present = {
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for table in [*_FTS, *(t for t in _DERIVED if t in present)]:
        conn.execute("BEGIN")
        try:
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            findings.append(
                Finding("search_index", f"{table} does not match its table (rebuild it): {exc}")
            )
        finally:
            conn.execute("ROLLBACK")
    return findings


def _derived_indexes(conn: sqlite3.Connection) -> list[Finding]:
    """The contentless indexes made again from the articles and highlights, and compared.
    Derived, so nothing in the library is lost: a note, with its remedy."""
    from storage import stems

    stems.add_function(conn)
    return [
        Finding("search_index", f"{problem} (run: postil compact --search-index)", damage=False)
        for problem in stems.index_mismatches(conn)
    ]


def _anchors(conn: sqlite3.Connection) -> list[Finding]:
    """Postil's own promises: a highlight lies within its article's text, at a version the
    article has had."""
    rows = conn.execute(
        "SELECT n.id, n.article_id FROM annotations n JOIN articles a ON a.id = n.article_id "
        'WHERE n."end" > length(a.text) OR n.version > a.version'
    ).fetchall()
    return [Finding("anchors", f"highlight {i} lies outside article {a}'s text") for i, a in rows]
