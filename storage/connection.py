"""Opening a library file: refuse what is not ours or too new, then migrate.

A file that is not a Postil library is never written to: it is inspected read-only first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.errors import LibraryError
from storage.migrations import APPLICATION_ID, LATEST_VERSION, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"


def _inspect(path: Path) -> tuple[int, int, int]:
    """(application_id, user_version, number of schema objects), read-only."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(f"cannot open {path}: {exc}") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"{path} is damaged or not a database ({exc})") from None
    finally:
        conn.close()
    return app_id, version, objects


def check_library_file(path: Path) -> None:
    """Raise LibraryError unless path is absent, empty, or a Postil library we can read."""
    if not path.exists():
        return
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise LibraryError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not head:
        return
    if head != SQLITE_MAGIC:
        raise LibraryError(f"{path} is not a Postil library (not an SQLite file); left untouched")
    app_id, version, objects = _inspect(path)
    if app_id != APPLICATION_ID and objects:
        raise LibraryError(f"{path} is an SQLite file of another program; left untouched")
    if version > LATEST_VERSION:
        raise LibraryError(
            f"{path} was written by a newer Postil (library format {version}, this version "
            f"reads up to {LATEST_VERSION}); please update Postil"
        )


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate a library file."""
    check_library_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"cannot open {path}: {exc}") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise LibraryError(f"cannot prepare {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LibraryError(f"{path} is damaged ({exc})") from None
    return conn
