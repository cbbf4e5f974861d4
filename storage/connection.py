"""Opening a library file: refuse what is not ours or too new, then migrate.

A file that is not a Postil library is never written to: it is inspected read-only first,
through SQLite (storage.library_files), never with a raw file handle.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage import library_files, stems
from storage.errors import LibraryDamaged, LibraryError
from storage.migrations import APPLICATION_ID, LATEST_VERSION, migrate


def check_library_file(path: Path) -> None:
    """Raise LibraryError unless path is absent, empty, or a Postil library we can read."""
    state = library_files.inspect(path)
    if state.kind in ("absent", "empty"):
        return
    if state.kind == "folder":
        raise LibraryError(f"{path} is a folder, not a library file")
    if state.kind == "unreadable":
        raise LibraryError(f"cannot read {path}: {state.detail}")
    if state.kind == "not_sqlite":
        from storage.backup import list_backups  # only for a file that does not look like ours

        if list_backups(path):  # Postil backed this file up: it was ours, now it is damaged
            raise LibraryDamaged(f"{path.name} is no longer an SQLite file")
        raise LibraryError(f"{path} is not a Postil library (not an SQLite file); left untouched")
    if state.kind == "damaged":
        raise LibraryDamaged(state.detail)
    if state.application_id != APPLICATION_ID and state.objects:
        raise LibraryError(f"{path} is an SQLite file of another program; left untouched")
    if state.user_version > LATEST_VERSION:
        raise LibraryError(
            f"{path} was written by a newer Postil (library format {state.user_version}, this "
            f"version reads up to {LATEST_VERSION}); please update Postil"
        )


def connect(path: Path, *, check_stems: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) and migrate a library file. check_stems=False leaves the
    stemmers' check (storage.stems.check_format) to the caller, for later."""
    check_library_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = library_files.connect(path)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"cannot open {path}: {exc}") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn)
        stems.add_function(conn)
        if check_stems:
            stems.check_format(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise LibraryError(f"cannot prepare {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LibraryDamaged(str(exc)) from None
    except BaseException:  # a migration step's own error: no connection is left counted
        conn.close()
        raise
    return conn
