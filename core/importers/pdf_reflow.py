"""A PDF's lines reflowed into an article's blocks: the reading order, paragraphs, headings.

The rules, each a function of its own and tested on generated PDFs (tests/core/
test_import_pdf_reflow.py):

- running headers and footers: a line near the top or bottom of the page whose text, digits
  aside, comes back on many pages; and page numbers ("12", "Page 3 of 9", "- 4 -") there;
- columns: a page whose lines fall on either side of a gutter is read column by column,
  lines that span the gutter (a title, a wide table) cutting the page into bands;
- tables: three or more cells on one baseline, on two rows or more, become one row of text
  each, cells parted by " | ";
- paragraphs: lines join while the spacing, the size and the left edge stay the same and the
  line before reached the column's right edge (a short line ends its paragraph);
- hyphenation: a word broken at a line's end ("recon-" / "struction") is joined again when
  the next line goes on in lower case; a hyphen that belongs to the word ("well-" / "Known")
  stays;
- headings: a short block set larger than the body text, or in bold on its own, levels by
  size;
- footnotes: small lines under the body at a page's foot that open with a number or a mark
  are gathered, in order, under a "Notes" heading at the end of the article;
- figures: a picture goes where its top stands in the reading order.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from core.article import Block, BlockKind, Span
from core.importers.pdf_pages import LINK_EDGE, Picture, TextLine

NOTES_HEADING = "Notes"
BAND = 0.09  # share of the page's height at its top and bottom where running lines sit
RUNNING_SHARE = 0.5  # a line that comes back on this share of the pages (at least 2) runs
HEADING_RATIO = 1.15  # a block this much larger than the body text is a heading
HEADING_WORDS = 25  # a longer block is not a heading, however large
BOLD_HEADING_WORDS = 12  # a bold block this short standing alone is a heading
PARAGRAPH_GAP = 0.45  # a gap above a line over this many line heights starts a paragraph
FOOTNOTE_RATIO = 0.92  # footnote lines are set at most this size against the body
COLUMN_MIN_LINES = 4  # lines each side of a gutter for a page to read as two columns
TABLE_MIN_CELLS = 3  # cells on one baseline for a row of a table
WRAPPED_CHARS = 16  # a line a paragraph wrapped holds at least this many characters
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page|p\.|seite|pagina|página)?\s*(?:\d{1,4}|[ivxlcdm]{1,6})"
    r"(?:\s*(?:/|of|von|de|di|sur)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
_NOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§¶]+|[¹²³⁰⁴-⁹]+)[.)]?\s*\S")
_BULLET = re.compile(r"^([•◦▪●■–—-]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;…。'\"”’)\]]$")


def plain(text: str) -> str:
    """A line's text without the marks of where its links start and end."""
    return text.replace(LINK_EDGE, "")


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(plain(text).split()).casefold())


def drop_running(pages: list[list[TextLine]], heights: list[float]) -> list[list[TextLine]]:
    """Running headers, footers and page numbers left out."""
    count = len(pages)
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        shapes = {_shape(x.text) for x in lines if _in_band(x, height)}
        seen.update(shapes)
    need = max(2, int(RUNNING_SHARE * count + 0.5))
    running = {shape for shape, n in seen.items() if n >= need} if count >= 2 else set()
    kept = []
    for lines, height in zip(pages, heights, strict=True):
        kept.append(
            [
                x
                for x in lines
                if not (
                    _in_band(x, height)
                    and (_shape(x.text) in running or _PAGE_NUMBER.match(plain(x.text)))
                )
            ]
        )
    return kept


def _in_band(line: TextLine, height: float) -> bool:
    return line.bottom <= BAND * height or line.top >= (1 - BAND) * height


