"""postil backup: copy the library now, into its backups folder (packed) or to a file you
name (packed when its name ends in .zst, else a plain library file Postil or SQLite opens)."""

from __future__ import annotations

import argparse
from pathlib import Path

from storage.backup import backup_now, write_backup
from storage.library import Library
from storage.library_files import refuse_library_target

NAME = "backup"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="back up the library now",
        description="Copy the library (consistently, even while the window has it open) into "
        "<library>.backups/ as a compressed, checked .postil.zst, or to FILE with --to (compressed "
        "when FILE ends in .zst). Backups made by hand are never rotated away.",
    )
    p.add_argument("--to", metavar="FILE", help="write the backup to FILE instead")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, library: Library) -> int:
    if args.to:
        dest = Path(args.to).expanduser()
        refuse_library_target(dest, library.path)
        if dest.exists():
            raise ValueError(f"{dest} already exists; choose a new file name")
        made = write_backup(library.conn, dest)
    else:
        made = backup_now(library.conn, library.path)
    print(f"backed up to {made}")
    return 0
