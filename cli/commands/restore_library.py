"""postil restore FILE: put a backup back; the library as it was is kept beside it, never lost."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from storage import damage_note
from storage.backup import replace_damaged, restore_into, unpacked, validate_backup
from storage.integrity import quick_check
from storage.library import Library

NAME = "restore"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="restore the library from a backup",
        description="Check FILE (a compressed backup is unpacked to a temporary file and "
        "checked whole first), save the current library beside it as "
        "<library>.before-restore-<time>, then copy FILE into the library.",
    )
    p.add_argument("file", metavar="FILE", help="a backup (see <library>.backups/)")
    # Restore must work when the library itself no longer opens: it gets the path.
    p.set_defaults(run=run, library_path_only=True)


def run(args: argparse.Namespace, library_path: Path) -> int:
    backup = Path(args.file).expanduser()
    if library_path.exists() and backup.resolve() == library_path.resolve():
        raise ValueError("that is the library itself; name a backup file")
    # A packed backup is unpacked once, to a temporary file, and checked before the library
    # is opened or touched: a bad file changes nothing.
    with unpacked(backup) as plain:
        validate_backup(plain, shown=backup)
        if library_path.exists() and _whole(library_path):
            with Library.open(library_path) as library:  # through SQLite: a window open on it
                kept = restore_into(library.conn, library.path, plain)  # sees it as a change
            message = f"restored from {backup}; the library as it was is kept at {kept}"
        else:  # damaged: replaced as a whole file, so never while a window has it open
            kept = replace_damaged(library_path, plain)
            message = f"restored from {backup}; the damaged library is kept at {kept}"
    damage_note.clear(library_path)
    print(message)
    return 0


def _whole(library_path: Path) -> bool:
    try:
        return quick_check(library_path) == "ok"
    except sqlite3.Error:
        return False
