"""postil export [ID...]: an annotated brief (Markdown, HTML or CSV, from a preset or the
analyst's own template, or PDF and ODT laid out by Qt from the HTML one), to a file or
standard output. `--list-templates` lists them."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from cli.document_writers import DOCUMENT_FORMATS, write_document
from core.export.brief import BriefScope, Layout
from core.export.brief_data import brief_data
from core.export.docx_brief import DOCX_TEMPLATES, write_docx
from core.export.docx_brief import names_read as docx_names_read
from core.export.files import write_atomically, write_file_atomically
from core.export.markdown_brief import default_template_name
from core.export.templates import (
    FORMATS,
    TemplateInfo,
    find_template,
    list_templates,
    render,
    user_templates_dir,
)
from storage.brief_source import load_brief
from storage.errors import LibraryError
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
        help="export an annotated brief (Markdown, HTML or CSV)",
        description="Export the highlights of the chosen articles (default: all) as a brief, "
        "through a template. Options of one kind combine with OR (any of the tags), kinds "
        "with AND.",
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
    p.add_argument(
        "--format",
        choices=[*FORMATS, *DOCUMENT_FORMATS, "docx"],
        help="md, html, csv, pdf, odt or docx (default: from the output's suffix, else the "
        "template's, else md); pdf and odt are laid out from the HTML template, docx by "
        "Postil for the brief and annotated-article presets",
    )
    p.add_argument(
        "--template",
        metavar="NAME|FILE",
        help="a preset or your template by name, or a NAME.FORMAT.j2 file (see --list-templates)",
    )
    p.add_argument(
        "--list-templates", action="store_true", help="list the templates and where yours go"
    )
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


SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".pdf": "pdf",
    ".odt": "odt",
    ".docx": "docx",
}


def chosen_format(args: argparse.Namespace) -> str | None:
    """--format, else the output's suffix (None: the template's own)."""
    if args.format:
        return args.format
    return SUFFIXES.get(Path(args.output).suffix.lower()) if args.output else None


def chosen_template(args: argparse.Namespace) -> TemplateInfo:
    """--format, else the output's suffix; --template, else the preset for the layout. PDF
    and ODT are made from the HTML template."""
    fmt = chosen_format(args)
    if fmt in DOCUMENT_FORMATS:
        fmt = "html"
    elif fmt == "docx":
        fmt = "md"  # only for the preset's name: Word files are laid out by core.export
    if args.template:
        return find_template(args.template, fmt)
    return find_template(default_template_name(Layout(args.layout), fmt or "md"), fmt or "md")


def _list_templates() -> int:
    for info in list_templates():
        origin = "preset" if info.builtin else str(info.path)
        print(f"{info.name}\t{info.format}\t{info.title}\t{origin}")
    print(f"your templates folder: {user_templates_dir()}")
    return 0


def run(args: argparse.Namespace, library: Library) -> int:
    if args.list_templates:
        return _list_templates()
    document = chosen_format(args) in (*DOCUMENT_FORMATS, "docx")
    if document and not args.output:
        raise LibraryError(f"a {chosen_format(args).upper()} brief needs -o FILE")
    info = chosen_template(args)
    if chosen_format(args) == "docx" and (not info.builtin or info.name not in DOCX_TEMPLATES):
        raise LibraryError(f"a Word brief is laid out by Postil: use {', '.join(DOCX_TEMPLATES)}")
    brief = load_brief(
        library,
        scope_from_args(args),
        layout=Layout(args.layout),
        title=args.title,
        generated=args.generated,
    )
    text = render(brief, info)  # a template problem is raised here, before any file exists
    if not args.output:
        sys.stdout.write(text)
        return 0
    refuse_library_target(args.output, library.path)
    if chosen_format(args) == "docx":
        data = brief_data(brief, docx_names_read(info.name))
        write_file_atomically(args.output, lambda temp: write_docx(data, info.name, temp))
    elif document:
        write_document(
            chosen_format(args), text, args.output, title=brief.title, generated=brief.generated
        )
    else:
        write_atomically(args.output, text)
    cited = len({p.article_id for p in brief.passages})
    print(f"wrote {len(brief.passages)} passage(s) from {cited} article(s) to {args.output}")
    return 0
