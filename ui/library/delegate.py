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

from storage.snippet_marks import SNIPPET_END, SNIPPET_START
from ui.library.model import ANNOTATIONS_ROLE, DATE_ROLE, SITE_ROLE, SNIPPET_ROLE, STATE_ROLE
from ui.reader.html_document import escape_text

PADDING = 8
ELLIPSIS = "\u2026"
LAID_OUT_KEPT = 600  # line layouts kept: a few screens of rows, three lines each


def line_layout(text: str, font: QFont, brush: QBrush) -> QTextLayout:
    """One line of text in a palette brush, laid out. The list paints in the window's first
    frame, and QPainter.setPen would load the whole Qt namespace's enums there (and
    QStyle.drawItemText, QStyle's): a text layout with a coloured format does neither."""
    layout = QTextLayout(text, font)
    char_format = QTextCharFormat()
    char_format.setForeground(brush)
    coloured = QTextLayout.FormatRange()
    astral = sum(1 for ch in text if ord(ch) > 0xFFFF)  # two UTF-16 units each
    coloured.start, coloured.length = 0, len(text) + astral
    coloured.format = char_format
    layout.setFormats([coloured])
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return layout


def draw_line(painter: QPainter, layout: QTextLayout, left: int, top: int, height: int) -> None:
    """A laid-out line drawn at left, centred in a line of height."""
    layout.draw(painter, QPointF(left, top + (height - layout.lineAt(0).height()) / 2))


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
    while 0 < low < len(text) and unicodedata.combining(text[low]):
        low -= 1
    return text[:low].rstrip() + ELLIPSIS if low else ""


def snippet_height(room: int, line: int) -> int:
    """The height a snippet is shown in: whole lines only, as many as the room holds (a line
    cut in half is worse than one line fewer)."""
    return max(line, room // line * line)


class LibraryDelegate(QStyledItemDelegate):
    def __init__(self, *, show_snippets, parent=None) -> None:
        super().__init__(parent)
        self._show_snippets = show_snippets  # callable: is the model searching?
        # lines fitted to a width, by (text, font, width): a row is painted again and again
        # as the list scrolls, and fitting measures the text many times
        self._fitted: dict[tuple[str, str, int, bool], list[str]] = {}
        # those lines laid out, by (text, font, colour): laying a line out costs about as much
        # as drawing it, and a screen of rows is painted again on every hover and selection
        self._laid: dict[tuple[str, str, int], QTextLayout] = {}

    def _fit(self, text: str, font: QFont, width: int, *, two_lines: bool) -> list[str]:
        key = (text, font.key(), width, two_lines)
        lines = self._fitted.get(key)
        if lines is None:
            metrics = QFontMetrics(font)
            lines = (
                self._two_lines(text, metrics, width)
                if two_lines
                else [elide_right(text, metrics, width)]
            )
            if len(self._fitted) > 4000:
                self._fitted.clear()
            self._fitted[key] = lines
        return lines

    def _layout(self, text: str, font: QFont, brush: QBrush) -> QTextLayout:
        key = (text, font.key(), brush.color().rgba())
        layout = self._laid.get(key)
        if layout is None:
            if len(self._laid) >= LAID_OUT_KEPT:  # the oldest go first: rows scrolled past
                for old in list(self._laid)[: LAID_OUT_KEPT // 4]:
                    del self._laid[old]
            layout = self._laid[key] = line_layout(text, font, brush)
        return layout

    def row_height(self, font) -> int:
        line = QFontMetrics(font).lineSpacing()
        lines = 3 + (2 if self._show_snippets() else 0)
        return lines * line + 2 * PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, self.row_height(option.font))

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """The base delegate paints the row (background, selection, focus) but no text."""
        super().initStyleOption(option, index)
        option.text = ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        painter.save()
        view = option.widget
        selection = view.selectionModel() if view is not None else None
        selected = selection is not None and selection.isSelected(index)
        role = QPalette.ColorRole
        text_role = role.HighlightedText if selected else role.Text
        muted_role = text_role if selected else role.PlaceholderText
        muted = option.palette.color(muted_role)
        rect = option.rect.adjusted(PADDING + 4, PADDING, -PADDING, -PADDING)
        line = QFontMetrics(option.font).lineSpacing()
        text_brush = option.palette.brush(text_role)

        title_font = option.font
        title_font.setBold(True)
        lines = self._fit(index.data() or "", title_font, rect.width(), two_lines=True)
        for number, text in enumerate(lines):
            top = rect.top() + number * line
            layout = self._layout(text, title_font, text_brush)
            draw_line(painter, layout, rect.left(), top, line)
        meta_top = rect.top() + len(lines) * line + 2

        meta_font = option.font
        meta_font.setBold(False)
        meta_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        count = index.data(ANNOTATIONS_ROLE) or 0
        # each part isolated, so a right-to-left site name does not reorder the date
        parts = [f"\u2068{p}\u2069" for p in (index.data(SITE_ROLE), index.data(DATE_ROLE)) if p]
        if count:
            parts.append(f"{count} highlight{'s' if count != 1 else ''}")
        state = index.data(STATE_ROLE)
        if state:
            parts.append(state)
        meta = self._fit("  ·  ".join(parts), meta_font, rect.width(), two_lines=False)[0]
        muted_brush = option.palette.brush(muted_role)
        draw_line(painter, self._layout(meta, meta_font, muted_brush), rect.left(), meta_top, line)
        snippet = index.data(SNIPPET_ROLE) if self._show_snippets() else ""
        if snippet:
            doc = QTextDocument()
            doc.setDefaultFont(meta_font)
            doc.setDocumentMargin(0)
            body = escape_text(" ".join(snippet.split()))
            body = body.replace(SNIPPET_START, "<b>").replace(SNIPPET_END, "</b>")
            doc.setHtml(f"<span style='color:{muted.name()}'>{body}</span>")
            doc.setTextWidth(rect.width())
            painter.translate(rect.left(), meta_top + line + 2)
            shown = snippet_height(2 * line, QFontMetrics(meta_font).lineSpacing())
            painter.setClipRect(QRect(0, 0, rect.width(), shown))
            doc.drawContents(painter)
        painter.restore()

    @staticmethod
    def _two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
        """The title on at most two lines, cut at a word, the rest elided."""
        if metrics.horizontalAdvance(text) <= width:
            return [text]
        words, first = text.split(), ""
        while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
            first = f"{first} {words.pop(0)}".strip()
        if not first:
            return [elide_right(text, metrics, width)]
        return [first, elide_right(" ".join(words), metrics, width)]
