"""postil delete ID...: remove junk imports, with their highlights, in one transaction."""

from __future__ import annotations

import argparse

from cli.output import print_json
from storage.article_removal import remove_articles
from storage.library import Library

NAME = "delete"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="delete articles and their highlights",
        description="Delete the articles with these ids, with their highlights, notes, older "
        "versions and images. All of them or none: an unknown id deletes nothing. Safe while "
        "the window has the library open; it refreshes. Backups keep older states.",
    )
    p.add_argument("ids", metavar="ID", type=int, nargs="+", help="article ids (see 'list')")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run, writes=True)


def run(args: argparse.Namespace, library: Library) -> int:
    removed = remove_articles(library, args.ids)
    if args.json:
        print_json(
            [{"id": r.id, "title": r.title, "annotations": len(r.annotations)} for r in removed]
        )
        return 0
    for r in removed:
        count = len(r.annotations)
        marks = f" with {count} highlight{'s' if count != 1 else ''}" if count else ""
        print(f"deleted {r.id} “{r.title}”{marks}")
    return 0
