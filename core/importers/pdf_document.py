"""PDF: a web page a browser printed, or a report, reflowed into an article.

pypdfium2 reads the characters with their boxes and fonts (core.importers.pdf_pages); the
reflow rules (core.importers.pdf_reflow) put them in reading order and join them into
paragraphs and headings. Then two kinds of PDF part ways:

- a page printed by a browser ("Save as PDF", core.importers.pdf_print): its print header
  and footer are metadata (the address becomes the article's source) and leave the text; the
  page's own menus, share bars and footers are left out as the browser-text importer leaves
  them out (its line classifier reads the reflowed paragraphs, one line each, blank lines
  where the page leaves space), and so are its headline, date and byline found;
- any other PDF (a report, a paper): running headers, footers and page numbers go, two
  columns are read in order, footnotes are gathered at the end under "Notes".

A scan with no text layer is refused (Postil does no OCR), and so is an encrypted PDF that
needs a password. Pictures drawn large enough to be figures are kept, stored in the library.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from core.article import Block, BlockKind, Image, ImportedArticle
from core.importers import pdf_reflow as reflow
from core.importers import tuning as t
from core.importers.browser_text import _site_of, import_browser_text, read_lines
from core.importers.errors import ImportRefused
from core.importers.pdf_pages import LINK_EDGE, Picture, TextLine, read_pdf
from core.importers.pdf_print import PrintBands, read_bands
from core.importers.script import direction, guess_language
from core.importers.titles import choose_title
from core.importers.tuning import on

_SPACES = re.compile(r"\s+")
LINKED_SHARE = 0.5  # a paragraph this much in links is read one link a line (a menu)
HEADLINE_RATIO = 1.3  # a printed page's headline is set this much larger than its body
_FIGURE_SHARE = 0.9  # a picture covering more of the page than this is the page (a scan)


def _images(placed: list[tuple[int, Picture]]) -> dict[int, list[Image]]:
    """The pictures as library images, by the paragraph index they stand before."""
    found: dict[int, list[Image]] = {}
    for at, picture in placed:
        found.setdefault(at, []).append(Image.from_bytes(picture.data, picture.mime))
    return found


def _flow(pdf, *, report: bool) -> tuple[list[TextLine], list[TextLine], list[Picture]]:
    """All lines in reading order, the footnotes, and the pictures."""
    heights = [p.height for p in pdf.pages]
    pages = [p.lines for p in pdf.pages]
    if report:
        pages = reflow.drop_running(pages, heights)
    size = reflow.body_size([x for lines in pages for x in lines])
    ordered: list[TextLine] = []
    notes: list[TextLine] = []
    for page, lines in zip(pdf.pages, pages, strict=True):
        if report:
            lines, foot = reflow.split_notes(lines, page.height, size)
            notes.extend(foot)
        ordered.extend(reflow.order_page(lines, columns=report))
    pictures = [
        pic
        for page in pdf.pages
        for pic in page.pictures
        if (pic.x1 - pic.x0) * (pic.bottom - pic.top) < _FIGURE_SHARE * page.width * page.height
    ]
    return ordered, notes, pictures


def _paragraph_at(found: list[reflow.Paragraph], lines: list[TextLine]) -> list[int]:
    """For each line index, the index of the paragraph it belongs to (of the next one, for a
    line whose paragraph was left out as empty)."""
    owner = {id(x): n for n, para in enumerate(found) for x in para.lines}
    found_at: list[int] = []
    following = len(found)
    for line in reversed(lines):
        following = owner.get(id(line), following)
        found_at.append(following)
    return found_at[::-1]


def _build(
    found: list[reflow.Paragraph],
    keep: list[int],
    images: dict[int, list[Image]],
    size: float,
) -> list[Block]:
    levels = reflow.heading_levels(found, size)
    blocks: list[Block] = []
    kept = set(keep)
    first, last = (min(keep), max(keep)) if keep else (0, -1)
    for n, para in enumerate(found):
        if first <= n <= last:
            for image in images.get(n, []):
                blocks.append(Block(BlockKind.IMAGE, image=image.key))
        if n in kept:
            blocks.append(reflow.block_of(para, size, levels))
    return blocks


def _with_images(blocks: list[Block], images: dict[int, list[Image]]) -> list[Image]:
    keys = {b.image for b in blocks if b.kind is BlockKind.IMAGE}
    return list({i.key: i for group in images.values() for i in group if i.key in keys}.values())


def _placed(lines, pictures, found) -> dict[int, list[Image]]:
    at_line = reflow.place_pictures(lines, pictures)
    owner = _paragraph_at(found, lines)
    placed = [(owner[at] if at < len(owner) else len(found), pic) for at, pic in at_line]
    return _images(placed)


def _report(pdf, data: bytes, source_name: str) -> ImportedArticle:
    """Any other PDF: all of its text is the article, reflowed; footnotes at the end."""
    lines, notes, pictures = _flow(pdf, report=True)
    if not lines:
        raise ImportRefused("this PDF has no text to import")
    size = reflow.body_size(lines)
    found = reflow.mend_breaks(reflow.paragraphs(lines))
    images = _placed(lines, pictures, found)
    blocks = _build(found, list(range(len(found))), images, size)
    blocks += reflow.note_blocks(notes)
    title = pdf.title
    opening = next((b for b in blocks if b.text), None)
    if not title and opening is not None:
        title = opening.text
    if opening is not None and opening.kind is BlockKind.HEADING and opening.text == title:
        blocks.remove(opening)
    text = "\n".join(b.text for b in blocks if b.text)
    language = guess_language(text)
    return ImportedArticle(
        title=(title or source_name)[:300],
        blocks=blocks,
        original=data,
        source_kind="pdf",
        source_name=source_name,
        byline=pdf.author or None,
        language=language,
        direction=direction(text, language),
        images=_with_images(blocks, images),
    )


def _linked(para: reflow.Paragraph) -> float:
    sizes = [len(x.text) for x in para.lines]
    return sum(x.linked * n for x, n in zip(para.lines, sizes, strict=True)) / max(1, sum(sizes))


def _as_browser_text(found: list[reflow.Paragraph]) -> tuple[str, list[int]]:
    """The paragraphs as browser text: one line each, a blank line where the page leaves a
    paragraph's space above it (as innerText frames <p> and headings); a paragraph made mostly
    of links (a menu row) one line a link, as innerText gives a menu. Also, for each line of
    that text, the paragraph it comes from."""
    parts: list[str] = []
    owner: list[int] = []
    for n, para in enumerate(found):
        if n:
            spaced = para.gap_before > reflow.PARAGRAPH_GAP * max(para.first.height, 1.0)
            parts.append("\n\n" if spaced or para.first.page != found[n - 1].first.page else "\n")
        pieces = [para.text.replace(LINK_EDGE, "")]
        if _linked(para) >= LINKED_SHARE:
            pieces = [p for p in (" ".join(x.split()) for x in para.text.split(LINK_EDGE)) if p]
        parts.append("\n".join(pieces))
        owner.extend([n] * len(pieces))
    return "".join(parts), owner


def _trim(found: list[reflow.Paragraph], keep: list[int]) -> list[int]:
    """What the page itself tells of the article's edges that its text does not: a paragraph
    that is all link is another story's teaser, and the article's tail that is not set in its
    text's size (teasers, a newsletter box) is not the article."""
    if on("pdf.links"):
        keep = [n for n in keep if _linked(found[n]) < t.TEASER_LINKED]
    if not keep or not on("pdf.tail"):
        return keep
    sizes: Counter[float] = Counter()
    for n in keep:
        sizes[found[n].first.size] += len(found[n].text)
    size = sizes.most_common(1)[0][0]
    while keep and found[keep[-1]].first.size != size:
        keep.pop()
    if on("pdf.small"):
        keep = [n for n in keep if not _small(found[n], size)]
    return keep


