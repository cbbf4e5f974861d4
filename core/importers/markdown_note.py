"""Markdown notes: front matter (title, date, source) and a body rendered by markdown-it-py into
blocks. Images beside the note are kept; remote ones become placeholders, never fetched.
Raw HTML adds the text a browser would show: none from a script, a style or an embed
(core.importers.raw_html)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from core.article import Block, BlockKind, ImportedArticle, Span
from core.importers.dates import parse_iso
from core.importers.errors import ImportRefused
from core.importers.images import ImageCollector, folder_lookup
from core.importers.links import safe_href, web_url
from core.importers.raw_html import HiddenHtml
from core.importers.script import direction, guess_language, normalize_language

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter (the part of YAML notes use) and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group("body").splitlines():
        found = _FIELD.match(line)
        if found:
            value = found.group("value").strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields.setdefault(found.group("key").lower(), value)
    return fields, text[match.end() :]


# Inline tokens that carry something to read or see; markup (bold, links) is followed anyway.
_CONTENT = frozenset({"text", "softbreak", "hardbreak", "code_inline", "image"})


class _Renderer:
    """Walks markdown-it's token stream and builds blocks."""

    def __init__(self, images: ImageCollector, base_url: str | None) -> None:
        self.images = images
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.quote_depth = 0
        self.lists: list[bool] = []  # ordered flag per open list
        self.hidden = HiddenHtml()

    def inline(self, token: Any) -> None:
        spans: list[Span] = []
        bold = italic = 0
        href: str | None = None

        def emit(text: str, code: bool = False) -> None:
            spans.append(Span(text, href, bold > 0, italic > 0, code))

        depth = self.hidden.mark()
        for child in token.children or []:
            kind = child.type
            if kind == "html_inline":
                self.hidden.feed(child.content)
            elif self.hidden.hiding and kind in _CONTENT:
                continue  # inside a script, a style, an embed: nothing a reader sees
            elif kind == "text":
                emit(child.content)
            elif kind == "softbreak":
                emit(" ")
            elif kind == "hardbreak":
                emit("\n")
            elif kind == "code_inline":
                emit(child.content, code=True)
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = safe_href(child.attrs.get("href"), self.base_url)
            elif kind == "link_close":
                href = None
            elif kind == "image":
                self.flush(spans)
                spans = []
                alt = child.content or "".join(c.content for c in child.children or [])
                src = str(child.attrs.get("src") or "")
                self.blocks.append(Block(BlockKind.IMAGE, image=self.images.key_for(src), alt=alt))
        self.hidden.reset(depth)
        self.flush(spans)

    def flush(self, spans: list[Span]) -> None:
        if not any(s.text.strip() for s in spans):
            return
        kind = self.pending_kind
        extra: dict[str, Any] = {}
        if kind is BlockKind.HEADING:
            extra["level"] = self.heading_level
        elif kind is BlockKind.LIST_ITEM:
            extra = {"level": len(self.lists), "ordered": self.lists[-1]}
        self.blocks.append(Block(kind, tuple(spans), **extra))

    def render(self, tokens: list[Any]) -> list[Block]:
        self.pending_kind = BlockKind.PARAGRAPH
        self.heading_level = 0
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                self.pending_kind = BlockKind.HEADING
                self.heading_level = int(token.tag[1])
            elif kind in ("heading_close", "paragraph_close") or kind == "paragraph_open":
                self.pending_kind = self.context_kind()
            elif kind == "blockquote_open":
                self.quote_depth += 1
                self.pending_kind = self.context_kind()
            elif kind == "blockquote_close":
                self.quote_depth -= 1
                self.pending_kind = self.context_kind()
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(kind == "ordered_list_open")
                self.pending_kind = self.context_kind()
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.pending_kind = self.context_kind()
            elif kind == "inline":
                self.inline(token)
            elif kind == "html_block":
                self.hidden.feed(token.content)
            elif self.hidden.hiding and kind in ("fence", "code_block"):
                continue
            elif kind in ("fence", "code_block"):
                self.blocks.append(Block(BlockKind.PREFORMATTED, (Span(token.content, code=True),)))
            elif kind == "tr_close":
                pass
        return self.blocks

    def context_kind(self) -> BlockKind:
        if self.lists:
            return BlockKind.LIST_ITEM
        if self.quote_depth:
            return BlockKind.QUOTE
        return BlockKind.PARAGRAPH


def _date(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def import_markdown(
    text: str, *, original: bytes, source_name: str = "", folder: Path | None = None
) -> ImportedArticle:
    from markdown_it import MarkdownIt

    fields, body = front_matter(text)
    url = web_url(fields.get("source") or fields.get("url") or fields.get("link"))
    images = ImageCollector(folder_lookup(folder) if folder is not None else None)
    try:
        tokens = MarkdownIt("commonmark").enable("table").parse(body)
    except Exception as exc:  # markdown-it is robust; a failure here is a bug to report
        raise ImportRefused(f"the Markdown could not be read ({type(exc).__name__})") from None
    blocks = _Renderer(images, url).render(tokens)

    title = fields.get("title", "").strip()
    if not title:
        first = next((i for i, b in enumerate(blocks) if b.text), None)
        if first is not None and blocks[first].kind is BlockKind.HEADING:
            title = blocks[first].text
            del blocks[first]
        elif first is not None:
            title = blocks[first].text.split("\n")[0][:200]
    if not any(b.text or b.kind is BlockKind.IMAGE for b in blocks) and not title:
        raise ImportRefused("the note is empty: there is no text to import")
    if not blocks:
        blocks = [Block(BlockKind.PARAGRAPH, (Span(title),))]

    plain = "\n".join(b.text for b in blocks)
    language = normalize_language(fields.get("lang") or fields.get("language"))
    language = language or guess_language(plain)
    return ImportedArticle(
        title=title[:300],
        blocks=blocks,
        original=original,
        source_kind="markdown",
        source_name=source_name,
        byline=fields.get("author") or fields.get("byline") or None,
        site=fields.get("site") or None,
        url=url,
        section=fields.get("section") or fields.get("category") or None,
        published=_date(fields.get("date") or fields.get("published")),
        language=language,
        direction=direction(plain, language),
        images=list(images.images.values()),
    )
