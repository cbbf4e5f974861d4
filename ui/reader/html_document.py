"""The fast way to build the reader's document: the article's blocks as HTML for setHtml,
then the PositionMap from walking the document's blocks, each checked against its canonical
text. Any mismatch returns None and the caller builds with the cursor instead, so the map
is exact either way."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextDocument

from core.content_codes import FLAG_BOLD, FLAG_CODE, FLAG_ITALIC, KIND_CODES
from core.plain_text import BLOCK_SEPARATOR
from storage.records import Article
from ui.reader.text_positions import PositionMap, has_astral

if TYPE_CHECKING:  # names only: PySide builds a type (and its enums) when it is imported
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage

LINE_SEPARATOR = "\u2028"
IMAGE_SCHEME = "postil-image"
MAX_IMAGE_WIDTH = 640


# What html.escape does, and as it does it (str.replace is several times faster than a
# translate table), without importing html and its entity tables before the first frame.
def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape_text(text).replace('"', "&quot;").replace("'", "&#x27;")


def image_url(key: str) -> QUrl:
    from PySide6.QtCore import QUrl  # only articles with images need it

    return QUrl(f"{IMAGE_SCHEME}:{key}")


def meta_line(article: Article) -> str:
    from ui.library.dates import display_datetime

    parts = [p for p in (article.section, article.site, article.byline) if p]
    if article.published:
        parts.append(display_datetime(article.published))
    return " · ".join(f"\u2068{p}\u2069" for p in parts)  # isolated: mixed directions


_HEADING, _QUOTE, _LIST_ITEM, _PREFORMATTED, _IMAGE = (
    KIND_CODES[k] for k in ("heading", "quote", "list_item", "preformatted", "image")
)
_HEADING_TAGS = {1: "h2", 2: "h3", 3: "h4", 4: "h5", 5: "h6", 6: "h6"}


def _escape(text: str) -> str:
    return escape_text(text).replace("\n", "<br>")


def _spans_html(spans: list) -> str:
    """Spans as core.content stores them: a plain string, or [text, href, flags]."""
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(_escape(span))
            continue
        text, href, flags = span
        text = _escape(text)
        if FLAG_CODE in flags:
            text = f"<code>{text}</code>"
        if FLAG_ITALIC in flags:
            text = f"<i>{text}</i>"
        if FLAG_BOLD in flags:
            text = f"<b>{text}</b>"
        if href:
            href = escape_attribute(href)
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
        url = escape_attribute(article.url)
        parts.append(
            f'<p class=\'meta\'><a href="{url}" title="{url}">{_escape(article.url)}</a></p>'
        )
    parts.append("<hr>")
    return "".join(parts), len(parts)


def _body_html(
    items: list[dict], muted: str, load_image, document: QTextDocument, rtl: bool = False
) -> tuple[str, list[bool]]:
    """HTML for the body straight from the stored blocks (core.content's JSON), and for each
    document block it makes, whether it holds canonical text (False: an image)."""
    parts: list[str] = []
    order: list[bool] = []
    open_list: tuple[bool, int] | None = None
    for item in items:
        kind = item["k"]
        is_item = kind == _LIST_ITEM
        key = (bool(item.get("o")), max(1, item.get("l", 1))) if is_item else None
        if open_list is not None and key != open_list:
            parts.append("</ol>" if open_list[0] else "</ul>")
            open_list = None
        if is_item and open_list is None:
            parts.append("<ol>" if key[0] else "<ul>")
            open_list = key
        if kind == _IMAGE:
            key_ = item.get("img")
            alt = item.get("alt", "")
            image = load_image(key_) if key_ else None
            if image is None or image.isNull():
                label = "Image not saved with the page" + (f": {alt}" if alt else "")
                parts.append(f"<p class='image' style='color:{muted}'><i>{_escape(label)}</i></p>")
            else:
                url = image_url(key_)
                document.addResource(QTextDocument.ResourceType.ImageResource, url, image)
                width = min(image.width(), MAX_IMAGE_WIDTH)
                parts.append(
                    f"<p class='{'figure' if alt else 'image'}'><img src=\"{url.toString()}\" "
                    f'width="{width}" title="{escape_attribute(alt)}"></p>'
                )
                if alt:  # the caption under its picture, as the page showed it; not body text
                    order.append(False)
                    parts.append(f"<p class='caption' style='color:{muted}'>{_escape(alt)}</p>")
            order.append(False)
            continue
        spans = item.get("s")
        if not spans:
            continue
        inner = _spans_html(spans)
        if kind == _HEADING:
            tag = _HEADING_TAGS.get(item.get("l", 2), "h3")
            parts.append(f"<{tag}>{inner}</{tag}>")
        elif kind == _QUOTE:
            parts.append(f"<blockquote><p><i>{inner}</i></p></blockquote>")
        elif kind == _PREFORMATTED:
            parts.append(f"<pre>{inner}</pre>")
        elif is_item:
            parts.append(f"<li>{inner}</li>")
        else:
            parts.append(f"<p>{inner}</p>")
        order.append(True)
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
    *,
    load_image: Callable[[str], QImage | None],
    muted: QColor,
    link: QColor,
    line_height: int = 150,
    first_chars: int | None = None,
) -> PositionMap | None:
    """The article laid into `document`; with first_chars, only its first blocks, as many
    as hold that much of its text (the window's first frame shows a long article's first
    screens, and the whole follows)."""
    document.clear()  # setHtml keeps earlier resources: the last article's images
    rtl = article.direction == "rtl"
    muted_name = muted.name()
    document.setDefaultStyleSheet(
        f"a {{ color: {link.name()}; }} p, li, blockquote, pre, h1, h2, h3, h4, h5, h6 "
        f"{{ line-height: {int(line_height)}%; }} p, pre {{ margin-top: 0; margin-bottom: 12px; }} "
        f"li {{ margin-bottom: 4px; }} h2, h3, h4, h5, h6 {{ margin-top: 14px; "
        f"margin-bottom: 8px; }} blockquote {{ margin-left: 28px; margin-right: 28px; }} "
        f"p.meta {{ margin-bottom: 2px; font-size: small; line-height: 130%; }} "
        f"h1 {{ line-height: 118%; margin-bottom: 10px; }} "
        f"p.image {{ margin-top: 4px; margin-bottom: 14px; line-height: 100%; }} "
        f"p.figure {{ margin-top: 4px; margin-bottom: 4px; line-height: 100%; }} "
        f"p.caption {{ margin-top: 0; margin-bottom: 14px; font-size: small; line-height: 130%; }}"
    )
    header, header_blocks = _header_html(article, muted_name)
    items, text = json.loads(article.content), article.text
    if first_chars is not None:
        items, text = _first_blocks(items, text, first_chars)
    body, order = _body_html(items, muted_name, load_image, document, rtl)
    direction = " dir='rtl'" if rtl else ""
    document.setHtml(f"<html><body{direction}>{header}{body}</body></html>")
    return _map_blocks(document, order, header_blocks, text)


def _first_blocks(items: list[dict], text: str, chars: int) -> tuple[list[dict], str]:
    """The first stored blocks holding at least `chars` characters of the canonical text,
    and that text: the blocks that hold text are the ones _body_html makes a text block of."""
    texts = text.split(BLOCK_SEPARATOR) if text else []
    held = length = 0
    for count, item in enumerate(items, start=1):
        if item["k"] != _IMAGE and item.get("s") and held < len(texts):
            length += len(texts[held]) + len(BLOCK_SEPARATOR)
            held += 1
        if length >= chars:
            return items[:count], BLOCK_SEPARATOR.join(texts[:held])
    return items, text


def _map_blocks(
    document: QTextDocument, order: list[bool], header_blocks: int, text: str
) -> PositionMap | None:
    """Walk the document's blocks beside the canonical text's; each must match exactly."""
    texts = text.split(BLOCK_SEPARATOR) if text else []
    if sum(order) != len(texts):
        return None
    bmp = not has_astral(text)
    positions = PositionMap()
    qt_block = document.begin()
    for _ in range(header_blocks):
        qt_block = qt_block.next()
    canonical = 0
    index = 0
    for holds_text in order:
        if not qt_block.isValid():
            return None
        if holds_text:
            block_text = texts[index]
            if qt_block.text().replace(LINE_SEPARATOR, "\n") != block_text:
                return None
            positions.add_block(canonical, qt_block.position(), block_text, bmp=bmp or None)
            canonical += len(block_text) + len(BLOCK_SEPARATOR)
            index += 1
        qt_block = qt_block.next()
    return positions
