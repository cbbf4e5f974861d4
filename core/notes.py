"""Notes are Markdown; shown rendered. Raw HTML in a note is shown as text, never interpreted,
and links keep only safe schemes."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=2)
def markdown_renderer(*, tables: bool = False) -> MarkdownIt:
    """CommonMark that shows raw HTML as text and keeps only http(s) and mailto links; with
    tables (and strikethrough) for briefs, as the analyst's Markdown tools render them."""
    from markdown_it import MarkdownIt  # not on the start-up path

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    if tables:
        md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: url.lower().startswith(("http://", "https://", "mailto:"))
    return md


def render_note_html(note: str) -> str:
    return markdown_renderer().render(note) if note.strip() else ""
