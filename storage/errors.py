"""Errors the library raises; each message is one line meant for the analyst."""

from __future__ import annotations

import sqlite3


class LibraryError(Exception):
    """The library file cannot be used (foreign, newer, damaged, unwritable)."""


class NotFound(LibraryError):
    """An id that names nothing in this library."""


class LibraryDamaged(LibraryError):
    """SQLite found damage in the library (a check failed, or a read met a corrupt page).
    Whoever knows the library's path turns this into "restore from <newest good backup>"."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"the library is damaged ({detail[:200]})")
        self.detail = detail


def is_damage(exc: BaseException) -> bool:
    """Is this SQLite's way of saying the file is damaged (not locked, not full)?"""
    if isinstance(exc, LibraryDamaged):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    return (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or "not a database" in text
    )
