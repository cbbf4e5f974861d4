"""Trafilatura's extracted body (its XML: head, p, quote, list/item, graphic, ref, hi, code,
table) turned into the article's blocks and spans."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from core.blocks import Block, BlockKind, Span

# (src, alt) -> image key or None; the caller decides what may be read.
ImageKey = Callable[[str | None], str | None]
# href -> the link to keep, or None.
LinkFilter = Callable[[str | None], str | None]

_BLOCKISH = frozenset({"p", "head", "div", "item", "row", "cell"})
_QUOTE_BLOCKS = frozenset({"p", "list", "head", "quote"})
_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}


def _ends_a_line(spans: list[Span]) -> bool:
    """Whether the text so far ends with a line break, spaces aside."""
    for span in reversed(spans):
        text = span.text.rstrip(" \t")
        if text:
            return text.endswith("\n")
    return False


@dataclass(frozen=True, slots=True)
class _Style:
    href: str | None = None
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(slots=True)
class _Builder:
    images: ImageKey
    links: LinkFilter
    blocks: list[Block] = field(default_factory=list)
    # Inside a quote: trafilatura makes one of a <pre> that is not code, lines and all.
    keep_lines: bool = False
    # In a paragraph or a quote, where a blank line starts the next paragraph.
    split_paragraphs: bool = False

    def flow(self, text: str, code: bool = False) -> str:
        """A line break in the page's source is a space in HTML (a <br> reaches us as <lb>),
        so hard-wrapped source lines do not become lines of the article."""
        if code or self.keep_lines:
            return text
        return text.replace("\r", " ").replace("\n", " ")

    def add_text_block(self, kind: BlockKind, spans: list[Span], **extra: object) -> None:
        if any(span.text.strip() for span in spans):
            self.blocks.append(Block(kind, tuple(spans), **extra))  # type: ignore[arg-type]

    def image(self, element: Any) -> None:
        src = element.get("src")
        alt = element.get("alt") or element.get("title") or ""
        self.blocks.append(Block(BlockKind.IMAGE, image=self.images(src), alt=alt))

    def inline(
        self, element: Any, style: _Style, spans: list[Span], flush: Callable[[], None]
    ) -> None:
        """Spans of an element's content; images inside it end the current block."""
        if element.text:
            text = self.flow(element.text, style.code)
            spans.append(Span(text, style.href, style.bold, style.italic, style.code))
        for child in element:
            self.inline_child(child, style, spans, flush)

    def inline_child(
        self, child: Any, style: _Style, spans: list[Span], flush: Callable[[], None]
    ) -> None:
        """Spans of one child element and of the text that follows it."""
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "graphic":
            flush()
            self.image(child)
        elif tag == "lb":
            if self.split_paragraphs and _ends_a_line(spans):
                flush()  # a blank line (<br><br>) between two runs of text: a new paragraph
            else:
                spans.append(Span("\n", style.href, style.bold, style.italic, style.code))
        elif tag in ("list", "table", "quote") and tag:
            flush()
            self.block(child, depth=1)
        else:
            sub = style
            if tag == "ref":
                sub = _Style(self.links(child.get("target")), style.bold, style.italic, style.code)
            elif tag == "hi":
                rend = child.get("rend") or ""
                sub = _Style(
                    style.href,
                    style.bold or "#b" in rend,
                    style.italic or "#i" in rend,
                    style.code or "#t" in rend,
                )
            elif tag == "code":
                sub = _Style(style.href, style.bold, style.italic, True)
            if tag in _BLOCKISH and spans:
                # A paragraph or heading nested in a list item: keep the words apart.
                spans.append(Span("\n", style.href, style.bold, style.italic, style.code))
            if tag != "del":
                self.inline(child, sub, spans, flush)
        if child.tail:
            text = self.flow(child.tail, style.code)
            spans.append(Span(text, style.href, style.bold, style.italic, style.code))

    def text_block(self, element: Any, kind: BlockKind, **extra: object) -> None:
        spans: list[Span] = []

        def flush() -> None:
            self.add_text_block(kind, spans, **extra)
            spans.clear()

        outer = self.split_paragraphs
        self.split_paragraphs = kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)
        try:
            self.inline(element, _Style(code=kind is BlockKind.PREFORMATTED), spans, flush)
        finally:
            self.split_paragraphs = outer
        flush()

    def list_items(self, element: Any, depth: int) -> None:
        ordered = (element.get("rend") or "").lower() == "ol"
        for item in element:
            if item.tag == "item":
                nested = [c for c in item if c.tag == "list"]
                for child in nested:
                    item.remove(child)
                self.text_block(item, BlockKind.LIST_ITEM, level=depth, ordered=ordered)
                for child in nested:
                    self.list_items(child, depth + 1)
            elif item.tag == "list":
                self.list_items(item, depth + 1)
            else:
                self.block(item, depth)

    def table(self, element: Any) -> None:
        outer, self.split_paragraphs = self.split_paragraphs, False  # a cell is one piece
        try:
            self.table_rows(element)
        finally:
            self.split_paragraphs = outer

    def table_rows(self, element: Any) -> None:
        for row in element.iter("row"):
            cells = []
            for cell in row:
                spans: list[Span] = []
                self.inline(cell, _Style(), spans, lambda: None)
                if "".join(s.text for s in spans).strip():
                    cells.append(spans)
            merged: list[Span] = []
            for n, spans in enumerate(cells):
                if n:
                    merged.append(Span(" | "))
                merged.extend(spans)
            self.add_text_block(BlockKind.PARAGRAPH, merged)

    def mixed_quote(self, element: Any, depth: int) -> None:
        """A quote of paragraphs with loose text between them (a quoted post's attribution
        line after its text): each run of loose text and inline elements is one block."""
        spans: list[Span] = []

        def flush() -> None:
            self.add_text_block(BlockKind.QUOTE, spans)
            spans.clear()

        if element.text:
            spans.append(Span(self.flow(element.text)))
        for child in element:
            if child.tag not in _QUOTE_BLOCKS:
                self.inline_child(child, _Style(), spans, flush)
                continue
            flush()
            if child.tag == "p":
                self.text_block(child, BlockKind.QUOTE)
            else:
                self.block(child, depth)
            if child.tail:
                spans.append(Span(self.flow(child.tail)))
        flush()

    def block(self, element: Any, depth: int = 0) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            level = _HEADING_LEVELS.get((element.get("rend") or "").lower(), 2)
            self.text_block(element, BlockKind.HEADING, level=level)
        elif tag == "p":
            self.text_block(element, BlockKind.PARAGRAPH)
        elif tag == "quote":
            outer, self.keep_lines = self.keep_lines, True
            try:
                if any(c.tag in _QUOTE_BLOCKS for c in element):
                    self.mixed_quote(element, depth)
                else:
                    self.text_block(element, BlockKind.QUOTE)
            finally:
                self.keep_lines = outer
        elif tag == "code":
            self.text_block(element, BlockKind.PREFORMATTED)
        elif tag == "list":
            self.list_items(element, max(1, depth + 1))
        elif tag == "table":
            self.table(element)
        elif tag == "graphic":
            self.image(element)
        elif tag in ("lb", ""):
            pass
        else:  # div, body, item outside a list, anything trafilatura adds later
            if element.text and element.text.strip():
                self.add_text_block(BlockKind.PARAGRAPH, [Span(self.flow(element.text))])
            for child in element:
                self.block(child, depth)
                if child.tail and child.tail.strip():
                    self.add_text_block(BlockKind.PARAGRAPH, [Span(self.flow(child.tail))])


def blocks_from_body(body: Any, *, images: ImageKey, links: LinkFilter) -> list[Block]:
    """The blocks of trafilatura's body element, in reading order."""
    builder = _Builder(images=images, links=links)
    builder.block(body)
    return builder.blocks


def iter_text(blocks: list[Block]) -> Iterator[str]:
    for block in blocks:
        if block.text:
            yield block.text
