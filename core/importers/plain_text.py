"""Plain text: each non-empty line a paragraph, the first line the title.

This is the simple reading used for plain notes; browser-copied pages, with their menus and
footers, go through the line classifier in core.importers.browser_text.
"""

from __future__ import annotations

from core.article import Block, BlockKind, ImportedArticle, Span
from core.importers.errors import ImportRefused


def import_plain_text(text: str, *, original: bytes, source_name: str = "") -> ImportedArticle:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise ImportRefused("the file is empty: there is no text to import")
    title, body = lines[0], lines[1:] or lines[:1]
    blocks = [Block(BlockKind.PARAGRAPH, (Span(line),)) for line in body]
    return ImportedArticle(
        title=title[:300],
        blocks=blocks,
        original=original,
        source_kind="text",
        source_name=source_name,
    )
