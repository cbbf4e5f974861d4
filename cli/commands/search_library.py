"""postil search QUERY: ranked full-text search with snippets, by the words as typed and by
their stems (another form of the same word), and the highlights whose passage or note
matches, as their own group."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

from cli.output import one_line, print_json
from storage.library import Library
from storage.snippet_marks import plain_snippet

NAME = "search"
CATCH_UP_SECONDS = 2.0  # stemming older articles, at most this long per search


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="full-text search of titles and texts",
        description='Words and "phrases" in titles and texts (other forms of a word count: '
        '"elections" finds "election"); -word leaves out; site:, tag:, color:, '
        "is:unread|reading|done, after: and before: (YYYY[-MM[-DD]]) narrow; filters alone "
        "list the articles they keep, newest first. Matching highlights and notes follow.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--highlights",
        action="store_true",
        help='with --json: {"articles": [...], "highlights": [...]} instead of the articles',
    )
    p.set_defaults(run=run)


def catch_up_stems(library: Library, seconds: float = CATCH_UP_SECONDS) -> int:
    """Stem articles of an older library for a while (resumed by the next search or the
    window); those left are found by their words as written. Returns how many are left."""
    import sqlite3

    from storage import stems

    left = stems.pending(library.conn)
    if stems.work_left(library.conn):  # pending articles, or migration 4's table to retire
        deadline = time.monotonic() + seconds
        # busy (the window writing): the next search goes on
        with contextlib.suppress(sqlite3.OperationalError):
            stems.catch_up(library.conn, cancelled=lambda: time.monotonic() > deadline)
        left = stems.pending(library.conn)
    return left


def run(args: argparse.Namespace, library: Library) -> int:
    query = " ".join(args.query)
    left = catch_up_stems(library)
    hits = library.search.articles(query)
    highlights = library.search.highlights(query)
    if args.json:
        articles = [
            {"id": h.id, "title": h.title, "snippet": plain_snippet(h.snippet)} for h in hits
        ]
        if not args.highlights:
            print_json(articles)
            return 0
        print_json(
            {
                "articles": articles,
                "highlights": [
                    {
                        "id": h.id,
                        "article_id": h.article_id,
                        "article_title": h.article_title,
                        "color": h.color,
                        "quote": h.quote,
                        "note": h.note,
                        "snippet": plain_snippet(h.snippet),
                    }
                    for h in highlights
                ],
            }
        )
        return 0
    if left:
        print(
            f"({left:,} older articles are not indexed by word forms yet: they match by the "
            "words as written; each search indexes more)",
            file=sys.stderr,
        )
    if not hits:
        print("No article matches.")
    for hit in hits:
        print(f"{hit.id:>5}  {one_line(hit.title, 90)}")
        print(f"       {one_line(plain_snippet(hit.snippet, mark='*'), 100)}")
    if highlights:
        print()
        print(f"Highlights and notes ({len(highlights)})")
        for h in highlights:
            print(f"{h.article_id:>5}  {one_line(plain_snippet(h.snippet, mark='*'), 90)}")
            print(f"       in {one_line(h.article_title, 90)}")
    return 0
