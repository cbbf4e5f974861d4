"""Is a library file healthy enough to open? Checked read-only, before anything writes to it.

A damaged library must reach the analyst as "damaged, here is your newest backup", never as a
fresh empty library; a read-only or full disk must reach them as a plain sentence, not a
traceback. This module decides which of those cases applies; it never modifies the file.
"""

import os
import sqlite3
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from storage import library_files
from storage.migrations import APPLICATION_ID, LATEST_VERSION


class State(StrEnum):
    OK = "ok"  # a Postil library that passed PRAGMA quick_check
    NEW = "new"  # absent or empty: opening creates a library
    DAMAGED = "damaged"  # was (or looks like) a library, fails to read or to check
    UNREADABLE = "unreadable"  # the operating system refuses to let us read it
    READ_ONLY = "read_only"  # readable, but the file or its folder cannot be written
    REFUSED = "refused"  # not ours (another program's file, a folder) or too new


class Health(NamedTuple):  # a named tuple: cheap to define before the first frame
    state: State
    detail: str  # one line for the analyst


def quick_check(path: Path, *, full: bool = False) -> str:
    """'ok' or SQLite's first complaint; raises sqlite3.Error when the file cannot be read."""
    conn = library_files.connect(path, read_only=True, create=False)
    try:
        return check_connection(conn, full=full)
    finally:
        conn.close()


def check_connection(conn: sqlite3.Connection, *, full: bool = False) -> str:
    """'ok' or SQLite's first complaints, on a connection already open (a backup's source)."""
    pragma = "integrity_check" if full else "quick_check"
    rows = conn.execute(f"PRAGMA {pragma}(5)").fetchall()
    messages = [str(r[0]) for r in rows]
    return "ok" if messages == ["ok"] else "; ".join(messages)


def _writable(path: Path) -> bool:
    """WAL needs to write the file and create -wal/-shm beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def check_library(
    path: Path, *, had_backups: bool | Callable[[], bool] = False, scan: bool = True
) -> Health:
    """Classify a library file without changing it. had_backups: Postil has backed this path
    up before, so a file that no longer looks like SQLite is damage, not a stranger's file
    (a callable is asked only then: a healthy start does not list the backups)."""

    def backed_up() -> bool:
        return had_backups() if callable(had_backups) else had_backups

    if not path.exists():
        parent = next((p for p in path.parents if p.exists()), None)
        if parent is not None and not os.access(parent, os.W_OK | os.X_OK):
            return Health(State.READ_ONLY, f"the folder {parent} is read-only")
        return Health(State.NEW, "no library yet")
    state = library_files.inspect(path)
    if state.kind == "folder":
        return Health(State.REFUSED, f"{path} is a folder, not a library file")
    if state.kind == "unreadable":
        return Health(State.UNREADABLE, f"cannot read {path}: {state.detail}")
    if state.kind in ("empty", "absent"):
        return Health(State.NEW, "empty file")
    if state.kind == "not_sqlite":
        if backed_up():
            return Health(State.DAMAGED, f"{path} is no longer an SQLite file")
        return Health(State.REFUSED, f"{path} is not a Postil library (not an SQLite file)")
    if state.kind == "damaged":
        return Health(State.DAMAGED, f"{path} cannot be read as a database ({state.detail})")
    if state.application_id != APPLICATION_ID and state.objects and not backed_up():
        return Health(State.REFUSED, f"{path} is an SQLite file of another program")
    if state.user_version > LATEST_VERSION:
        return Health(State.REFUSED, f"{path} was written by a newer Postil")
    # scan=False: the header and schema only; the page-by-page quick_check, which reads
    # the whole file, then runs in the background once the window is up.
    try:
        verdict = quick_check(path) if scan else "ok"
    except sqlite3.DatabaseError as exc:
        return Health(State.DAMAGED, f"{path} cannot be read as a database ({exc})")
    except sqlite3.Error as exc:
        return Health(State.UNREADABLE, f"cannot open {path}: {exc}")
    if verdict != "ok":
        return Health(State.DAMAGED, f"{path} failed its check: {verdict[:200]}")
    if not _writable(path):
        return Health(State.READ_ONLY, f"{path} (or its folder) is read-only")
    return Health(State.OK, "ok")


def explain_write_error(exc: BaseException) -> str | None:
    """A sentence for a write that SQLite or the OS refused, or None if it is not one of those.
    Every write is one transaction, so a refused write lost only that one action."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    errno_ = getattr(exc, "errno", None)
    if name.startswith("SQLITE_FULL") or "disk is full" in text or errno_ == 28:
        return (
            "The disk is full, so the last change could not be saved. Everything saved before "
            "it is safe. Free some space and try again."
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text or errno_ in (13, 30):
        return (
            "The library cannot be written (the file, its folder or the disk is read-only), so "
            "the last change could not be saved. Everything saved before it is safe."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return (
            "The disk reported an error while saving, so the last change was not saved. "
            "Everything saved before it is safe; check the disk and make a backup."
        )
    return None
