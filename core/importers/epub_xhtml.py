"""One EPUB chapter (XHTML) turned into the article's blocks.

A chapter is clean, authored XHTML, not a web page with menus around an article: it is not
handed to trafilatura (which would drop short chapters and boilerplate-looking passages), but
rewritten into trafilatura's small vocabulary (head, p, quote, list/item, code, table/row/
cell, graphic, ref, hi, lb) so the one walker that makes blocks of a page's body
(core.importers.html_blocks) makes them of a chapter too. Scripts, styles, forms and
embedded frames are dropped with their content; loose text inside a <div> or <section>
becomes a paragraph of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.article import Block
from core.importers.errors import ImportRefused
from core.importers.html_blocks import blocks_from_body
from core.importers.links import safe_href
from core.importers.raw_html import HIDDEN

MAX_ELEMENTS = 400_000
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_INLINE = {
    "a": "ref",
    "b": "hi",
    "strong": "hi",
    "i": "hi",
    "em": "hi",
    "cite": "hi",
    "dfn": "hi",
    "var": "hi",
    "code": "hi",
    "tt": "hi",
    "kbd": "hi",
    "samp": "hi",
    "br": "lb",
    "img": "graphic",
    "image": "graphic",
}
_REND = {
    "b": "#b",
    "strong": "#b",
    "i": "#i",
    "em": "#i",
    "cite": "#i",
    "dfn": "#i",
    "var": "#i",
    "code": "#t",
    "tt": "#t",
    "kbd": "#t",
    "samp": "#t",
}
_BLOCK = {
    "p": "p",
    "blockquote": "quote",
    "pre": "code",
    "ul": "list",
    "ol": "list",
    "dl": "list",
    "li": "item",
    "dt": "item",
    "dd": "item",
    "table": "table",
    "tr": "row",
    "td": "cell",
    "th": "cell",
    "figure": "div",
    "figcaption": "p",
    "caption": "p",
    "hr": "",
    **{h: "head" for h in _HEADINGS},
}
_DROPPED = HIDDEN - {"svg"} | {"form", "button", "input", "select", "textarea", "head", "title"}
_CONTAINERS = {"div", "body", "item", "quote", "cell"}  # where loose text becomes a paragraph


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _image_src(element: Any) -> str | None:
    for name, value in element.attrib.items():
        if _local(name) in ("src", "href"):
            return value
    return None


class _Translator:
    def __init__(self, images: Callable[[str | None], str | None]) -> None:
        from lxml import etree

        self._etree = etree
        self._images = images

    def convert(self, element: Any, parent: Any) -> None:
        """Append the translation of element (and its tail) to parent."""
        tag = _local(element.tag)
        if tag in _DROPPED or not tag:
            self._tail(element, parent)
            return
        if tag == "svg":  # an illustration: its <image>s, none of its drawing
            for image in element.iter():
                if _local(image.tag) == "image":
                    self._graphic(image, parent)
            self._tail(element, parent)
            return
        if tag in ("img", "image"):
            self._graphic(element, parent)
            self._tail(element, parent)
            return
        new_tag = _BLOCK.get(tag) or _INLINE.get(tag) or ("span" if _is_inline(tag) else "div")
        if not new_tag:  # <hr>
            self._tail(element, parent)
            return
        node = self._etree.SubElement(parent, new_tag)
        if new_tag == "head":
            node.set("rend", tag)
        elif new_tag == "list":
            node.set("rend", "ol" if tag == "ol" else "ul")
        elif new_tag == "ref":
            href = element.get("href")
            if safe_href(href):
                node.set("target", href)
        elif new_tag == "hi":
            node.set("rend", _REND[tag])
        node.text = element.text
        for child in element:
            self.convert(child, node)
        self._tail(element, parent)

    def _graphic(self, element: Any, parent: Any) -> None:
        node = self._etree.SubElement(parent, "graphic")
        src = _image_src(element)
        if src:
            node.set("src", src)
        alt = element.get("alt") or element.get("title") or ""
        if alt:
            node.set("alt", alt)

    @staticmethod
    def _tail(element: Any, parent: Any) -> None:
        if not element.tail:
            return
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail


def _is_inline(tag: str) -> bool:
    return tag in {"span", "sup", "sub", "small", "big", "u", "s", "abbr", "q", "mark", "time"}


_BLOCKISH = {"p", "head", "quote", "code", "list", "table", "div", "graphic", "row", "cell"}


def _wrap_loose_text(root: Any) -> None:
    """In containers that hold blocks, runs of loose text and inline elements become <p>s, so
    `<div>text <b>bold</b><p>…</p></div>` reads as two paragraphs, not four fragments."""
    from lxml import etree

    for container in list(root.iter(*_CONTAINERS)):
        children = list(container)
        if not any(c.tag in _BLOCKISH for c in children):
            if container.tag in ("div", "body") and ((container.text or "").strip() or children):
                container.tag = "p"  # only inline content: it is a paragraph
            continue
        run: list[Any] = []
        lead = container.text
        container.text = None
        groups: list[tuple[str | None, list[Any]]] = []
        for child in children:
            if child.tag in _BLOCKISH:
                groups.append((lead, run))
                lead, run = None, []
                tail, child.tail = child.tail, None
                groups.append((None, [child]))
                lead = tail
            else:
                run.append(child)
        groups.append((lead, run))
        for child in children:
            container.remove(child)
        for text, members in groups:
            if len(members) == 1 and members[0].tag in _BLOCKISH and text is None:
                container.append(members[0])
                continue
            if not (text or "").strip() and not members:
                continue
            paragraph = etree.SubElement(container, "p")
            paragraph.text = text
            for member in members:
                paragraph.append(member)


def chapter_blocks(
    content: bytes, *, images: Callable[[str | None], str | None]
) -> tuple[list[Block], str]:
    """The blocks of one chapter and its <title> (may be empty)."""
    from lxml import etree, html

    if not content.strip():
        return [], ""
    try:
        parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
        tree = html.document_fromstring(content, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise ImportRefused(f"a chapter could not be read ({type(exc).__name__})") from None
    if tree is None:
        return [], ""
    if tree.xpath("count(//*)") > MAX_ELEMENTS:
        raise ImportRefused("a chapter is too large to read")
    title = ""
    for node in tree.iter("title"):
        title = " ".join((node.text_content() or "").split())
        break
    body = tree.find("body")
    if body is None:
        body = tree
    root = etree.Element("body")
    translator = _Translator(images)
    root.text = body.text
    for child in body:
        translator.convert(child, root)
    _wrap_loose_text(root)
    blocks = blocks_from_body(
        root, images=images, links=lambda href: safe_href(href) if href else None
    )
    return blocks, title
