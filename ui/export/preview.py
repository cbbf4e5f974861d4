"""The export dialog's live preview, built beside the window: gathering a brief over the
whole library and rendering it takes long enough to freeze typing in the filters.

Each preview is one LibraryOp on its own connection to the library (SQLite in WAL mode lets
it read while the window writes); the dialog numbers its requests and keeps only the newest
answer. The preview shows the brief as it will read: Markdown rendered (front matter left
out), HTML as itself (the OfflineBrowser loads nothing), CSV as a table.
"""

from __future__ import annotations

import csv
import html
import io
from typing import NamedTuple

from core.export.brief import Brief, BriefScope, Layout
from core.export.templates import find_template, render
from core.notes import markdown_renderer
from storage.brief_source import load_brief


class BriefRequest(NamedTuple):
    scope: BriefScope
    layout: Layout
    title: str
    template: str = "brief-by-article"
    format: str = "md"


class BriefPreview(NamedTuple):
    brief: Brief
    markdown: str  # the exported text, whatever its format (the name predates HTML and CSV)
    html: str
    format: str = "md"


def preview_html(markdown: str) -> str:
    """Markdown as HTML, without its front matter (metadata, not what a reader reads)."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            markdown = markdown[end + 5 :]
    return markdown_renderer(tables=True).render(markdown)


def csv_html(text: str) -> str:
    """A CSV export as an HTML table, every cell escaped."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = ["<table border='1' cellspacing='0' cellpadding='3'>"]
    for number, row in enumerate(rows):
        cell = "th" if number == 0 else "td"
        out.append("<tr>" + "".join(f"<{cell}>{html.escape(c)}</{cell}>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def as_html(text: str, fmt: str) -> str:
    if fmt == "html":
        return text
    if fmt == "csv":
        return csv_html(text)
    return preview_html(text)


def build_preview(library, request: BriefRequest) -> BriefPreview:
    """The brief, its exported text and the preview's HTML (the dialog's own refresh uses it
    too). A template problem raises TemplateProblem (a ValueError) with one line to show."""
    info = find_template(request.template, request.format)
    brief = load_brief(library, request.scope, layout=request.layout, title=request.title)
    text = render(brief, info)
    return BriefPreview(brief, text, as_html(text, info.format), info.format)
