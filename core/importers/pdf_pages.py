"""A PDF's pages as lines of text with their boxes and fonts, its pictures and its links.

pypdfium2 gives characters one at a time, in the order the page draws them, each with its
box, font size and font. They are grouped here into lines (one baseline, no wide gap: two
columns side by side, or a header's date and title, are separate lines) in page coordinates
turned top-down. Nothing is decided about what the lines are: core.importers.pdf_reflow
and core.importers.pdf_print do that.

Refusals happen here too, where the document is opened: an encrypted file that needs a
password, a damaged one, one with no text layer (a scan: Postil does not do OCR).
"""

from __future__ import annotations

import ctypes
import re
import zlib
from dataclasses import dataclass, field
from struct import pack

from core.importers.errors import ImportRefused

MAX_PAGES = 2000  # a longer document is a book, refused rather than read for minutes
MIN_FIGURE_POINTS = 48.0  # a picture smaller than this on both sides is an icon or a rule
MAX_IMAGE_PIXELS = 25_000_000
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_WORD_GAP = 1.2  # a gap this many font sizes wide between two characters splits the line
LINK_EDGE = "\u2063"  # put where a link starts or ends inside a line (see pdf_document)


@dataclass(slots=True)
class TextLine:
    """One line of text on a page, top-down coordinates (points from the page's top left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size most of its characters have
    bold: bool
    italic: bool
    page: int
    linked: float = 0.0  # share of its characters inside a link
    href: str | None = None  # the link the whole line is, if it is one

    @property
    def baseline(self) -> float:
        return self.bottom

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Picture:
    """An image drawn on a page, with its encoded bytes (PNG or the JPEG as stored)."""

    data: bytes
    mime: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


@dataclass(slots=True)
class PdfPage:
    number: int  # from 0
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


@dataclass(slots=True)
class PdfFile:
    pages: list[PdfPage]
    title: str  # the document information's Title, often the page title for printed pages
    author: str
    creator: str
    links: list[str] = field(default_factory=list)  # every link's address, in page order


def _open(data: bytes):  # -> pdfium.PdfDocument
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        code = raw.FPDF_GetLastError()
        if code == raw.FPDF_ERR_PASSWORD:
            raise ImportRefused(
                "this PDF is encrypted and needs a password; open it and save an unlocked copy"
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ImportRefused("this PDF uses a kind of encryption Postil cannot open") from None
        raise ImportRefused("this PDF is damaged and cannot be read") from None


class _Fonts:
    """Bold and italic of each text object's font, asked once per object (on one page: the
    addresses are reused once a page is closed)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[bool, bool]] = {}
        self._name = ctypes.create_string_buffer(128)

    def style(self, textpage, index: int) -> tuple[bool, bool]:
        import pypdfium2.raw as raw

        obj = raw.FPDFText_GetTextObject(textpage, index)
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        address = ctypes.cast(font, ctypes.c_void_p).value or 0 if font else 0
        known = self._seen.get(address)
        if known is not None:
            return known
        bold = italic = False
        if font:
            raw.FPDFFont_GetBaseFontName(font, self._name, len(self._name))
            name = self._name.value.decode("latin-1", "replace")
            weight = raw.FPDFFont_GetWeight(font)
            flags = raw.FPDFFont_GetFlags(font)
            bold = bool(_BOLD_NAME.search(name)) or weight >= 600 or bool(flags & (1 << 18))
            italic = bool(_ITALIC_NAME.search(name)) or bool(flags & (1 << 6))
        self._seen[address] = (bold, italic)
        return bold, italic