def body_size(lines: list[TextLine]) -> float:
    """The size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _columns(lines: list[TextLine]) -> list[TextLine]:
    """The page's lines in reading order: two columns read one after the other, within bands
    cut by the lines that span the gutter."""
    if len(lines) < 2 * COLUMN_MIN_LINES:
        return lines
    left_edge = min(x.x0 for x in lines)
    right_edge = max(x.x1 for x in lines)
    middle = (left_edge + right_edge) / 2
    left = [x for x in lines if x.x1 <= middle + 2]
    right = [x for x in lines if x.x0 >= middle - 2]
    if len(left) < COLUMN_MIN_LINES or len(right) < COLUMN_MIN_LINES:
        return lines
    # a real right column has lines that start at its edge, not only short right-hand cells
    starts = Counter(round(x.x0) for x in right)
    if starts.most_common(1)[0][1] < COLUMN_MIN_LINES:
        return lines
    ordered: list[TextLine] = []
    band: list[TextLine] = []

    def flush() -> None:
        lefts = sorted((x for x in band if x.x1 <= middle + 2), key=lambda x: (x.top, x.x0))
        rights = sorted((x for x in band if x.x1 > middle + 2), key=lambda x: (x.top, x.x0))
        ordered.extend(lefts + rights)
        band.clear()

    for line in sorted(lines, key=lambda x: (x.top, x.x0)):
        if line.x0 < middle - 2 and line.x1 > middle + 2:  # spans the gutter
            flush()
            ordered.append(line)
        else:
            band.append(line)
    flush()
    return ordered


def split_notes(lines: list[TextLine], height: float, size: float) -> tuple[list, list]:
    """Footnotes: the small lines at the foot of the page, below the last body-size line,
    the first of them opening with a note mark."""
    body_bottom = max((x.bottom for x in lines if x.size >= size * FOOTNOTE_RATIO), default=0)
    foot = [x for x in lines if x.top >= body_bottom - 1 and x.size < size * FOOTNOTE_RATIO]
    foot = [x for x in foot if x.top > height * 0.5]
    foot.sort(key=lambda x: (x.top, x.x0))
    if not foot or not _NOTE_MARK.match(plain(foot[0].text)):
        return lines, []
    kept = [x for x in lines if x not in foot]
    return kept, foot


def _table_rows(lines: list[TextLine]) -> list[TextLine]:
    """Lines of three or more cells on one baseline, on two rows or more, merged into one
    line per row ("cell | cell | cell")."""
    rows: dict[int, list[TextLine]] = {}
    for line in lines:
        rows.setdefault(round(line.bottom), []).append(line)
    wide = {k for k, cells in rows.items() if len(cells) >= TABLE_MIN_CELLS}
    if len(wide) < 2:
        return lines
    merged: list[TextLine] = []
    done: set[int] = set()
    for line in lines:
        key = round(line.bottom)
        if key not in wide:
            merged.append(line)
            continue
        if key in done:
            continue
        done.add(key)
        cells = sorted(rows[key], key=lambda x: x.x0)
        first = cells[0]
        merged.append(
            TextLine(
                " | ".join(x.text for x in cells),
                first.x0,
                cells[-1].x1,
                min(x.top for x in cells),
                max(x.bottom for x in cells),
                first.size,
                first.bold,
                first.italic,
                first.page,
            )
        )
        merged[-1].href = "table"  # marks a row for the block builder (never a link)
    return merged


def _wrapped(before: TextLine, line: TextLine, edge: float) -> bool:
    """Whether `before` ended because the next word did not fit: it reaches near the right
    edge, less than the next line's first word (and a space) short of it."""
    first = line.text.split(" ", 1)[0]
    if before.text.endswith(("-", "\u00ad")) and first[:1].islower():
        return True  # a word broken at the line's end goes on
    if first[:1].islower() and not _SENTENCE_END.search(plain(before.text)):
        return True  # the sentence goes on (around a picture the lines are short)
    room = edge - before.x1
    return room < (len(first) + 2) * 0.6 * max(line.size, 1.0)


def _joins(before: TextLine, line: TextLine, edge: float, pitch: float) -> bool:
    """Whether `line` goes on the paragraph `before` ends."""
    if before.href == "table" or line.href == "table":
        return False
    if line.page != before.page or abs(line.size - before.size) > 0.6:
        return False
    if before.href and line.href and before.href != line.href:
        return False  # each a link of its own: items of a menu or a list of stories
    if len(plain(before.text)) < WRAPPED_CHARS:
        return False  # a line this short was not wrapped: an item, a heading, a name
    if line.bold != before.bold and len(before.text.split()) <= BOLD_HEADING_WORDS:
        return False
    if _BULLET.match(plain(line.text)):
        return False
    gap = line.top - before.bottom
    if gap < -0.5 * before.height or gap > PARAGRAPH_GAP * max(before.height, 1.0):
        return False
    if pitch and line.bottom - before.bottom > 1.25 * pitch:
        return False
    if abs(line.x0 - before.x0) > 1.5 * before.size and not line.x0 < before.x0:
        return False  # an indented first line opens a paragraph
    return _wrapped(before, line, edge)


def join_text(before: str, after: str) -> str:
    """Two lines of one paragraph as one: a word broken by a hyphen at the line's end mended
    when the next line goes on in lower case."""
    if before.endswith("\u00ad"):
        return before[:-1] + after
    if before.endswith("-") and len(before) > 1 and before[-2].isalpha():
        if after[:1].islower():
            return before[:-1] + after
        return before + after
    return f"{before} {after}"


def _edges(lines: list[TextLine]) -> dict[int, float]:
    """For each line, the right edge of the text it is set in: the furthest right that lines
    starting at the same left edge, at its size, reach on its page."""
    reach: dict[tuple[int, int, float], float] = {}
    for line in lines:
        key = (line.page, round(line.x0 / 4), line.size)
        reach[key] = max(reach.get(key, 0.0), line.x1)
    edges = {}
    for i, line in enumerate(lines):
        edges[i] = reach[(line.page, round(line.x0 / 4), line.size)]
    return edges


@dataclass(slots=True)
class Paragraph:
    """A block in the making: its lines and what the block builder decides from them."""

    lines: list[TextLine]
    text: str
    gap_before: float = 0.0

    @property
    def first(self) -> TextLine:
        return self.lines[0]


