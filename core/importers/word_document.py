"""Word documents (.docx): a memo or a report as an article.

python-docx opens the package; the body is then read from its XML in document order, so
hyperlinks, tracked insertions, content controls and tables keep their place. Paragraph
styles (and the styles they are based on) say what a paragraph is: Title and Heading N are
headings, Quote and Intense Quote are quotes, numbered or bulleted paragraphs are list items
at their level. Pictures the document carries are stored with it; nothing is fetched.

python-docx 1.2 has no footnote API: word/footnotes.xml (and endnotes.xml) are read from the
package part itself. Each reference becomes a marker "[n]" in the text, numbered in reading
order, and the notes are gathered at the end under a "Notes" heading, "[n] text", so a
highlight on a note reads the same in the article and in an exported brief.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.article import Block, BlockKind, Image, ImportedArticle, Span
from core.importers.docx_package import open_zip
from core.importers.errors import ImportRefused
from core.importers.images import keep_image
from core.importers.links import safe_href
from core.importers.script import direction, guess_language, normalize_language

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_FOOTNOTES = f"{R}/footnotes"
_ENDNOTES = f"{R}/endnotes"
_HEADING = re.compile(r"^heading\s*([1-9])$")
_LIST_STYLE = re.compile(r"^list\s*(bullet|number)\s*([2-9])?$")
_QUOTE_STYLES = frozenset({"quote", "intense quote", "block text"})
_BULLET_FORMATS = frozenset({"bullet", "none", ""})
MAX_BLOCKS = 200_000
NOTES_HEADING = "Notes"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _on(element: Any | None) -> bool:
    """A toggle property (w:b, w:i): present and not switched off."""
    if element is None:
        return False
    return element.get(_w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True, slots=True)
class _Style:
    href: str | None = None
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(slots=True)
class _Notes:
    """Footnotes and endnotes by (kind, id), numbered in the order the text refers to them."""

    texts: dict[tuple[str, str], str]
    order: list[tuple[str, str]] = field(default_factory=list)

    def marker(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.texts:
            return ""
        if key not in self.order:
            self.order.append(key)
        return f"[{self.order.index(key) + 1}]"

    def blocks(self) -> list[Block]:
        out = [Block(BlockKind.HEADING, (Span(NOTES_HEADING),), level=2)] if self.order else []
        for n, key in enumerate(self.order, start=1):
            out.append(Block(BlockKind.PARAGRAPH, (Span(f"[{n}] {self.texts[key]}"),)))
        return out


class _Reader:
    """Walks the body's XML into blocks."""

    def __init__(self, document: Any, notes: _Notes) -> None:
        self._part = document.part
        self._notes = notes
        self._style_names = self._read_styles(document)
        self._numbering = self._read_numbering()
        self.blocks: list[Block] = []
        self.images: dict[str, Image] = {}
        self.title_candidates: list[tuple[int, str]] = []  # (rank, text): Title 0, Heading 1: 1

    # -- styles and numbering --------------------------------------------------------------

    @staticmethod
    def _read_styles(document: Any) -> dict[str, tuple[str, str | None, Any]]:
        """styleId -> (lower-case name, based-on styleId, the style's pPr)."""
        out: dict[str, tuple[str, str | None, Any]] = {}
        try:
            root = document.styles.element
        except Exception:  # a document without a styles part: every paragraph is Normal
            return out
        for style in root.iterchildren(_w("style")):
            style_id = style.get(_w("styleId"))
            if not style_id:
                continue
            name_el = style.find(_w("name"))
            based = style.find(_w("basedOn"))
            name = (name_el.get(_w("val")) if name_el is not None else style_id) or style_id
            out[style_id] = (
                name.strip().lower(),
                based.get(_w("val")) if based is not None else None,
                style.find(_w("pPr")),
            )
        return out

    def _read_numbering(self) -> dict[tuple[str, str], bool]:
        """(numId, ilvl) -> whether that list level is numbered (not bullets)."""
        formats: dict[tuple[str, str], bool] = {}
        try:
            root = self._part.numbering_part.element
        except Exception:  # no numbering part
            return formats
        abstract: dict[str, dict[str, bool]] = {}
        for node in root.iterchildren(_w("abstractNum")):
            levels = {}
            for lvl in node.iterchildren(_w("lvl")):
                fmt = lvl.find(_w("numFmt"))
                value = (fmt.get(_w("val")) if fmt is not None else "") or ""
                levels[lvl.get(_w("ilvl"), "0")] = value not in _BULLET_FORMATS
            abstract[node.get(_w("abstractNumId"), "")] = levels
        for num in root.iterchildren(_w("num")):
            ref = num.find(_w("abstractNumId"))
            levels = abstract.get(ref.get(_w("val"), "") if ref is not None else "", {})
            for ilvl, ordered in levels.items():
                formats[(num.get(_w("numId"), ""), ilvl)] = ordered
        return formats

    def _style_chain(self, style_id: str | None) -> Iterator[tuple[str, Any]]:
        """(name, pPr) of a style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < 12:
            seen.add(style_id)
            found = self._style_names.get(style_id)
            if found is None:
                return
            yield found[0], found[2]
            style_id = found[1]

    def _kind(self, p: Any) -> tuple[BlockKind, int, bool]:
        """(kind, level, ordered) of a paragraph, from its style and numbering."""
        ppr = p.find(_w("pPr"))
        style_el = ppr.find(_w("pStyle")) if ppr is not None else None
        style_id = style_el.get(_w("val")) if style_el is not None else None
        chain = list(self._style_chain(style_id))
        for name, _ppr in chain:
            if name == "title":
                return BlockKind.HEADING, 1, False
            heading = _HEADING.match(name)
            if heading:
                return BlockKind.HEADING, int(heading.group(1)), False
            if name in _QUOTE_STYLES:
                return BlockKind.QUOTE, 0, False
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        for _name, style_ppr in chain:
            if num_pr is None and style_ppr is not None:
                num_pr = style_ppr.find(_w("numPr"))
        if num_pr is not None:
            num_id_el = num_pr.find(_w("numId"))
            ilvl_el = num_pr.find(_w("ilvl"))
            num_id = num_id_el.get(_w("val"), "0") if num_id_el is not None else "0"
            ilvl = ilvl_el.get(_w("val"), "0") if ilvl_el is not None else "0"
            if num_id != "0":
                level = int(ilvl) + 1 if ilvl.isdigit() else 1
                ordered = self._numbering.get((num_id, ilvl), False)
                return BlockKind.LIST_ITEM, min(level, 9), ordered
        for name, _ppr in chain:
            listed = _LIST_STYLE.match(name)
            if listed:
                level = int(listed.group(2) or 1)
                return BlockKind.LIST_ITEM, level, listed.group(1) == "number"
        outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
        if outline is not None and (outline.get(_w("val")) or "").isdigit():
            level = int(outline.get(_w("val"))) + 1
            if level <= 6:
                return BlockKind.HEADING, level, False
        return BlockKind.PARAGRAPH, 0, False

    # -- inline content ----------------------------------------------------------------------

    def _link(self, element: Any) -> str | None:
        rel_id = element.get(f"{{{R}}}id")
        if not rel_id:
            return None
        rel = self._part.rels.get(rel_id)
        if rel is None or not rel.is_external:
            return None
        return safe_href(rel.target_ref)

    def _image(self, rel_id: str | None) -> str | None:
        """The stored image's key for a picture's relationship, None when it is not a raster
        picture inside the document (a linked file stays a placeholder: nothing is fetched)."""
        if not rel_id:
            return None
        rel = self._part.rels.get(rel_id)
        if rel is None or rel.is_external:
            return None
        try:
            data = rel.target_part.blob
        except Exception:
            return None
        return keep_image(self.images, data)

    def _pictures(self, run: Any) -> Iterator[tuple[str | None, str]]:
        """(image key, alt text) of each picture in a run."""
        for drawing in run.iter(_w("drawing"), f"{{{V}}}imagedata"):
            if drawing.tag == f"{{{V}}}imagedata":
                yield self._image(drawing.get(f"{{{R}}}id")), drawing.get("title") or ""
                continue
            alt = ""
            for doc_pr in drawing.iter(f"{{{WP}}}docPr"):
                alt = doc_pr.get("descr") or doc_pr.get("title") or ""
                break
            for blip in drawing.iter(f"{{{A}}}blip"):
                yield self._image(blip.get(f"{{{R}}}embed")), alt
                break

    def _run(self, run: Any, style: _Style, spans: list[Span], pictures: list[Block]) -> None:
        rpr = run.find(_w("rPr"))
        bold = style.bold or (rpr is not None and _on(rpr.find(_w("b"))))
        italic = style.italic or (rpr is not None and _on(rpr.find(_w("i"))))
        code = style.code
        if rpr is not None and not code:
            fonts = rpr.find(_w("rFonts"))
            face = (fonts.get(_w("ascii")) or "") if fonts is not None else ""
            code = face.lower() in ("courier new", "consolas", "courier", "menlo", "monaco")

        def add(text: str) -> None:
            spans.append(Span(text, style.href, bold, italic, code))

        for child in run:
            tag = child.tag
            if tag == _w("t"):
                add(child.text or "")
            elif tag == _w("tab"):
                add(" ")
            elif tag in (_w("br"), _w("cr")):
                if child.get(_w("type")) not in ("page", "column"):
                    add("\n")
            elif tag == _w("noBreakHyphen"):
                add("-")
            elif tag == _w("softHyphen"):
                continue
            elif tag == _w("footnoteReference"):
                add(self._notes.marker("footnote", child.get(_w("id"), "")))
            elif tag == _w("endnoteReference"):
                add(self._notes.marker("endnote", child.get(_w("id"), "")))
            elif tag in (_w("drawing"), _w("pict"), _w("object")):
                for key, alt in self._pictures(child):
                    pictures.append(Block(BlockKind.IMAGE, image=key, alt=alt))

    def inline(self, element: Any, style: _Style, spans: list[Span], pictures: list[Block]) -> None:
        """Spans of a paragraph's content, in order; deleted text (tracked changes) left out."""
        for child in element:
            tag = child.tag
            if tag == _w("r"):
                self._run(child, style, spans, pictures)
            elif tag == _w("hyperlink"):
                href = self._link(child) or style.href
                self.inline(
                    child, _Style(href, style.bold, style.italic, style.code), spans, pictures
                )
            elif tag in (_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr")):
                continue
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.inline(content, style, spans, pictures)
            elif isinstance(tag, str):  # w:ins, w:smartTag, w:fldSimple, w:customXml...
                self.inline(child, style, spans, pictures)

    # -- blocks ------------------------------------------------------------------------------

    def _add(self, block: Block) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            raise ImportRefused("the document is too large to read as an article")
        self.blocks.append(block)

    def paragraph(self, p: Any) -> None:
        kind, level, ordered = self._kind(p)
        spans: list[Span] = []
        pictures: list[Block] = []
        self.inline(p, _Style(), spans, pictures)
        text = "".join(s.text for s in spans).strip()
        if text:
            if kind is BlockKind.HEADING:
                style_el = p.find(f"{_w('pPr')}/{_w('pStyle')}")
                rank = 0 if style_el is not None and self._is_title(style_el) else level
                self.title_candidates.append((rank, " ".join(text.split())))
                self._add(Block(kind, tuple(spans), level=min(level, 6)))
            elif kind is BlockKind.LIST_ITEM:
                self._add(Block(kind, tuple(spans), level=level, ordered=ordered))
            else:
                self._add(Block(kind, tuple(spans)))
        for picture in pictures:
            self._add(picture)

    def _is_title(self, style_el: Any) -> bool:
        return any(name == "title" for name, _ in self._style_chain(style_el.get(_w("val"))))

    def table(self, tbl: Any) -> None:
        """A row is one paragraph, its cells apart by " | " (as saved pages' tables are)."""
        for row in tbl.iter(_w("tr")):
            cells: list[list[Span]] = []
            for cell in row.iterchildren(_w("tc")):
                spans: list[Span] = []
                pictures: list[Block] = []
                for p in cell.iter(_w("p")):
                    if spans:
                        spans.append(Span(" "))
                    self.inline(p, _Style(), spans, pictures)
                if "".join(s.text for s in spans).strip():
                    cells.append(spans)
            merged: list[Span] = []
            for n, spans in enumerate(cells):
                if n:
                    merged.append(Span(" | "))
                merged.extend(spans)
            if merged:
                self._add(Block(BlockKind.PARAGRAPH, tuple(merged)))

    def body(self, element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child)
            elif tag == _w("tbl"):
                self.table(child)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.body(content)
            elif tag in (_w("ins"), _w("customXml"), _w("smartTag")):
                self.body(child)


def _note_texts(document: Any) -> dict[tuple[str, str], str]:
    """(kind, id) -> the note's text, from word/footnotes.xml and word/endnotes.xml, read from
    their package parts (python-docx has no API for them). Separator notes are left out."""
    from lxml import etree

    texts: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (_FOOTNOTES, _ENDNOTES):
            continue
        kind = "footnote" if rel.reltype == _FOOTNOTES else "endnote"
        try:
            blob = rel.target_part.blob
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(blob, parser)
        except Exception:  # a damaged notes part: the body is still worth reading
            continue
        for note in root.iterchildren(_w(kind)):
            if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paragraphs = []
            for p in note.iter(_w("p")):
                words = []
                for node in p.iter(_w("t"), _w("tab"), _w("br")):
                    words.append(node.text or "" if node.tag == _w("t") else " ")
                paragraphs.append("".join(words))
            text = " ".join(" ".join(paragraphs).split())
            if text:
                texts[(kind, note.get(_w("id"), ""))] = text
    return texts


def _created(value: datetime | None) -> datetime | None:
    """The document's creation date, unless it is a template's placeholder or nonsense."""
    if value is None or not isinstance(value, datetime) or value.year < 1990:
        return None
    return value


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _open(data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = open_zip(data, kind="Word document")
    names = set(archive.namelist())
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise ImportRefused("this Word document is password-protected; Postil cannot read it")
    if "[Content_Types].xml" not in names:
        raise ImportRefused("this is not a Word document (no [Content_Types].xml in the zip)")
    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise ImportRefused("this is not a Word document") from None
    except ValueError as exc:
        if "not a Word file" in str(exc):  # a template, a macro file, a spreadsheet...
            raise ImportRefused("this is not a Word document (another Office file)") from None
        raise ImportRefused(f"this Word document is damaged ({type(exc).__name__})") from None
    except Exception as exc:  # lxml and zipfile raise many kinds on damaged parts
        raise ImportRefused(f"this Word document is damaged ({type(exc).__name__})") from None


def import_docx(data: bytes, *, source_name: str = "") -> ImportedArticle:
    """One Word document, one article; raises ImportRefused with a one-line reason."""
    document = _open(data)
    notes = _Notes(_note_texts(document))
    reader = _Reader(document, notes)
    reader.body(document.element.body)
    blocks = reader.blocks + notes.blocks()
    if not any(b.text.strip() for b in blocks if b.kind is not BlockKind.IMAGE):
        raise ImportRefused("the Word document holds no text")

    props = document.core_properties
    declared = " ".join((props.title or "").split())
    candidates = sorted(reader.title_candidates, key=lambda c: c[0])
    title = declared or (candidates[0][1] if candidates and candidates[0][0] <= 1 else "")
    if not title:
        title = next(b.text for b in blocks if b.text.strip())
    title = " ".join(title.split())[:300]
    first = blocks[0]
    if first.kind is BlockKind.HEADING and _same(first.text, title):
        blocks = blocks[1:]  # the reader shows the title on its own
    if not any(b.text.strip() for b in blocks if b.kind is not BlockKind.IMAGE):
        blocks = [Block(BlockKind.PARAGRAPH, (Span(title),))]

    text = "\n".join(b.text for b in blocks if b.text)
    language = normalize_language(props.language) or guess_language(text)
    author = " ".join((props.author or "").split()) or None
    return ImportedArticle(
        title=title,
        blocks=blocks,
        original=data,
        source_kind="docx",
        source_name=source_name,
        byline=author,
        section=" ".join((props.subject or "").split()) or None,
        published=_created(props.created),
        language=language,
        direction=direction(text, language),
        images=list(reader.images.values()),
    )
