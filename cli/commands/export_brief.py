"""postil export [ID...]: an annotated brief in Markdown."""

from __future__ import annotations

import argparse

from storage.library import Library

NAME = "export"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(NAME, help="export an annotated brief to Markdown")
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, library: Library) -> int:
    raise ValueError("export is not available yet in this build")
