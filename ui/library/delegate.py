"""How one article looks in the library list: title, then site · date · notes, then (when
searching) the snippet with the matched words in bold."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPointF, QRect, QSize
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from storage.records import ArticleSummary
from storage.snippet_marks import SNIPPET_END, SNIPPET_START
from ui.library.dates import display_date
from ui.library.model import ROW_ROLE, SNIPPET_ROLE, state_label
from ui.reader.html_document import escape_text

PADDING = 8
ELLIPSIS = "\u2026"
ROWS_LAID_OUT = 300  # rows kept laid out: a few screens of them


def utf16_length(text: str) -> int:
    """Qt counts text in UTF-16 units: a character beyond the BMP (an emoji) takes two."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def index_of_unit(text: str, unit: int) -> int:
    """The index in `text` of the character that holds UTF-16 offset `unit` (Qt's positions
    are in UTF-16 units; a character beyond the BMP, an emoji, takes two)."""
    if text.isascii() or not any(ord(ch) > 0xFFFF for ch in text):
        return min(unit, len(text))
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > unit:
            return index
    return len(text)


def line_layout(text: str, font: QFont, brush: QBrush, width: float | None = None) -> QTextLayout:
    """Text in a palette brush, laid out on one line, or with a width in as many lines as
    it wraps to. The list paints in the window's first frame, and QPainter.setPen would load
    the whole Qt namespace's enums there (and QStyle.drawItemText, QStyle's): a text layout
    with a coloured format does neither."""
    layout = QTextLayout(text, font)
    char_format = QTextCharFormat()
    char_format.setForeground(brush)
    coloured = QTextLayout.FormatRange()
    coloured.start, coloured.length = 0, utf16_length(text)
    coloured.format = char_format
    layout.setFormats([coloured])
    layout.beginLayout()
    line = layout.createLine()
    while width is not None and line.isValid():
        line.setLineWidth(width)
        line = layout.createLine()
    layout.endLayout()
    return layout


def draw_line(
    painter: QPainter, layout: QTextLayout, left: int, top: int, height: int, index: int = 0
) -> None:
    """Line `index` of a laid-out layout drawn at left, centred in a line of height."""
    line = layout.lineAt(index)
    line.draw(painter, QPointF(left, top + (height - line.height()) / 2))


def elide_right(text: str, metrics: QFontMetrics, width: int) -> str:
    """The longest start of text that fits width with an ellipsis after it; a combining mark
    stays with its letter. (QFontMetrics.elidedText would load the Qt namespace.)"""
    if metrics.horizontalAdvance(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle].rstrip() + ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    return _cut(text, low)


def _cut(text: str, end: int) -> str:
    """text[:end] with an ellipsis, not parting a combining mark from its letter."""
    while 0 < end < len(text) and unicodedata.combining(text[end]):
        end -= 1
    return text[:end].rstrip() + ELLIPSIS if end else ""


def elided_layout(text: str, font: QFont, brush: QBrush, width: int) -> QTextLayout:
    """One line of text in a brush, cut with an ellipsis where it would pass width. Measured
    on the line that is drawn: one shaping of the text when it fits, where searching for the
    cut with QFontMetrics shaped it again and again."""
    layout = line_layout(text, font, brush)
    line = layout.lineAt(0)
    if line.naturalTextWidth() <= width:
        return layout
    # The longest start that fits with the ellipsis, in logical order (a right-to-left line
    # starts at its right edge), from the positions of the line already laid out.
    room = width - QFontMetrics(font).horizontalAdvance(ELLIPSIS)
    start = line.cursorToX(0)[0]
    low, high = 0, utf16_length(text)
    while low < high:
        middle = (low + high + 1) // 2
        if abs(line.cursorToX(middle)[0] - start) <= room:
            low = middle
        else:
            high = middle - 1
    end = index_of_unit(text, low)
    cut = line_layout(_cut(text, end), font, brush)
    # The cut text is shaped anew: a letter joined differently at the cut (Arabic) or an
    # ellipsis from another font can make it wider than its positions said.
    while end > 0 and cut.lineAt(0).naturalTextWidth() > width:
        end -= 1
        cut = line_layout(_cut(text, end), font, brush)
    return cut


def title_lines(text: str, font: QFont, brush: QBrush, width: int) -> list[tuple[QTextLayout, int]]:
    """The title on at most two lines, as (layout, line) to draw: broken where Qt breaks
    lines (between words, or in scripts written without spaces), the rest elided; a first
    word wider than the row is elided on one line."""
    wrapped = line_layout(text, font, brush, width)
    if wrapped.lineAt(0).naturalTextWidth() > width:
        return [(elided_layout(text, font, brush, width), 0)]
    if wrapped.lineCount() == 1:
        return [(wrapped, 0)]
    if wrapped.lineCount() == 2 and wrapped.lineAt(1).naturalTextWidth() <= width:
        return [(wrapped, 0), (wrapped, 1)]
    rest = text[index_of_unit(text, wrapped.lineAt(1).textStart()) :].strip()
    return [(wrapped, 0), (elided_layout(rest, font, brush, width), 0)]


