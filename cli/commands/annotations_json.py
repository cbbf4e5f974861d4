"""postil export-annotations / import-annotations: every annotation as W3C Web Annotation
JSON, for backups and for moving annotations between libraries.

Two subcommands in one module, so the module exposes two command objects (EXPORT, IMPORT),
each with NAME, add_parser(sub) and run(args, library) like a one-command module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import SimpleNamespace

from cli.output import print_json
from core.export.files import write_atomically
from storage.annotation_transfer import as_text, export_collection, import_text
from storage.library import Library


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-annotations",
        help="export annotations as W3C Web Annotation JSON",
        description="Write every annotation (or those of the given articles) losslessly as a "
        "W3C Web Annotation collection.",
    )
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help="articles (default: all)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    p.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace, library: Library) -> int:
    data = export_collection(library, tuple(dict.fromkeys(args.ids)))
    text = as_text(data)
    if not args.output:
        sys.stdout.write(text)
        return 0
    write_atomically(args.output, text)
    print(f"wrote {data['total']} annotation(s) to {args.output}")
    return 0


def _add_import(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-annotations",
        help="import W3C Web Annotation JSON, re-anchoring it to this library's articles",
        description="Attach annotations from a JSON file to the articles of this library "
        "(found by content hash, then by URL). Annotations whose article is missing are "
        "skipped and counted.",
    )
    p.add_argument("file", metavar="FILE", help="a JSON file ('-' for standard input)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=_run_import, writes=True)


def _run_import(args: argparse.Namespace, library: Library) -> int:
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    report = import_text(library, text)
    if args.json:
        print_json(report.as_json())
        return 0
    print(report.summary())
    for title in report.missing:
        print(f"  not in this library: {title}")
    for problem in report.invalid:
        print(f"  unreadable: {problem}")
    return 0


EXPORT = SimpleNamespace(NAME="export-annotations", add_parser=_add_export, run=_run_export)
IMPORT = SimpleNamespace(NAME="import-annotations", add_parser=_add_import, run=_run_import)
