"""Parse the command line and run one subcommand; errors are one line, never a traceback."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from types import ModuleType

from cli.commands import (
    annotate_article,
    annotations_json,
    backup_library,
    check_library,
    compact_library,
    delete_articles,
    export_brief,
    import_files,
    import_highlights,
    list_articles,
    restore_library,
    search_library,
    show_article,
)

COMMANDS: tuple[ModuleType, ...] = (
    import_files,
    list_articles,
    show_article,
    search_library,
    annotate_article,
    export_brief,
    annotations_json.EXPORT,
    annotations_json.IMPORT,
    import_highlights,
    backup_library,
    restore_library,
    check_library,
    compact_library,
    delete_articles,
)
COMMAND_NAMES = frozenset(m.NAME for m in COMMANDS)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, like argparse, but ours
        sys.stderr.write(f"postil: error: {message} (see 'postil --help')\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="postil",
        description="Postil: read, highlight and annotate articles. Without a command, "
        "opens the window.",
    )
    parser.add_argument(
        "--library",
        metavar="PATH",
        help="library file to use (default: $POSTIL_LIBRARY, else the app-data folder)",
    )
    parser.add_argument("--version", action="version", version="Postil 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def run_cli(argv: list[str]) -> int:
    from core.importers.errors import ImportRefused
    from storage.errors import LibraryError, is_damage
    from storage.location import chosen_library_path
    from storage.opening import open_chosen_library

    _utf8_streams()
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 2
    library_path = chosen_library_path(args.library)[0]
    try:
        refused = _known_damage(args, library_path)
        if refused is not None:
            return refused
        if getattr(args, "library_path_only", False):
            return args.run(args, library_path)
        with open_chosen_library(args.library) as library:
            return args.run(args, library)
    except Exception as exc:
        if is_damage(exc):
            return _say_damaged(library_path, getattr(exc, "detail", None) or str(exc))
        if isinstance(exc, LibraryError | ImportRefused | ValueError):
            sys.stderr.write(f"postil: error: {exc}\n")
            return 1
        if isinstance(exc, sqlite3.Error):
            sys.stderr.write(f"postil: error: the library could not be used: {exc}\n")
            return 1
        if isinstance(exc, OSError):
            sys.stderr.write(f"postil: error: {exc.strerror or exc}: {exc.filename or ''}\n")
            return 1
        if os.environ.get("POSTIL_DEBUG"):
            raise
        sys.stderr.write(f"postil: internal error: {type(exc).__name__}: {exc}\n")
        return 70
    except KeyboardInterrupt:
        sys.stderr.write("postil: interrupted\n")
        return 130


DAMAGED_EXIT = 3


def _known_damage(args: argparse.Namespace, library_path) -> int | None:
    """Damage found earlier (by check, a backup, the window) is said by every command until a
    check passes or a restore: writes are refused, reads go on (to salvage what they can)."""
    from storage import damage_note

    if args.command in (check_library.NAME, restore_library.NAME):
        return None
    note = damage_note.read(library_path)
    if note is None:
        return None
    message = damage_note.damaged_message(library_path, note.detail)
    if getattr(args, "writes", False):
        sys.stderr.write(f"postil: error: {message}; nothing was changed\n")
        return DAMAGED_EXIT
    sys.stderr.write(f"postil: warning: {message}\n")
    return None


def _say_damaged(library_path, detail: str) -> int:
    from storage import damage_note

    damage_note.record(library_path, detail)
    sys.stderr.write(f"postil: error: {damage_note.damaged_message(library_path, detail)}\n")
    return DAMAGED_EXIT
