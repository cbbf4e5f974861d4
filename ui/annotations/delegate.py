"""One annotation in a list: a colour bar, the quote, its tags and state, the note rendered
from Markdown. Drawn from one small QTextDocument so size and paint always agree."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from core.notes import render_note_html
from ui.annotations.model import (
    ARTICLE_ROLE,
    COLOR_ROLE,
    NOTE_ROLE,
    RECORD_ROLE,
    STATUS_LABELS,
    STATUS_ROLE,
    TAGS_ROLE,
)
from ui.theme.themes import Theme, theme

BAR = 5
PAD = 8
MAX_QUOTE = 420


class AnnotationDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.theme: Theme = theme("light")
        self._sizes: dict[tuple, QSize] = {}
        # documents laid out for painting, with their layouts (each documentLayout() call
        # wraps Qt's private layout class anew): sizeHint lays out the unselected row
        self._painted: dict[tuple, tuple[QTextDocument, QAbstractTextDocumentLayout]] = {}

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex, *, selected: bool
    ) -> QTextDocument:
        palette = option.palette
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        quote = " ".join((index.data() or "").split())
        if len(quote) > MAX_QUOTE:
            quote = quote[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"
        parts = [f"<p style='margin:0'>“{html.escape(quote)}”</p>"]
        meta = []
        article = index.data(ARTICLE_ROLE)
        if article:
            meta.append(html.escape(article))
        tags = index.data(TAGS_ROLE) or []
        if tags:
            meta.append(" ".join(f"#{html.escape(t)}" for t in tags))
        status = STATUS_LABELS.get(index.data(STATUS_ROLE) or "", "")
        if status:
            meta.append(f"<i>{status}</i>")
        if meta:
            parts.append(f"<p style='margin-top:4px; color:{muted.name()}'>{' · '.join(meta)}</p>")
        note = index.data(NOTE_ROLE) or ""
        if note:
            parts.append(f"<div style='margin-top:4px'>{render_note_html(note)}</div>")
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(f"body {{ color: {text.name()}; }} p {{ margin: 0; }}")
        doc.setHtml(f"<body style='color:{text.name()}'>{''.join(parts)}</body>")
        width = max(60, option.rect.width() if option.rect.width() > 0 else 260)
        doc.setTextWidth(width - BAR - 3 * PAD)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """Laid out once per row, width and content (a long list asks again on every
        layout pass)."""
        opt = QStyleOptionViewItem(option)
        view = opt.widget
        if view is not None:
            opt.rect.setWidth(view.viewport().width())
        record = index.data(RECORD_ROLE)
        what = record if record is not None else index.data()
        key = (opt.rect.width(), opt.font.key(), what)
        size = self._sizes.get(key)
        if size is None:
            doc = self._document(opt, index, selected=False)
            size = QSize(int(doc.textWidth()) + BAR + 3 * PAD, int(doc.size().height()) + 2 * PAD)
            if len(self._sizes) > 5000:
                self._sizes.clear()
            self._sizes[key] = size
            # the row is painted next, unselected, as wide as the list: the same document
            ink = opt.palette.color(QPalette.ColorRole.Text).rgba()
            self._keep((opt.rect.width(), opt.font.key(), False, ink, what), doc)
        return size

    def _keep(
        self, key: tuple, doc: QTextDocument
    ) -> tuple[QTextDocument, QAbstractTextDocumentLayout]:
        if len(self._painted) > 400:
            self._painted.clear()
        self._painted[key] = kept = (doc, doc.documentLayout())
        return kept

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        painter.fillRect(
            QRectF(rect.left() + PAD / 2, rect.top() + PAD / 2, BAR, rect.height() - PAD),
            self.theme.swatch(index.data(COLOR_ROLE)),
        )
        record = index.data(RECORD_ROLE)
        ink = option.palette.color(QPalette.ColorRole.Text).rgba()  # a theme change repaints
        what = record if record is not None else index.data()
        key = (option.rect.width(), option.font.key(), selected, ink, what)
        kept = self._painted.get(key)
        if kept is None:  # a row is painted again and again as the list moves
            kept = self._keep(key, self._document(option, index, selected=selected))
        painter.translate(rect.left() + BAR + 1.5 * PAD, rect.top() + PAD)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = option.palette
        kept[1].draw(painter, context)
        painter.restore()