class _Links:
    """The page's link rectangles, found by the row of the page a point is on."""

    ROW = 12.0

    def __init__(self, links: list[tuple[float, float, float, float, str | None]]) -> None:
        self.links = links
        self._rows: dict[int, list[int]] = {}
        for n, (_x0, y0, _x1, y1, _href) in enumerate(links):
            for row in range(int(y0 // self.ROW), int(y1 // self.ROW) + 1):
                self._rows.setdefault(row, []).append(n)

    def at(self, x: float, y: float) -> int:
        for n in self._rows.get(int(y // self.ROW), ()):
            x0, y0, x1, y1, _href = self.links[n]
            if x0 <= x <= x1 and y0 <= y <= y1:
                return n
        return -1


@dataclass(slots=True)
class _Run:
    chars: list[str]
    x0: float
    x1: float
    top: float
    bottom: float
    sizes: dict[float, int]
    bold: int
    italic: int
    count: int
    centres: list[tuple[float, float]]

    def line(self, page: int) -> TextLine | None:
        text = "".join(self.chars).strip().strip(LINK_EDGE).strip()
        if not text.replace(LINK_EDGE, ""):
            return None
        size = max(self.sizes, key=lambda s: self.sizes[s]) if self.sizes else 0.0
        half = self.count / 2
        return TextLine(
            text, self.x0, self.x1, self.top, self.bottom, size, self.bold > half,
            self.italic > half, page,
        )  # fmt: skip


def _link_rects(page) -> list[tuple[float, float, float, float, str | None]]:
    """The page's link annotations: (x0, y0, x1, y1) in PDF coordinates, and the address."""
    import pypdfium2.raw as raw

    found: list[tuple[float, float, float, float, str | None]] = []
    pos = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    buffer = ctypes.create_string_buffer(2048)
    doc = page.pdf
    while raw.FPDFLink_Enumerate(page, pos, link) and len(found) < 5000:
        if not raw.FPDFLink_GetAnnotRect(link, rect):
            continue
        href = None
        action = raw.FPDFLink_GetAction(link)
        if action and raw.FPDFAction_GetType(action) == raw.PDFACTION_URI:
            size = raw.FPDFAction_GetURIPath(doc, action, buffer, len(buffer))
            if 0 < size <= len(buffer):
                href = buffer.value.decode("utf-8", "replace") or None
        x0, x1 = sorted((rect.left, rect.right))
        y0, y1 = sorted((rect.bottom, rect.top))
        found.append((x0, y0, x1, y1, href))
    return found


def _lines(page, number: int, fonts: _Fonts, links: list) -> list[TextLine]:
    """The page's characters grouped into lines, in the order the page draws them."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    height = page.get_height()
    runs: list[tuple[_Run, list[bool], list[str | None]]] = []
    run: _Run | None = None
    inside: list[bool] = []
    hrefs: list[str | None] = []
    box = raw.FS_RECTF()
    count = raw.FPDFText_CountChars(textpage)
    pending_space = False
    link_at = -1  # the link the previous character was in
    index = _Links(links)
    style = (False, False)
    for i in range(count):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code in (10, 13):
            continue  # pdfium's guess at a line break (wrong on some pages): the boxes decide
        char = chr(code) if code < 0x110000 else "\ufffd"
        if char == "\x02":
            char = "\u00ad"  # pdfium marks a hyphen that breaks a word at a line's end
        if char.isspace():
            pending_space = run is not None
            continue
        if char in "\x00\ufffe\uffff":
            continue
        raw.FPDFText_GetLooseCharBox(textpage, i, box)
        size = raw.FPDFText_GetFontSize(textpage, i)
        left, right = box.left, box.right
        top, bottom = height - box.top, height - box.bottom
        if bottom - top <= 0:
            continue
        gap_limit = _WORD_GAP * max(size, 1.0)
        if run is not None:
            mid = (top + bottom) / 2
            same_line = run.top - 1 <= mid <= run.bottom + 1 and abs(bottom - run.bottom) < max(
                (bottom - top) * 0.6, 1.0
            )
            gap = left - run.x1
            if not same_line or gap > gap_limit or gap < -gap_limit:
                run = None
        hit = index.at((left + right) / 2, (box.top + box.bottom) / 2) if links else -1
        if run is None or pending_space:
            style = fonts.style(textpage, i)  # asked at each word's start: words keep theirs
        if run is None:
            run = _Run([], left, right, top, bottom, {}, 0, 0, 0, [])
            inside, hrefs = [], []
            runs.append((run, inside, hrefs))
        else:
            if pending_space or left - run.x1 > 0.2 * max(size, 1.0):
                run.chars.append(" ")
            if hit != link_at:
                run.chars.append(LINK_EDGE)
        pending_space = False
        link_at = hit
        bold, italic = style
        run.chars.append(char)
        run.x0, run.x1 = min(run.x0, left), max(run.x1, right)
        run.top, run.bottom = min(run.top, top), max(run.bottom, bottom)
        rounded = round(size * 2) / 2
        run.sizes[rounded] = run.sizes.get(rounded, 0) + 1
        run.bold += bold
        run.italic += italic
        run.count += 1
        if links:
            inside.append(hit >= 0)
            hrefs.append(links[hit][4] if hit >= 0 else None)
    found = []
    for run, inside, hrefs in runs:
        line = run.line(number)
        if line is None:
            continue
        if inside:
            line.linked = sum(inside) / len(inside)
            if line.linked == 1.0 and len(set(hrefs)) == 1:
                line.href = hrefs[0]
        found.append(line)
    return found


def _png(width: int, height: int, rgb: bytes) -> bytes:
    """A minimal PNG of 8-bit RGB rows (no Pillow at run time)."""
    rows = b"".join(b"\x00" + rgb[y * width * 3 : (y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return pack(">I", len(body)) + kind + body + pack(">I", zlib.crc32(kind + body))

    header = pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6))


def _encoded(image) -> tuple[bytes, str] | None:
    """The picture's bytes: a JPEG as the PDF stores it, anything else rendered to PNG."""
    import pypdfium2 as pdfium

    try:
        if image.get_filters() == ["DCTDecode"]:
            data = bytes(image.get_data(decode_simple=False))
            if data.startswith(b"\xff\xd8"):
                return data, "image/jpeg"
        width, height = image.get_px_size()
        if width * height > MAX_IMAGE_PIXELS or width < 1 or height < 1:
            return None
        bitmap = image.get_bitmap()
    except pdfium.PdfiumError:
        return None
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    channels = bitmap.n_channels
    order = bitmap.rev_byteorder
    rgb = bytearray()
    for y in range(height):
        row = buffer[y * stride : y * stride + width * channels]
        if channels == 1:
            rgb += bytes(b for v in row for b in (v, v, v))
        else:
            r, g, b = (row[0::channels], row[1::channels], row[2::channels])
            if not order:
                r, b = b, r  # pdfium's default byte order is BGR(A)
            pixels = bytearray(width * 3)
            pixels[0::3], pixels[1::3], pixels[2::3] = r, g, b
            rgb += pixels
    return _png(width, height, bytes(rgb)), "image/png"


def _pictures(page, number: int) -> list[Picture]:
    import pypdfium2.raw as raw

    height = page.get_height()
    found = []
    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = image.get_bounds()
        if right - left < MIN_FIGURE_POINTS or top - bottom < MIN_FIGURE_POINTS:
            continue
        encoded = _encoded(image)
        if encoded is not None:
            found.append(Picture(*encoded, left, right, height - top, height - bottom, number))
        if len(found) >= 50:
            break
    return found


def read_pdf(data: bytes, *, pictures: bool = True) -> PdfFile:
    """Every page's lines (and pictures), or a refusal with the reason in one line."""
    doc = _open(data)
    try:
        count = len(doc)
        if count == 0:
            raise ImportRefused("the PDF has no pages")
        if count > MAX_PAGES:
            raise ImportRefused(f"the PDF has {count} pages; Postil imports up to {MAX_PAGES}")
        pages = []
        hrefs: list[str] = []
        for number in range(count):
            page = doc[number]
            width, height = page.get_size()
            links = _link_rects(page)
            hrefs.extend(h[4] for h in links if h[4])
            lines = _lines(page, number, _Fonts(), links)  # objects' addresses are per page
            found = _pictures(page, number) if pictures else []
            pages.append(PdfPage(number, width, height, lines, found))
            page.close()
        meta = doc.get_metadata_dict(skip_empty=True)
    finally:
        doc.close()
    if not any(page.lines for page in pages):
        if any(page.pictures for page in pages):
            raise ImportRefused(
                "this PDF is a scan with no text layer; Postil does not read text from images"
            )
        raise ImportRefused("this PDF has no text to import")
    title, author = meta.get("Title", "").strip(), meta.get("Author", "").strip()
    return PdfFile(pages, title, author, meta.get("Creator", ""), hrefs)
