"""PDFs made for the tests with Qt's QPdfWriter and QPainter: a browser-printed news page and
a two-column report, each drawn line by line so every reflow rule has something to undo.

Qt is used here only, never in core/: the importer reads the files with pypdfium2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPageSize, QPainter, QPdfWriter

PAGE_W, PAGE_H = 612.0, 792.0  # Letter, in points (the writer draws at 72 dpi)
NEWS_URL = "https://news.example.org/2026/11/port-traffic-recovers-third-month.html"
NEWS_TITLE = "Port traffic recovers for a third month | Example Gazette"
NEWS_HEADLINE = "Port traffic recovers for a third month"
NEWS_PARAGRAPHS = [
    "Container traffic through the port of Latakia rose for a third consecutive month in "
    "February, according to figures published by the port authority on Monday morning.",
    "Shipping agents said the increase reflected a backlog of building materials and "
    "foodstuffs rather than a lasting recovery of trade across the eastern Mediterranean.",
    "Traders pointed to two obstacles: slow customs clearance and electricity shortages that "
    "limit the hours the terminal's cranes can operate during the winter months.",
    "The authority expects volumes to settle in the spring, when the backlog has cleared and "
    "the new customs procedures take effect at the northern terminal and the grain quay.",
]
MENU = ["Home", "World", "Business", "Sport", "Culture", "Opinion", "Podcasts"]


@dataclass
class Pen:
    """Draws lines of text top-down on the current page, in points."""

    painter: QPainter
    family: str = "DejaVu Serif"
    links: list[tuple[QRectF, str]] = field(default_factory=list)

    def font(self, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setItalic(italic)
        self.painter.setFont(font)
        return font

    def text(self, x: float, baseline: float, text: str) -> float:
        """Draw one line; returns its right edge."""
        self.painter.drawText(round(x), round(baseline), text)
        return x + self.painter.fontMetrics().horizontalAdvance(text)

    def wrap(self, words: str, width: float) -> list[str]:
        """Lines of at most `width` points, greedy, as a browser or a typesetter breaks them."""
        metrics = self.painter.fontMetrics()
        lines: list[str] = []
        current = ""
        for word in words.split():
            trial = f"{current} {word}".strip()
            if current and metrics.horizontalAdvance(trial) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines


def write_pdf(path: Path, pages: list[Callable[[Pen], None]], *, title: str = "") -> bytes:
    """A PDF whose pages are drawn by the given functions, in order."""
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.instance() is not None, "a QApplication is needed (the qapp fixture)"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    writer.setResolution(72)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(title)
    painter = QPainter(writer)
    pen = Pen(painter)
    for n, draw in enumerate(pages):
        if n:
            writer.newPage()
        draw(pen)
    painter.end()
    return path.read_bytes()


def _figure() -> QImage:
    image = QImage(160, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a6ea5"))
    painter = QPainter(image)
    painter.fillRect(20, 20, 60, 40, QColor("#f2c14e"))
    painter.end()
    return image


def printed_news(path: Path) -> bytes:
    """A news page as Chromium's Save as PDF prints it: on each page the print date and title
    above, the address and "n/2" below, in 8 pt; a menu, the headline, a byline, the
    article with a photo, a footer with a copyright line."""
    total = 2

    def bands(pen: Pen, number: int) -> None:
        pen.family = "DejaVu Sans"
        pen.font(8)
        pen.text(24, 22, "11/30/26, 6:10 AM")
        pen.text(200, 22, NEWS_TITLE)
        pen.text(24, 775, NEWS_URL)
        pen.text(575, 775, f"{number}/{total}")

    def first(pen: Pen) -> None:
        bands(pen, 1)
        pen.family = "DejaVu Sans"
        pen.font(10)
        x = 40.0
        for item in MENU:
            x = pen.text(x, 60, item) + 18
        pen.font(24, bold=True)
        y = 110.0
        for line in pen.wrap(NEWS_HEADLINE, 520):
            pen.text(40, y, line)
            y += 30
        pen.font(10)
        pen.text(40, y + 4, "By Rana Haddad | 30 November 2026")
        pen.painter.drawImage(QRectF(40, y + 24, 240, 150), _figure())
        y += 200
        pen.family = "DejaVu Serif"
        pen.font(12)
        for paragraph in NEWS_PARAGRAPHS[:3]:
            for line in pen.wrap(paragraph, 520):
                pen.text(40, y, line)
                y += 16
            y += 12

    def second(pen: Pen) -> None:
        bands(pen, 2)
        pen.family = "DejaVu Serif"
        pen.font(12)
        y = 60.0
        for line in pen.wrap(NEWS_PARAGRAPHS[3], 520):
            pen.text(40, y, line)
            y += 16
        pen.family = "DejaVu Sans"
        pen.font(9)
        y += 60
        for item in ("About us", "Contact", "Privacy policy", "Terms of use", "Advertise"):
            pen.text(40, y, item)
            y += 13
        pen.text(40, y + 10, "© 2026 Example Gazette. All rights reserved.")

    return write_pdf(path, [first, second], title=NEWS_TITLE)


# -- The report ---------------------------------------------------------------------------

REPORT_TITLE = "Grain Corridors in the Eastern Mediterranean"
RUNNING_HEAD = "Maritime Trade Review — Working Paper 14"
LEFT_TEXT = (
    "Shipments of wheat through the northern corridor doubled between the two seasons "
    "studied, although the share carried by the largest operators fell sharply. Smaller "
    "carriers filled the gap with chartered vessels whose schedules were irregular. "
    "Port records show that waiting times at anchor grew longest in the weeks before "
    "the harvest, when reconstruction of the eastern quay closed two of its berths."
)
RIGHT_TEXT = (
    "Insurance premiums followed the same pattern. Underwriters priced each voyage on "
    "the route's recent history rather than on the vessel, so that a well-maintained "
    "ship paid as much as an old one. Several brokers told us the practice would not "
    "survive the next renewal round, and the first quotes of the season suggest they "
    "were right about the direction, if not the pace, of the change."
)
SECOND_LEFT = (
    "The second section turns to the corridor's southern branch, where traffic is "
    "thinner but steadier. Operators there rely on long charters, and their schedules "
    "changed little over the period the review covers."
)
SECOND_RIGHT = (
    "Fuel costs explain most of the remaining difference between the two branches. "
    "A longer route burns more bunker fuel, and the southern operators pass that cost on "
    "to shippers in full, which keeps their margins stable from one season to the next."
)
FOOTNOTE_ONE = "1 Port authority monthly bulletins, January 2025 to March 2026."
FOOTNOTE_TWO = "2 Interviews with four brokers, conducted in February 2026."
TABLE = [
    ("Route", "Tonnes", "Change"),
    ("Northern", "412,000", "+96%"),
    ("Southern", "158,000", "+4%"),
]
COLUMN_W = 250.0
LEFT_X, RIGHT_X = 48.0, 314.0


def _hyphenated(pen: Pen, text: str, width: float, word: str, cut: int) -> list[str]:
    """Wrapped lines where `word` breaks across two lines with a hyphen, as a typesetter
    breaks it."""
    before, _, after = text.partition(word)
    head = pen.wrap(f"{before}{word[:cut]}-", width)
    return head + pen.wrap(f"{word[cut:]}{after}", width)


def report(path: Path, *, with_figure: bool = True, numbers: str = "{n}") -> bytes:
    """A two-page, two-column working paper: a running head and page numbers, a title across
    both columns, a subheading in bold, a hyphenated word, a footnote on each page, a
    table in the left column and a figure. Lines are drawn across the columns row by row
    (left, right, left...), so the page's own drawing order is not the reading order.
    `numbers` is how the page numbers read ("{n}", "{n}/{total}")."""

    def head(pen: Pen, number: int) -> None:
        pen.font(8, italic=True)
        pen.text(LEFT_X, 36, RUNNING_HEAD)
        pen.font(9)
        pen.text(300, 760, numbers.format(n=number, total=2))

    def columns(pen: Pen, left: list[str], right: list[str], top: float) -> float:
        pen.font(10.5)
        y = top
        for i in range(max(len(left), len(right))):
            if i < len(left):
                pen.text(LEFT_X, y, left[i])
            if i < len(right):
                pen.text(RIGHT_X, y, right[i])
            y += 14
        return y

    def footnote(pen: Pen, text: str) -> None:
        pen.painter.drawLine(int(LEFT_X), 700, int(LEFT_X + 120), 700)
        pen.font(7.5)
        pen.text(LEFT_X, 716, text)

    def first(pen: Pen) -> None:
        pen.family = "DejaVu Serif"
        head(pen, 1)
        pen.font(20, bold=True)
        pen.text(LEFT_X, 90, REPORT_TITLE)
        pen.font(10.5)
        left = _hyphenated(pen, LEFT_TEXT, COLUMN_W, "reconstruction", 5)
        right = pen.wrap(RIGHT_TEXT, COLUMN_W)
        y = columns(pen, left, right, 130)
        pen.font(10.5)
        for row_n, row in enumerate(TABLE):
            for col, cell in enumerate(row):
                pen.text(LEFT_X + col * 80, y + 20 + row_n * 14, cell)
        if with_figure:
            pen.painter.drawImage(QRectF(RIGHT_X, y + 10, 200, 120), _figure())
        footnote(pen, FOOTNOTE_ONE)

    def second(pen: Pen) -> None:
        pen.family = "DejaVu Serif"
        head(pen, 2)
        pen.font(10.5, bold=True)
        pen.text(LEFT_X, 80, "The southern branch")
        pen.font(10.5)
        left = pen.wrap(SECOND_LEFT, COLUMN_W)
        right = pen.wrap(SECOND_RIGHT, COLUMN_W)
        columns(pen, left, right, 100)
        footnote(pen, FOOTNOTE_TWO)

    return write_pdf(path, [first, second], title=REPORT_TITLE)


def scanned(path: Path) -> bytes:
    """A page that is only a picture of text: what a scanner makes."""

    def page(pen: Pen) -> None:
        image = QImage(850, 1100, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont("DejaVu Serif")
        font.setPointSizeF(14)
        painter.setFont(font)
        painter.drawText(80, 120, "This page was scanned; it has no text layer.")
        painter.end()
        pen.painter.drawImage(QRectF(0, 0, PAGE_W, PAGE_H), image)

    return write_pdf(path, [page])


# -- Encrypted PDFs (the standard security handler, revision 2: RC4 with a 40-bit key) ------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: str, sentence: str) -> bytes:
    """A one-page PDF encrypted as PDF 1.3 writers do: opening it needs `user_password`
    (none when empty: then it opens as any PDF, only its owner's rights are restricted)."""
    import hashlib

    file_id = bytes(range(16))
    permissions = -44
    owner = (b"owner-secret" + _PAD)[:32]
    user = (user_password.encode("latin-1") + _PAD)[:32]
    o_value = _rc4(hashlib.md5(owner).digest()[:5], user)
    key = hashlib.md5(user + o_value + permissions.to_bytes(4, "little", signed=True) + file_id)
    key_bytes = key.digest()[:5]
    u_value = _rc4(key_bytes, _PAD)

    def sealed(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key_bytes + number.to_bytes(3, "little") + b"\0\0").digest()
        return _rc4(object_key[:10], data)

    content = f"BT /F1 12 Tf 72 700 Td ({sentence}) Tj ET".encode("latin-1")
    stream = sealed(4, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