def paragraphs(lines: list[TextLine]) -> list[Paragraph]:
    """Lines joined into paragraphs, in order."""
    edges = _edges(lines)
    pitches: dict[float, Counter[float]] = {}
    for a, b in itertools.pairwise(lines):
        if a.page == b.page and a.size == b.size and 0 < b.bottom - a.bottom < 3 * a.size:
            pitches.setdefault(a.size, Counter())[round(b.bottom - a.bottom, 1)] += 1
    # the usual distance between the baselines of one paragraph, for each size of type
    pitch = {size: counts.most_common(1)[0][0] for size, counts in pitches.items()}
    found: list[Paragraph] = []
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else None
        if found and before is not None:
            edge = max(edges[i - 1], edges[i]) if abs(line.x0 - before.x0) < 4 else edges[i - 1]
            usual = pitch.get(line.size, 0.0) if line.size == before.size else 0.0
            if _joins(before, line, edge, usual):
                last = found[-1]
                last.lines.append(line)
                last.text = join_text(last.text, line.text)
                continue
        gap = line.top - before.bottom if before is not None and before.page == line.page else 0
        found.append(Paragraph([line], line.text, max(0.0, gap)))
    return found


def _continues(before: Paragraph, after: Paragraph) -> bool:
    """A paragraph cut by a page or column break: same size, the first does not end like a
    sentence and the second goes on in lower case."""
    a, b = before.lines[-1], after.first
    if a.href == "table" or b.href == "table" or abs(a.size - b.size) > 0.6 or a.bold != b.bold:
        return False
    moved = b.page != a.page or b.top < a.top
    opens = plain(after.text)[:1]
    return moved and not _SENTENCE_END.search(plain(before.text)) and opens.islower()


def mend_breaks(found: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs cut by a page or column break joined again."""
    mended: list[Paragraph] = []
    for para in found:
        if mended and _continues(mended[-1], para):
            mended[-1].lines.extend(para.lines)
            mended[-1].text = join_text(mended[-1].text, para.text)
        else:
            mended.append(para)
    return mended


def heading_levels(found: list[Paragraph], size: float) -> dict[float, int]:
    """Heading level of each size larger than the body's: the largest is 2 (the title is
    the article's own), then 3, 4."""
    larger = sorted(
        {p.first.size for p in found if p.first.size >= size * HEADING_RATIO}, reverse=True
    )
    return {s: min(2 + i, 4) for i, s in enumerate(larger)}


def block_of(para: Paragraph, size: float, levels: dict[float, int]) -> Block:
    text = " ".join(plain(para.text).replace("\u00ad", "").split())
    words = len(text.split())
    line = para.first
    if line.size in levels and words <= HEADING_WORDS:
        return Block(BlockKind.HEADING, (Span(text),), level=levels[line.size])
    alone = len(para.lines) == 1 and not text.endswith((".", ",", ";"))
    if line.bold and words <= BOLD_HEADING_WORDS and alone:
        level = min(max(levels.values(), default=2) + 1, 6)
        return Block(BlockKind.HEADING, (Span(text),), level=level)
    bullet = _BULLET.match(text)
    if bullet:
        ordered = bullet.group(1)[0].isdigit()
        body = text if ordered else text[bullet.end() :]
        return Block(BlockKind.LIST_ITEM, (Span(body),), level=1, ordered=ordered)
    span = Span(text, bold=line.bold and words > BOLD_HEADING_WORDS, italic=line.italic)
    return Block(BlockKind.PARAGRAPH, (span,))


def note_blocks(notes: list[TextLine]) -> list[Block]:
    """Footnote lines as one paragraph per note, under the Notes heading."""
    texts: list[str] = []
    for line in notes:
        text = plain(line.text)
        if _NOTE_MARK.match(text) or not texts:
            texts.append(text)
        else:
            texts[-1] = join_text(texts[-1], text)
    if not texts:
        return []
    heading = Block(BlockKind.HEADING, (Span(NOTES_HEADING),), level=2)
    return [heading, *(Block(BlockKind.PARAGRAPH, (Span(t),)) for t in texts)]


def order_page(lines: list[TextLine], *, columns: bool) -> list[TextLine]:
    """One page's lines in reading order, tables merged into rows."""
    ordered = _columns(lines) if columns else lines
    return _table_rows(ordered)


def place_pictures(lines: list[TextLine], pictures: list[Picture]) -> list[tuple[int, Picture]]:
    """Each picture before the first line of its column (the lines under it) that stands
    below its top; in a column that ends above it, after that column's last line."""
    placed = []
    for picture in pictures:
        page = [i for i, x in enumerate(lines) if x.page == picture.page]
        under = [i for i in page if lines[i].x0 < picture.x1 and lines[i].x1 > picture.x0]
        below = [i for i in under if lines[i].top >= picture.top]
        above = [i for i in under if lines[i].top < picture.top]
        if below:
            at = below[0]
        elif above:
            at = above[-1] + 1
        else:
            later = [i for i, x in enumerate(lines) if x.page > picture.page]
            at = next((i for i in page if lines[i].top >= picture.top), None)
            at = at if at is not None else (later[0] if later else len(lines))
        placed.append((at, picture))
    return placed
