"""postil export [ID...]: an annotated brief in Markdown, to a file or standard output."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from core.export.brief import BriefScope, Layout
from core.export.files import write_atomically
from core.export.markdown_brief import render_markdown
from storage.brief_source import load_brief
from storage.library import Library
from storage.library_files import refuse_library_target

NAME = "export"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def _moment(text: str) -> str:
    try:
        datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date or time: {text!r}") from None
    return text.strip()


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME,
        help="export an annotated brief to Markdown",
        description="Export the highlights of the chosen articles (default: all) as a Markdown "
        "brief. Options of one kind combine with OR (any of the tags), kinds with AND.",
    )
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help="articles (default: all)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    p.add_argument("--color", action="append", default=[], metavar="NAME", help="repeatable")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="article date from")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="article date until")
    p.add_argument("--search", metavar="QUERY", help="passages, notes or articles matching")
    p.add_argument(
        "--layout",
        choices=[layout.value for layout in Layout],
        default=Layout.ARTICLE.value,
        help="a section per article (default) or per tag",
    )
    p.add_argument("--title", help="the brief's title (default: from the scope)")
    p.add_argument(
        "--generated",
        type=_moment,
        metavar="ISO_DATE",
        help="the generation date to record (default: now); pins it for identical re-exports",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    p.set_defaults(run=run)


def scope_from_args(args: argparse.Namespace) -> BriefScope:
    return BriefScope(
        article_ids=tuple(dict.fromkeys(args.ids)),
        tags=tuple(dict.fromkeys(args.tag)),
        colors=tuple(dict.fromkeys(args.color)),
        since=args.since,
        until=args.until,
        search=args.search,
    )


def run(args: argparse.Namespace, library: Library) -> int:
    brief = load_brief(
        library,
        scope_from_args(args),
        layout=Layout(args.layout),
        title=args.title,
        generated=args.generated,
    )
    text = render_markdown(brief)
    if not args.output:
        sys.stdout.write(text)
        return 0
    refuse_library_target(args.output, library.path)
    write_atomically(args.output, text)
    cited = len({p.article_id for p in brief.passages})
    print(f"wrote {len(brief.passages)} passage(s) from {cited} article(s) to {args.output}")
    return 0