def _small(para: reflow.Paragraph, size: float) -> bool:
    """A short paragraph set smaller than the article's text: a caption, a credit, a date."""
    return para.first.size < size * t.SMALL_RATIO and len(para.text.split()) <= t.SMALL_WORDS


def _headline(found: list[reflow.Paragraph], before: int, size: float) -> str | None:
    """The largest text above the article's first paragraph, when set well above the body."""
    head = [p for p in found[: before + 1] if len(p.text.split()) <= 40]
    if not head:
        return None
    top = max(head, key=lambda p: p.first.size)
    return reflow.plain(top.text) if top.first.size >= size * HEADLINE_RATIO else None


def _printed(pdf, bands: PrintBands, data: bytes, source_name: str) -> ImportedArticle:
    """A page a browser printed: the browser-text reading of its paragraphs decides what is
    the article (and its date, byline, headline); the PDF gives the blocks' kinds."""
    lines, _notes, pictures = _flow(pdf, report=False)
    if not lines:
        raise ImportRefused("no article text was found in this printed page")
    size = reflow.body_size(lines)
    found = reflow.mend_breaks(reflow.paragraphs(lines))
    for para in found:
        para.text = _SPACES.sub(" ", para.text.replace("\u00ad", "")).strip()
    found = [p for p in found if reflow.plain(p.text).strip()]
    text, owner = _as_browser_text(found)
    reading = read_lines(text)
    as_text = import_browser_text(text, original=data, source_name=source_name)
    if reading is None or len(reading.lines) != len(owner):
        keep = list(range(len(found)))
        title_at = None
    else:
        pieces = Counter(owner)
        kept = Counter(owner[line.index] for line in reading.body)
        keep = [n for n in range(len(found)) if kept[n] * 2 > pieces[n]]
        keep = _trim(found, keep)
        title_at = owner[reading.title_at] if reading.title_at is not None else None
    if not keep:
        raise ImportRefused("no article text was found in this printed page")
    images = _placed(lines, pictures, found)
    document_title = pdf.title or bands.title
    first_para = owner[reading.first_para] if reading is not None and owner else 0
    headline = _headline(found, first_para, size)
    if headline is None and title_at is not None:
        headline = reflow.plain(found[title_at].text)
    site = _site_of(reading.lines) if reading is not None else None
    titles = {"title": document_title, "h1": headline or ""}
    title = choose_title({k: v for k, v in titles.items() if v}, None, site) or as_text.title
    keep = [n for n in keep if not _same(reflow.plain(found[n].text), title) or n > keep[0] + 2]
    blocks = _build(found, keep, images, size)
    url = bands.url if bands.url and bands.url.lower().startswith(("http://", "https://")) else None
    return replace(
        as_text,
        title=title[:300],
        blocks=blocks,
        source_kind="pdf",
        url=url,
        site=as_text.site or site,
        images=_with_images(blocks, images),
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def import_pdf(data: bytes, *, source_name: str = "") -> ImportedArticle:
    """One PDF as an article, or ImportRefused with the reason in one line."""
    pdf = read_pdf(data)
    bands = read_bands(pdf.pages, pdf.links)
    if bands is not None:
        return _printed(pdf, bands, data, source_name)
    return _report(pdf, data, source_name)
