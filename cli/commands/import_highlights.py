"""postil import-highlights FILE...: highlights made in Hypothesis, Omnivore or Readwise,
attached to this library's articles and re-anchored like any other highlight.

One summary line per file (attached, orphaned, skipped), then one line per refusal and per
article the library lacks; non-zero exit when a file was refused as a whole."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.output import print_json
from storage.highlight_import import HighlightImportReport, import_highlight_file
from storage.library import Library

NAME = "import-highlights"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="import highlights from Hypothesis, Omnivore or Readwise",
        description="Attach highlights exported from other tools: Hypothesis JSON (by page "
        "address), an Omnivore export .zip (its saved articles are imported too) or a "
        "Readwise .csv (by title). Each quote is anchored on the article's text; one whose "
        "passage is not found is kept as an orphan to re-attach, one whose article is not in "
        "the library is skipped. Importing the same export again adds nothing.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="an export file (.json, .zip, .csv)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=run, writes=True)


def _lines(report: HighlightImportReport) -> list[str]:
    lines = [report.summary()]
    lines += [f"  refused: {line}" for line in report.refusals]
    lines += [f"  not in the library: {label}" for label in report.missing]
    return lines


def run(args: argparse.Namespace, library: Library) -> int:
    reports = []
    for name in args.files:
        report = import_highlight_file(library, Path(name))
        reports.append(report)
        if not args.json:
            print("\n".join(_lines(report)), flush=True)
    if args.json:
        print_json([r.as_json() for r in reports])
    return 1 if any(r.error is not None for r in reports) else 0
