"""postil import FILE_OR_FOLDER...: one line per file; non-zero exit if any file failed."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.output import print_json
from core.importers.errors import ImportRefused
from storage.importing import ImportReport, import_into
from storage.library import Library

NAME = "import"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="import files or folders of articles",
        description="Import saved pages (.html, .mhtml), browser-copied text "
        "(.txt) and Markdown notes (.md). Folders are walked.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=run, writes=True)


def _line(report: ImportReport) -> str:
    if report.error is not None:
        return f"failed    {report.path}: {report.error}"
    outcome = report.outcome
    assert outcome is not None
    if outcome.status == "exists":
        return (
            f"exists    {report.path}: already in the library as #{outcome.article_id} "
            f"“{outcome.title}”"
        )
    if outcome.status == "updated":
        return (
            f"updated   {report.path}: #{outcome.article_id} “{outcome.title}” "
            f"(version {outcome.version})"
        )
    return f"imported  {report.path}: #{outcome.article_id} “{outcome.title}”"


def run(args: argparse.Namespace, library: Library) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    reports: list[ImportReport] = [
        ImportReport(p, None, ImportRefused("no such file or folder")) for p in missing
    ]
    for report in import_into(library, [p for p in paths if p.exists()]):
        reports.append(report)
        if not args.json:
            print(_line(report), flush=True)
    if args.json:
        print_json([r.as_json() for r in reports])
    else:
        for report in reports[: len(missing)]:
            print(_line(report))
    return 1 if any(r.error is not None for r in reports) else 0
