"""EPUB books: one book, one article, its chapters as sections.

Why one article per book and not one per chapter: an import turns one file into one article
(the batch, its one line per file, versions and near-duplicates all count in files), a book
is read, highlighted and exported as one work, and a re-import of a corrected edition should
move the book's highlights as a new version of one article, not scatter them over articles
matched chapter by chapter. A chapter is a section: it opens with a heading (its own, or the
table of contents' title for it when the chapter has none), so the reader's outline and a
brief's links find it.

The spine gives the reading order; the navigation document itself is left out. Pictures the
book carries are stored with it (raster formats; an SVG picture is a placeholder); links to
other chapters are dropped, links to the web kept; nothing is fetched. A book whose content
is encrypted (DRM: Adobe ADEPT, Apple FairPlay, Readium LCP...) is refused; font
obfuscation, which hides only fonts, is not DRM and such books import.
"""

from __future__ import annotations

import io
import posixpath
from typing import Any
from urllib.parse import unquote, urlsplit

from core.article import Block, BlockKind, Image, ImportedArticle, Span
from core.importers.dates import parse_iso
from core.importers.docx_package import open_zip, read_member
from core.importers.epub_xhtml import chapter_blocks
from core.importers.errors import ImportRefused
from core.importers.images import keep_image
from core.importers.links import web_url
from core.importers.script import direction, guess_language, normalize_language

MAX_CHAPTERS = 5000
MAX_BLOCKS = 300_000
# Encryption that hides fonts only (IDPF and Adobe font obfuscation): the text is readable.
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
_DRM_MARKERS = ("META-INF/rights.xml", "META-INF/sinf.xml", "META-INF/license.lcpl")


def _check_drm(archive: Any) -> None:
    names = set(archive.namelist())
    if any(marker in names for marker in _DRM_MARKERS):
        raise ImportRefused("this book is protected by DRM; Postil cannot read it")
    encryption = read_member(archive, "META-INF/encryption.xml")
    if encryption is None:
        return
    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(encryption, parser)
    except etree.LxmlError:
        raise ImportRefused(
            "this book's encryption list is damaged; it may be DRM-protected"
        ) from None
    for method in root.iter("{*}EncryptionMethod"):
        if method.get("Algorithm") not in _FONT_OBFUSCATION:
            raise ImportRefused("this book is protected by DRM (its text is encrypted)")


def _metadata(book: Any, name: str, namespace: str = "DC") -> str:
    try:
        values = book.get_metadata(namespace, name)
    except (KeyError, AttributeError):
        return ""
    for value, _attrs in values:
        text = " ".join(str(value or "").split())
        if text:
            return text
    return ""


def _toc_titles(book: Any) -> dict[str, str]:
    """Chapter file name -> the table of contents' title for it (the first one)."""
    titles: dict[str, str] = {}

    def walk(entries: Any, depth: int = 0) -> None:
        if depth > 20:
            return
        for entry in entries or ():
            if isinstance(entry, tuple | list) and len(entry) == 2:
                section, children = entry
                walk([section], depth + 1)
                walk(children, depth + 1)
                continue
            href = getattr(entry, "href", None)
            title = " ".join(str(getattr(entry, "title", "") or "").split())
            if href and title:
                titles.setdefault(unquote(urlsplit(href).path), title)

    walk(getattr(book, "toc", ()))
    return titles


class _Images:
    """A chapter's pictures read from the book, each stored once under its hash."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self.images: dict[str, Image] = {}

    def lookup(self, chapter: str) -> Any:
        folder = posixpath.dirname(chapter)

        def key(src: str | None) -> str | None:
            if not src:
                return None
            parts = urlsplit(src)
            if parts.scheme or parts.netloc:
                return None  # a picture on the web stays a placeholder: nothing is fetched
            path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            item = self._book.get_item_with_href(path)
            if item is None:
                return None
            try:
                data = item.get_content()
            except Exception:
                return None
            return keep_image(self.images, data)

        return key


def _read_book(data: bytes) -> Any:
    archive = open_zip(data, kind="EPUB book")
    _check_drm(archive)
    if read_member(archive, "META-INF/container.xml") is None:
        raise ImportRefused("this is not an EPUB book (no META-INF/container.xml)")
    from ebooklib import epub

    try:
        return epub.read_epub(io.BytesIO(data), options={"ignore_ncx": False})
    except ImportRefused:
        raise
    except Exception as exc:  # ebooklib raises KeyError, EpubException, lxml errors...
        raise ImportRefused(f"this EPUB book is damaged ({type(exc).__name__})") from None


def _spine_items(book: Any) -> list[Any]:
    from ebooklib import epub

    items = []
    for entry in getattr(book, "spine", ()):
        idref = entry[0] if isinstance(entry, tuple | list) else entry
        item = book.get_item_with_id(idref)
        if item is None or isinstance(item, epub.EpubNav):
            continue
        if item.media_type not in ("application/xhtml+xml", "text/html"):
            continue
        items.append(item)
    return items[:MAX_CHAPTERS]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def import_epub(data: bytes, *, source_name: str = "") -> ImportedArticle:
    """One book, one article; raises ImportRefused with a one-line reason."""
    book = _read_book(data)
    title = _metadata(book, "title")
    toc = _toc_titles(book)
    images = _Images(book)
    blocks: list[Block] = []
    for item in _spine_items(book):
        name = item.get_name()
        try:
            content = item.get_content()
        except Exception:
            continue  # a chapter missing from the zip: the rest of the book is still there
        chapter, doc_title = chapter_blocks(content, images=images.lookup(name))
        if not any(b.text.strip() for b in chapter):
            blocks.extend(b for b in chapter if b.kind is BlockKind.IMAGE)  # a cover, a plate
            continue
        heading = toc.get(name) or doc_title
        opens_with_heading = chapter[0].kind is BlockKind.HEADING
        if heading and not opens_with_heading and not _same(heading, title):
            chapter.insert(0, Block(BlockKind.HEADING, (Span(heading),), level=2))
        blocks.extend(chapter)
        if len(blocks) > MAX_BLOCKS:
            raise ImportRefused("the book is too large to read as one article")
    if not any(b.text.strip() for b in blocks if b.kind is not BlockKind.IMAGE):
        raise ImportRefused("the book holds no text")
    if not title:
        title = next(b.text for b in blocks if b.text.strip())[:300]
    first_text = next(i for i, b in enumerate(blocks) if b.text.strip())
    if blocks[first_text].kind is BlockKind.HEADING and _same(blocks[first_text].text, title):
        del blocks[first_text]  # the reader shows the title on its own
    if not any(b.text.strip() for b in blocks if b.kind is not BlockKind.IMAGE):
        blocks.append(Block(BlockKind.PARAGRAPH, (Span(title),)))

    text = "\n".join(b.text for b in blocks if b.text)
    language = normalize_language(_metadata(book, "language")) or guess_language(text)
    date = _metadata(book, "date")
    identifier = _metadata(book, "identifier")
    return ImportedArticle(
        title=title,
        blocks=blocks,
        original=data,
        source_kind="epub",
        source_name=source_name,
        byline=_metadata(book, "creator") or None,
        site=_metadata(book, "publisher") or None,
        url=web_url(_metadata(book, "source")) or web_url(identifier),
        published=parse_iso(date[:25]) if date else None,
        language=language,
        direction=direction(text, language),
        images=list(images.images.values()),
    )