def snippet_height(room: int, line: int) -> int:
    """The height a snippet is shown in: whole lines only, as many as the room holds (a line
    cut in half is worse than one line fewer)."""
    return max(line, room // line * line)


class LibraryDelegate(QStyledItemDelegate):
    def __init__(self, *, show_snippets, parent=None) -> None:
        super().__init__(parent)
        self._show_snippets = show_snippets  # callable: is the model searching?
        # Each row's lines laid out and placed, by what it shows and how: a row is painted
        # again and again (scrolling, hover, selection), and fitting its title, laying out
        # its lines and asking the model for each part cost more than drawing them.
        self._laid_out: dict[tuple, list[tuple[QTextLayout, int, int]]] = {}

    def _placed(self, key: tuple, make) -> list[tuple[QTextLayout, int, int]]:
        placed = self._laid_out.get(key)
        if placed is None:
            if len(self._laid_out) >= ROWS_LAID_OUT:  # the oldest go first: rows scrolled past
                for old in list(self._laid_out)[: ROWS_LAID_OUT // 4]:
                    del self._laid_out[old]
            placed = self._laid_out[key] = make()
        return placed

    @staticmethod
    def _lay_out(
        summary: ArticleSummary | None,
        font: QFont,
        width: int,
        line: int,
        brushes: tuple[QBrush, QBrush],
    ) -> list[tuple[QTextLayout, int, int]]:
        """The row's lines, as (layout, line of it, top within the row): the title on up to
        two lines, then site · date · highlights · reading state, muted."""
        if summary is None:  # gone from the library since the list was read
            return []
        text_brush, muted_brush = brushes
        title_font = QFont(font)
        title_font.setBold(True)
        titles = title_lines(summary.title or "", title_font, text_brush, width)
        placed = [(layout, index, number * line) for number, (layout, index) in enumerate(titles)]
        meta_font = QFont(font)
        meta_font.setBold(False)
        meta_font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        # each part isolated, so a right-to-left site name does not reorder the date
        shown_date = display_date(summary.published or summary.captured)
        parts = [f"\u2068{p}\u2069" for p in (summary.site, shown_date) if p]
        count = summary.annotations
        if count:
            parts.append(f"{count} highlight{'s' if count != 1 else ''}")
        state = state_label(summary.status, summary.progress)
        if state:
            parts.append(state)
        meta = elided_layout("  ·  ".join(parts), meta_font, muted_brush, width)
        placed.append((meta, 0, len(titles) * line + 2))
        return placed

    def row_height(self, font) -> int:
        line = QFontMetrics(font).lineSpacing()
        lines = 3 + (2 if self._show_snippets() else 0)
        return lines * line + 2 * PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, self.row_height(option.font))

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """The base delegate paints the row (background, selection, focus) from the view's
        own option, and nothing of the model's: asking the model for every role of it (text,
        icon, font, colours...) cost more than the row's text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        view = option.widget
        selection = view.selectionModel() if view is not None else None
        selected = selection is not None and selection.isSelected(index)
        role = QPalette.ColorRole
        text_role = role.HighlightedText if selected else role.Text
        muted_role = text_role if selected else role.PlaceholderText
        rect = option.rect.adjusted(PADDING + 4, PADDING, -PADDING, -PADDING)
        line = QFontMetrics(option.font).lineSpacing()
        summary = index.data(ROW_ROLE)
        palette = option.palette
        font = option.font
        key = (summary, selected, rect.width(), font.key(), palette.cacheKey())
        brushes = (palette.brush(text_role), palette.brush(muted_role))
        placed = self._placed(
            key, lambda: self._lay_out(summary, font, rect.width(), line, brushes)
        )
        for layout, line_number, top in placed:
            draw_line(painter, layout, rect.left(), rect.top() + top, line, line_number)
        snippet = index.data(SNIPPET_ROLE) if self._show_snippets() and placed else ""
        if snippet:
            painter.save()
            meta_font = QFont(font)
            meta_font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
            doc = QTextDocument()
            doc.setDefaultFont(meta_font)
            doc.setDocumentMargin(0)
            body = escape_text(" ".join(snippet.split()))
            body = body.replace(SNIPPET_START, "<b>").replace(SNIPPET_END, "</b>")
            muted = palette.color(muted_role)
            doc.setHtml(f"<span style='color:{muted.name()}'>{body}</span>")
            doc.setTextWidth(rect.width())
            painter.translate(rect.left(), rect.top() + placed[-1][2] + line + 2)
            shown = snippet_height(2 * line, QFontMetrics(meta_font).lineSpacing())
            painter.setClipRect(QRect(0, 0, rect.width(), shown))
            doc.drawContents(painter)
            painter.restore()
