"""postil compact: compress the originals and the reader's content blocks an older Postil
stored uncompressed and give the space back to the disk, now, whatever the library's size
(the window does the same in the background, but leaves a large one-time VACUUM to this
command)."""

from __future__ import annotations

import argparse
import json
import sys

from storage import compaction
from storage.backup import library_size
from storage.library import Library

NAME = "compact"
_MB = 1024 * 1024


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="compress old originals and contents and shrink the library file",
        description="Compress the verbatim originals and the reader's content blocks that an "
        "older Postil kept uncompressed (a few articles at a time: it may be stopped and run "
        "again, and the window may stay open), "
        "then give the freed space back to the disk. The first time, this rewrites the file "
        "once (SQLite's VACUUM): it needs free disk for about twice the compacted library, "
        "and other programs writing to the library wait until it is done.",
    )
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.add_argument(
        "--search-index",
        action="store_true",
        help="also build the word-form and prefix search indexes again, from the articles "
        "(when 'postil check' finds them out of step); search finds every article by its "
        "words as written until they are built",
    )
    p.set_defaults(run=run, writes=True)


def _search_index_again(library: Library, quiet: bool) -> int:
    """Empty the derived search indexes and build them again now (storage.stems)."""
    from storage import stems

    total = stems.start_again(library.conn)

    def say(done: int, _total: int) -> None:
        if not quiet and sys.stderr.isatty():
            sys.stderr.write(f"\rindexing for search: {done} of {total}")
            sys.stderr.flush()

    stems.catch_up(library.conn, progress=say)
    if not quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    from storage import highlight_prefixes

    highlight_prefixes.start_again(library.conn)
    highlight_prefixes.catch_up(library.conn)
    return total


def run(args: argparse.Namespace, library: Library) -> int:
    reindexed = _search_index_again(library, args.json) if args.search_index else None
    before = library_size(library.conn)

    def say_progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            sys.stderr.write(f"\rcompressing stored captures: {done} of {total}")
            sys.stderr.flush()

    report = compaction.compact(library.conn, progress=say_progress)
    after = library_size(library.conn)
    if args.json:
        outcome = {**report._asdict(), "size_before": before, "size_after": after}
        if reindexed is not None:
            outcome["search_indexed"] = reindexed
        print(json.dumps(outcome))
        return 0
    if reindexed is not None:
        print(f"indexed {reindexed} articles for search again")
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    print(
        f"compressed {report.packed} captures ({report.saved / _MB:.1f} MB less); "
        f"the library went from {before / _MB:.1f} MB to {after / _MB:.1f} MB"
    )
    return 0
