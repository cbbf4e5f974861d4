"""The fast way to build the reader's document: the article's blocks as HTML for setHtml,
then the PositionMap from walking the document's blocks, each checked against its canonical
text. Any mismatch returns None and the caller builds with the cursor instead, so the map
is exact either way."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtGui import QColor, QImage, QTextDocument

from core.article import Block, BlockKind
from core.canonical import BLOCK_SEPARATOR
from storage.records import Article
from ui.document_builder import MAX_IMAGE_WIDTH, image_url, meta_line
from ui.text_positions import PositionMap

LINE_SEPARATOR = "\u2028"
_HEADING_TAGS = {1: "h2", 2: "h3", 3: "h4", 4: "h5", 5: "h6", 6: "h6"}


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _spans_html(block: Block) -> str:
    out = []
    for span in block.spans:
        text = _escape(span.text)
        if span.code:
            text = f"<code>{text}</code>"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        if span.href:
            href = html.escape(span.href, quote=True)
            text = f'<a href="{href}" title="{href}">{text}</a>'
        out.append(text)
    return "".join(out)


def _header_html(article: Article, muted: str) -> tuple[str, int]:
    """The header and how many document blocks it makes."""
    parts = [f"<h1>{_escape(article.title)}</h1>"]
    meta = meta_line(article)
    if meta:
        parts.append(f"<p class='meta' style='color:{muted}'>{_escape(meta)}</p>")
    if article.url:
        url = html.escape(article.url, quote=True)
        parts.append(
            f'<p class=\'meta\'><a href="{url}" title="{url}">{_escape(article.url)}</a></p>'
        )
    parts.append("<hr>")
    return "".join(parts), len(parts)


def _body_html(
    blocks: list[Block], muted: str, load_image, document: QTextDocument, rtl: bool = False
) -> tuple[str, list[Block]]:
    """HTML for the body, and the blocks in the order their document blocks appear."""
    parts: list[str] = []
    order: list[Block] = []
    open_list: tuple[bool, int] | None = None
    for block in blocks:
        is_item = block.kind is BlockKind.LIST_ITEM
        key = (block.ordered, max(1, block.level)) if is_item else None
        if open_list is not None and key != open_list:
            parts.append("</ol>" if open_list[0] else "</ul>")
            open_list = None
        if is_item and open_list is None:
            parts.append("<ol>" if block.ordered else "<ul>")
            open_list = key
        if block.kind is BlockKind.IMAGE:
            image = load_image(block.image) if block.image else None
            if image is None or image.isNull():
                label = "Image not saved with the page" + (f": {block.alt}" if block.alt else "")
                parts.append(f"<p class='image' style='color:{muted}'><i>{_escape(label)}</i></p>")
            else:
                url = image_url(block.image or "")
                document.addResource(QTextDocument.ResourceType.ImageResource, url, image)
                width = min(image.width(), MAX_IMAGE_WIDTH)
                alt = html.escape(block.alt, quote=True)
                parts.append(
                    f'<p class=\'image\'><img src="{url.toString()}" width="{width}" '
                    f'title="{alt}"></p>'
                )
            order.append(block)
            continue
        if not block.text:
            continue
        inner = _spans_html(block)
        if block.kind is BlockKind.HEADING:
            tag = _HEADING_TAGS.get(block.level, "h3")
            parts.append(f"<{tag}>{inner}</{tag}>")
        elif block.kind is BlockKind.QUOTE:
            parts.append(f"<blockquote><p><i>{inner}</i></p></blockquote>")
        elif block.kind is BlockKind.PREFORMATTED:
            parts.append(f"<pre>{inner}</pre>")
        elif is_item:
            parts.append(f"<li>{inner}</li>")
        else:
            parts.append(f"<p>{inner}</p>")
        order.append(block)
    if open_list is not None:
        parts.append("</ol>" if open_list[0] else "</ul>")
    body = "".join(parts)
    if rtl:
        for tag in ("<p", "<h2", "<h3", "<h4", "<h5", "<h6", "<li", "<pre"):
            body = body.replace(tag + ">", tag + " dir='rtl'>").replace(
                tag + " ", tag + " dir='rtl' "
            )
    return body, order


def build_from_html(
    document: QTextDocument,
    article: Article,
    blocks: list[Block],
    *,
    load_image: Callable[[str], QImage | None],
    muted: QColor,
    link: QColor,
) -> PositionMap | None:
    rtl = article.direction == "rtl"
    muted_name = muted.name()
    document.setDefaultStyleSheet(
        f"a {{ color: {link.name()}; }} p, li, blockquote, pre, h1, h2, h3, h4, h5, h6 "
        f"{{ line-height: 150%; }} p, pre {{ margin-top: 0; margin-bottom: 12px; }} "
        f"li {{ margin-bottom: 4px; }} h2, h3, h4, h5, h6 {{ margin-top: 14px; "
        f"margin-bottom: 8px; }} blockquote {{ margin-left: 28px; margin-right: 28px; }} "
        f"p.meta {{ margin-bottom: 2px; font-size: small; line-height: 130%; }} "
        f"h1 {{ line-height: 118%; margin-bottom: 10px; }} "
        f"p.image {{ margin-top: 4px; margin-bottom: 14px; }}"
    )
    header, header_blocks = _header_html(article, muted_name)
    body, order = _body_html(blocks, muted_name, load_image, document, rtl)
    direction = " dir='rtl'" if rtl else ""
    document.setHtml(f"<html><body{direction}>{header}{body}</body></html>")
    return _map_blocks(document, order, header_blocks)


def _map_blocks(
    document: QTextDocument, order: list[Block], header_blocks: int
) -> PositionMap | None:
    positions = PositionMap()
    qt_block = document.begin()
    for _ in range(header_blocks):
        qt_block = qt_block.next()
    canonical = 0
    first = True
    for block in order:
        if not qt_block.isValid():
            return None
        if block.kind is not BlockKind.IMAGE:
            text = block.text
            if qt_block.text().replace(LINE_SEPARATOR, "\n") != text:
                return None
            if not first:
                canonical += len(BLOCK_SEPARATOR)
            first = False
            positions.add_block(canonical, qt_block.position(), text)
            canonical += len(text)
        qt_block = qt_block.next()
    return positions
