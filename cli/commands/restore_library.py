"""postil restore FILE: put a backup back; the library as it was is kept beside it, never lost."""

from __future__ import annotations

import argparse
from pathlib import Path

from storage import damage_note
from storage.backup import replace_damaged, restore_into, validate_backup
from storage.errors import LibraryError
from storage.library import Library

NAME = "restore"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="restore the library from a backup",
        description="Check FILE, save the current library beside it as "
        "<library>.before-restore-<time>, then copy FILE into the library.",
    )
    p.add_argument("file", metavar="FILE", help="a backup (see <library>.backups/)")
    # Restore must work when the library itself no longer opens: it gets the path.
    p.set_defaults(run=run, library_path_only=True)


def run(args: argparse.Namespace, library_path: Path) -> int:
    backup = Path(args.file).expanduser()
    if library_path.exists() and backup.resolve() == library_path.resolve():
        raise ValueError("that is the library itself; name a backup file")
    validate_backup(backup)
    try:
        library = Library.open(library_path)
    except LibraryError:  # damaged or unreadable: keep it aside, put the backup in its place
        # The file is replaced as a whole, so never while a window has it open.
        kept = replace_damaged(library_path, backup)
        damage_note.clear(library_path)
        print(f"restored from {backup}; the damaged library is kept at {kept}")
        return 0
    with library:  # through SQLite: a window open on it sees the restore like any change
        kept = restore_into(library.conn, library.path, backup)
    damage_note.clear(library_path)
    print(f"restored from {backup}; the library as it was is kept at {kept}")
    return 0
