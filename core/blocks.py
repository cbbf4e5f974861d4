"""The blocks an article body is made of: headings, paragraphs, quotes, list items, images...
each a run of inline spans.

A module of its own so that both the article (core.article) and its canonical text
(core.canonical) build on it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    PREFORMATTED = "preformatted"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one set of inline properties."""

    text: str
    href: str | None = None
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the body. Image blocks carry an image key and no text."""

    kind: BlockKind
    spans: tuple[Span, ...] = ()
    level: int = 0  # heading level (1-6) or list depth (1..)
    ordered: bool = False  # list items: numbered list
    image: str | None = None  # image key (sha256 of the bytes) or None for a placeholder
    alt: str = ""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)
