"""postil search QUERY: ranked full-text search with snippets."""

from __future__ import annotations

import argparse

from cli.output import one_line, print_json
from storage.library import Library
from storage.search import plain_snippet

NAME = "search"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="full-text search of titles and texts",
        description='Words and "phrases" in titles and texts; -word leaves out; site:, tag:, '
        "color:, is:unread|reading|done, after: and before: (YYYY[-MM[-DD]]) narrow; filters "
        "alone list the articles they keep, newest first.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, library: Library) -> int:
    hits = library.search.articles(" ".join(args.query))
    if args.json:
        print_json(
            [{"id": h.id, "title": h.title, "snippet": plain_snippet(h.snippet)} for h in hits]
        )
        return 0
    if not hits:
        print("No article matches.")
        return 0
    for hit in hits:
        print(f"{hit.id:>5}  {one_line(hit.title, 90)}")
        print(f"       {one_line(plain_snippet(hit.snippet, mark='*'), 100)}")
    return 0
