"""postil restore FILE: put a backup back; the library as it was is kept beside it, never lost."""

from __future__ import annotations

import argparse
from pathlib import Path

from storage.backup import restore_into, validate_backup
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
    p.set_defaults(run=run)


def run(args: argparse.Namespace, library: Library) -> int:
    backup = Path(args.file).expanduser()
    if backup.resolve() == library.path.resolve():
        raise ValueError("that is the library itself; name a backup file")
    validate_backup(backup)
    kept = restore_into(library.conn, library.path, backup)
    print(f"restored from {backup}; the library as it was is kept at {kept}")
    return 0
