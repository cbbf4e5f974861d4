"""postil annotate ID --quote TEXT: highlight a passage the way a selection in the reader would."""

from __future__ import annotations

import argparse

from cli.commands.show_article import annotation_json
from cli.output import print_json
from storage.highlighting import annotate_quote
from storage.library import Library

NAME = "annotate"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(NAME, help="highlight a quoted passage of an article")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--quote", required=True, help="the exact passage to highlight")
    p.add_argument(
        "--occurrence",
        type=int,
        default=1,
        metavar="N",
        help="which occurrence of the quote (default 1)",
    )
    p.add_argument("--color", default="yellow", help="yellow, green, blue, red or purple")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    p.add_argument("--note", default="", help="a note (Markdown)")
    p.add_argument("--json", action="store_true", help="print the annotation as JSON")
    p.set_defaults(run=run, writes=True)


def run(args: argparse.Namespace, library: Library) -> int:
    if args.occurrence < 1:
        raise ValueError("--occurrence counts from 1")
    annotation_id = annotate_quote(
        library,
        args.id,
        args.quote,
        occurrence=args.occurrence,
        color=args.color,
        tags=args.tag,
        note=args.note,
    )
    annotation = library.annotations.get(annotation_id)
    if args.json:
        print_json(annotation_json(annotation))
    else:
        print(
            f"annotation #{annotation.id} on article #{args.id}: "
            f"{annotation.start}-{annotation.end} “{annotation.quote}”"
        )
    return 0
