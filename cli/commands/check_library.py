"""postil check: SQLite's integrity check, the search indexes and Postil's own promises."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.output import print_json
from storage import damage_note
from storage.checkup import check_library_file

NAME = "check"
DAMAGED_EXIT = 3


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="check the library for damage",
        description="Run SQLite's integrity check, the full-text indexes' own checks and "
        "Postil's consistency checks, read-only. One line per finding; exit status 3 when the "
        "library is damaged (and the newest good backup is named), 0 when it is whole.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--search-index",
        action="store_true",
        help="also make the word-form and prefix search indexes again from the articles and "
        "highlights and compare them (takes about as long as building them: minutes for a "
        "large library)",
    )
    # Check must work when the library no longer opens: it gets the path.
    p.set_defaults(run=run, library_path_only=True)


def run(args: argparse.Namespace, library_path: Path) -> int:
    findings = check_library_file(library_path, search_indexes=args.search_index)
    damaged = [f for f in findings if f.damage]
    advice = damage_note.restore_advice(library_path) if damaged else ""
    if damaged:
        damage_note.record(library_path, damaged[0].message)
    elif library_path.exists():
        damage_note.clear(library_path)
    if args.json:
        print_json(
            {
                "library": str(library_path),
                "ok": not damaged,
                "findings": [
                    {"check": f.check, "message": f.message, "damage": f.damage} for f in findings
                ],
                "advice": advice,
            }
        )
    else:
        for f in findings:
            print(f"{f.check}: {f.message}")
        if damaged:
            print(f"damaged: {advice}")
        else:
            print(f"ok: {library_path} is whole")
    return DAMAGED_EXIT if damaged else 0
