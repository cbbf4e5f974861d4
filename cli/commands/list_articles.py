"""postil list: the library's articles, newest first."""

from __future__ import annotations

import argparse

from cli.output import one_line, print_json, short_date
from storage.articles import READING_STATES, SORT_COLUMNS
from storage.library import Library

NAME = "list"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(NAME, help="list the articles in the library")
    p.add_argument(
        "--sort",
        choices=sorted(SORT_COLUMNS),
        default="captured",
        help="order (default: when captured, newest first)",
    )
    p.add_argument(
        "--state",
        choices=READING_STATES,
        action="append",
        help="only articles in this reading state (repeat for several)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, library: Library) -> int:
    descending = args.sort in ("captured", "published")
    ids = library.articles.ids(args.sort, descending=descending, states=args.state)
    found = library.articles.summaries(ids)
    rows = [found[i] for i in ids]
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "site": r.site,
                    "published": r.published,
                    "captured": r.captured,
                    "annotations": r.annotations,
                    "state": r.status,
                    "progress": r.progress,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("The library is empty. Add articles with: postil import FILE_OR_FOLDER")
        return 0
    width = max(len(str(r.id)) for r in rows)
    for r in rows:
        notes = f"  [{r.annotations}]" if r.annotations else ""
        notes += "" if r.status == "reading" else f"  ({r.status})"
        site = one_line(r.site or "", 18)
        print(
            f"{r.id:>{width}}  {short_date(r.published or r.captured)}  {site:<18}  "
            f"{one_line(r.title, 70)}{notes}"
        )
    return 0
