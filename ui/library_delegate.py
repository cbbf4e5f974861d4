"""How one article looks in the library list: title, then site · date · notes, then (when
searching) the snippet with the matched words in bold."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from storage.search import SNIPPET_END, SNIPPET_START
from ui.library_model import ANNOTATIONS_ROLE, DATE_ROLE, SITE_ROLE, SNIPPET_ROLE

PADDING = 8


class LibraryDelegate(QStyledItemDelegate):
    def __init__(self, *, show_snippets, parent=None) -> None:
        super().__init__(parent)
        self._show_snippets = show_snippets  # callable: is the model searching?

    def row_height(self, font) -> int:
        line = QFontMetrics(font).lineSpacing()
        lines = 3 + (2 if self._show_snippets() else 0)
        return lines * line + 2 * PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, self.row_height(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = option.palette.color(group)
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText)
        if selected:
            muted = text_color
        rect = option.rect.adjusted(PADDING + 4, PADDING, -PADDING, -PADDING)
        line = QFontMetrics(option.font).lineSpacing()

        title_font = option.font
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_color)
        metrics = QFontMetrics(title_font)
        lines = self._two_lines(index.data() or "", metrics, rect.width())
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for number, text in enumerate(lines):
            painter.drawText(
                QRect(rect.left(), rect.top() + number * line, rect.width(), line), flags, text
            )
        meta_top = rect.top() + len(lines) * line + 2

        meta_font = option.font
        meta_font.setBold(False)
        meta_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        painter.setFont(meta_font)
        painter.setPen(muted)
        count = index.data(ANNOTATIONS_ROLE) or 0
        # each part isolated, so a right-to-left site name does not reorder the date
        parts = [f"\u2068{p}\u2069" for p in (index.data(SITE_ROLE), index.data(DATE_ROLE)) if p]
        if count:
            parts.append(f"{count} highlight{'s' if count != 1 else ''}")
        meta_rect = QRect(rect.left(), meta_top, rect.width(), line)
        meta = QFontMetrics(meta_font).elidedText(
            "  ·  ".join(parts), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            meta_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, meta
        )
        snippet = index.data(SNIPPET_ROLE) if self._show_snippets() else ""
        if snippet:
            doc = QTextDocument()
            doc.setDefaultFont(meta_font)
            doc.setDocumentMargin(0)
            body = html.escape(" ".join(snippet.split()))
            body = body.replace(SNIPPET_START, "<b>").replace(SNIPPET_END, "</b>")
            doc.setHtml(f"<span style='color:{muted.name()}'>{body}</span>")
            doc.setTextWidth(rect.width())
            painter.translate(rect.left(), meta_top + line + 2)
            painter.setClipRect(QRect(0, 0, rect.width(), 2 * line))
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
            return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
        return [first, metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)]
