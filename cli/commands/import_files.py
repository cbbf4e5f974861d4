"""postil import FILE_OR_FOLDER...: one line per file; non-zero exit if any file failed.

Another capture of an article already in the library (the saved page of a text copied out
of the browser, say) becomes a new version of it, found by its text; --version-of ID says
which article a capture belongs to, --as-new keeps it a separate article."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cli.output import print_json
from core.importers.errors import ImportRefused
from storage.importing import ImportReport, import_into
from storage.library import Library
from storage.records import AddOutcome

NAME = "import"
_SAY_PREPARING_FROM = 500  # older articles to sign before it is worth a line on stderr


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="import files or folders of articles",
        description="Import saved pages (.html, .mhtml), browser-copied text "
        "(.txt) and Markdown notes (.md). Folders are walked. A capture of an article "
        "already in the library (same source URL, or nearly the same text) becomes a new "
        "version of it, and its highlights follow.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--version-of",
        type=int,
        metavar="ID",
        help="import FILE as a new version of article ID (another capture of it); "
        "its highlights follow",
    )
    how.add_argument(
        "--as-new",
        action="store_true",
        help="always a new article, even when an article has the same URL or nearly the same text",
    )
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=run, writes=True)


def _moved(outcome: AddOutcome) -> str:
    if not outcome.highlights:
        return ""
    said = f"; {outcome.highlights} highlight{'s' if outcome.highlights != 1 else ''} moved"
    return said + (f", {outcome.orphaned} to re-attach" if outcome.orphaned else "")


def _line(report: ImportReport) -> str:
    if report.error is not None:
        return f"failed    {report.path}: {report.error}"
    outcome = report.outcome
    assert outcome is not None
    where = f"#{outcome.article_id} “{outcome.title}”"
    if outcome.status == "exists":
        return f"exists    {report.path}: already in the library as {where}"
    if outcome.status == "updated":
        return f"updated   {report.path}: {where} (version {outcome.version}{_moved(outcome)})"
    if outcome.status == "version" and not outcome.current:
        return (
            f"version   {report.path}: kept as an older version of {where}; the "
            "better-structured capture stays current"
        )
    if outcome.status == "version":
        return (
            f"version   {report.path}: new version of {where} "
            f"(version {outcome.version}{_moved(outcome)})"
        )
    return f"imported  {report.path}: {where}"


def _preparing_note() -> Callable[[int, int], None]:
    """Says once, on stderr, why a first import into a large old library takes a while."""
    said = False

    def note(_done: int, total: int) -> None:
        nonlocal said
        if not said and total >= _SAY_PREPARING_FROM:
            said = True
            sys.stderr.write(
                f"postil: reading {total} older articles once, to recognise new captures of them…\n"
            )

    return note


def run(args: argparse.Namespace, library: Library) -> int:
    paths = [Path(p) for p in args.paths]
    if args.version_of is not None and (len(paths) != 1 or paths[0].is_dir()):
        raise ValueError("--version-of takes one file: the new capture of that article")
    missing = [p for p in paths if not p.exists()]
    reports: list[ImportReport] = [
        ImportReport(p, None, ImportRefused("no such file or folder")) for p in missing
    ]
    found = import_into(
        library,
        [p for p in paths if p.exists()],
        version_of=args.version_of,
        as_new=args.as_new,
        preparing=_preparing_note(),
    )
    for report in found:
        reports.append(report)
        if not args.json:
            print(_line(report), flush=True)
    if args.json:
        print_json([r.as_json() for r in reports])
    else:
        for report in reports[: len(missing)]:
            print(_line(report))
    return 1 if any(r.error is not None for r in reports) else 0
