"""The export dialog's live preview, built beside the window: gathering a brief over the
whole library and rendering it takes long enough to freeze typing in the filters.

Each preview is one LibraryOp on its own connection to the library (SQLite in WAL mode lets
it read while the window writes); the dialog numbers its requests and keeps only the newest
answer.
"""

from __future__ import annotations

from typing import NamedTuple

from core.export.brief import Brief, BriefScope, Layout
from core.export.markdown_brief import render_markdown
from core.notes import markdown_renderer
from storage.brief_source import load_brief


class BriefRequest(NamedTuple):
    scope: BriefScope
    layout: Layout
    title: str


class BriefPreview(NamedTuple):
    brief: Brief
    markdown: str
    html: str


def preview_html(markdown: str) -> str:
    """The brief as HTML: front matter shown as a code block, the rest rendered."""

    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            front = markdown[4:end]
            markdown = f"```yaml\n{front}\n```\n{markdown[end + 5 :]}"
    return markdown_renderer(tables=True).render(markdown)


def build_preview(library, request: BriefRequest) -> BriefPreview:
    """The brief, its Markdown and the preview's HTML (the dialog's own refresh uses it too)."""

    brief = load_brief(library, request.scope, layout=request.layout, title=request.title)
    markdown = render_markdown(brief)
    return BriefPreview(brief, markdown, preview_html(markdown))
