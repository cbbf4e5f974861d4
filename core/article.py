"""The article as an importer produces it and the library stores it.

An article body is a list of blocks (headings, paragraphs, quotes, list items, images...)
made of inline spans; the block types live in core.blocks and are re-exported here. The
canonical plain text is derived from the blocks once, at import (see core.canonical); search,
anchoring and export all work on that text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.blocks import Block, BlockKind, Span
from core.canonical import canonical_text, normalize_blocks, normalize_text

__all__ = ["Block", "BlockKind", "Image", "ImportedArticle", "Span", "content_hash"]


@dataclass(frozen=True, slots=True)
class Image:
    """An image the saved page carried, stored in the library so reading stays offline."""

    key: str
    mime: str
    data: bytes

    @staticmethod
    def from_bytes(data: bytes, mime: str) -> Image:
        import hashlib  # not at module level: the window's first frame never hashes

        return Image(key=hashlib.sha256(data).hexdigest(), mime=mime, data=data)


@dataclass(slots=True)
class ImportedArticle:
    """What an importer hands the library: metadata, the body and the verbatim input."""

    title: str
    blocks: list[Block]
    original: bytes
    source_kind: str  # "text", "html", "mhtml", "markdown"
    source_name: str = ""
    byline: str | None = None
    site: str | None = None
    url: str | None = None
    section: str | None = None
    published: datetime | None = None
    language: str | None = None
    direction: str = "ltr"
    images: list[Image] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.blocks = normalize_blocks(self.blocks)
        self.title = normalize_text(self.title).replace("\n", " ")
        for name in ("byline", "site", "section"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, normalize_text(value).replace("\n", " ") or None)

    @property
    def text(self) -> str:
        return canonical_text(self.blocks)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """Identity of an article's body: the same text imported twice is the same article."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()
