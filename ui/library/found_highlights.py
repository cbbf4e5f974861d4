"""The highlights and notes a library search finds, as their own group under the articles:
each drawn like a highlight elsewhere in the app (a colour bar, the passage in “…”, the
article's title muted on one line), the matched words in bold, and the note on a line of its
own when the note is what matched.

Loaded with the first search, never before the first frame (ui.first_frame): it may import
what it likes."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from core.search_query import parse
from storage.search import HighlightHit
from storage.snippet_marks import SNIPPET_END, SNIPPET_START, plain_snippet
from ui.library.delegate import ELLIPSIS, elide_right
from ui.theme.themes import Theme, theme

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the highlight's id
COLOR_ROLE = Qt.ItemDataRole.UserRole + 3
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 4  # the passage, matched words marked
NOTE_ROLE = Qt.ItemDataRole.UserRole + 5  # the note when it matched (marked), else ""
TITLE_ROLE = Qt.ItemDataRole.UserRole + 6

BAR = 5
PAD = 8
QUOTE_LINES = 3  # the passage on at most this many lines, the rest elided
NOTE_LINES = 2
_Index = QModelIndex | QPersistentModelIndex


# -- which words to bold -------------------------------------------------------------------


def snippet_terms(snippet: str) -> list[str]:
    """The words a snippet marks as matched."""
    pattern = re.escape(SNIPPET_START) + "(.*?)" + re.escape(SNIPPET_END)
    return [t for t in re.findall(pattern, snippet, flags=re.DOTALL) if t.strip()]


def query_terms(query: str) -> list[str]:
    """The words and phrases a query looks for (not its filters nor the words left out)."""
    return [w for w in parse(query).words if w.strip()]


def mark_words(text: str, terms: list[str]) -> str:
    """text with each word that starts with one of terms (a phrase: its words in order)
    marked as a snippet marks a match."""
    if not terms:
        return text
    alternatives = sorted({t.strip().casefold() for t in terms if t.strip()}, key=len)
    parts = [r"\s+".join(re.escape(w) for w in t.split()) for t in reversed(alternatives)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")\w*", re.IGNORECASE)
    return pattern.sub(lambda m: f"{SNIPPET_START}{m.group(0)}{SNIPPET_END}", text)


def has_mark(text: str) -> bool:
    return SNIPPET_START in text


def _flat(text: str) -> str:
    return " ".join(text.split())


def snippet_is_from_note(hit: HighlightHit) -> bool:
    """Whether the search's snippet of the hit was cut from its note rather than its quote
    (FTS5 cuts it from the column that matches best)."""
    if not hit.note or not hit.snippet:
        return False
    cut = _flat(plain_snippet(hit.snippet)).strip(ELLIPSIS + ". ")
    quote, note = _flat(hit.quote), _flat(hit.note)
    if cut and cut in quote:
        return False
    return bool(cut and cut in note)


def found_parts(hit: HighlightHit, terms: list[str]) -> tuple[str, str]:
    """(the quote, the note or "" when the note did not match), matched words marked: the
    search's own snippet for the part it was cut from, the words of the query in the other."""
    words = [*snippet_terms(hit.snippet), *terms]
    quote, note = _flat(hit.quote), _flat(hit.note or "")
    if snippet_is_from_note(hit):
        return mark_words(quote, words), _flat(hit.snippet)
    shown_quote = _flat(hit.snippet) if has_mark(hit.snippet) else mark_words(quote, words)
    marked_note = mark_words(note, words) if note else ""
    return shown_quote, marked_note if has_mark(marked_note) else ""


def marked_html(text: str) -> str:
    """Marked text as HTML: matched words in bold (a mark left open at a cut is closed)."""
    out, bold = [], False
    for piece in re.split(f"([{SNIPPET_START}{SNIPPET_END}])", text):
        if piece == SNIPPET_START:
            if not bold:
                out.append("<b>")
            bold = True
        elif piece == SNIPPET_END:
            if bold:
                out.append("</b>")
            bold = False
        else:
            out.append(html.escape(piece, quote=False))
    if bold:
        out.append("</b>")
    return "".join(out)


# -- the model -----------------------------------------------------------------------------


class FoundHighlightsModel(QAbstractListModel):
    """The highlights a search found, best first (a search lists at most a page of them)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[HighlightHit] = []
        self._terms: list[str] = []
        self._parts: dict[int, tuple[str, str]] = {}

    def set_hits(self, hits: list[HighlightHit], query: str) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._terms = query_terms(query) if hits else []
        self._parts = {}
        self.endResetModel()

    def hit(self, row: int) -> HighlightHit:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def _parts_of(self, row: int) -> tuple[str, str]:
        parts = self._parts.get(row)
        if parts is None:
            parts = self._parts[row] = found_parts(self._hits[row], self._terms)
        return parts

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            quote, note = self._parts_of(index.row())
            text = f"“{plain_snippet(quote)}”"
            if note:
                text += f"\nNote: {plain_snippet(note)}"
            return f"{text}\n{hit.article_title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"“{_flat(hit.quote)}”"]
            if hit.note:
                lines.append(f"Note: {hit.note.strip()}")
            lines.append(f"— {hit.article_title}")
            return "\n".join(lines)
        if role == ARTICLE_ID_ROLE:
            return hit.article_id
        if role == ID_ROLE:
            return hit.id
        if role == COLOR_ROLE:
            return hit.color
        if role == QUOTE_ROLE:
            return self._parts_of(index.row())[0]
        if role == NOTE_ROLE:
            return self._parts_of(index.row())[1]
        if role == TITLE_ROLE:
            return hit.article_title
        return None


# -- the delegate --------------------------------------------------------------------------


class FoundHighlightLayout:
    """Where a row's parts go: the quote and note documents (whole lines, at most
    QUOTE_LINES and NOTE_LINES), the title elided to one line, and the row's height."""

    def __init__(
        self,
        *,
        quote: QTextDocument,
        quote_height: float,
        note: QTextDocument | None,
        note_height: float,
        title: str,
        title_font: QFont,
    ) -> None:
        self.quote, self.quote_height = quote, quote_height
        self.note, self.note_height = note, note_height
        self.title, self.title_font = title, title_font
        metrics = QFontMetrics(title_font)
        self.title_top = PAD + quote_height + (4 + note_height if note is not None else 0) + 3
        self.title_height = metrics.lineSpacing()
        self.title_ascent = metrics.ascent()
        self.height = int(self.title_top + self.title_height + PAD + 0.999)


def _lines_height(doc: QTextDocument, lines: int) -> tuple[float, bool]:
    """The height of the document's first `lines` lines, and whether that is all of it."""
    layout = doc.documentLayout()
    block, seen, bottom = doc.begin(), 0, 0.0
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        for number in range(text_layout.lineCount()):
            line = text_layout.lineAt(number)
            bottom = top + line.y() + line.height()
            seen += 1
            if seen == lines:
                whole = number == text_layout.lineCount() - 1 and not block.next().isValid()
                return bottom, whole
        block = block.next()
    return bottom, True


class FoundHighlightDelegate(QStyledItemDelegate):
    """Paints a FoundHighlightsModel row; `theme` gives the colour bar its colour."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.theme: Theme = theme("light")
        self._layouts: dict[tuple, FoundHighlightLayout] = {}

    def _document(self, body: str, font: QFont, width: float, ink: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setHtml(f"<div style='color:{ink}'>{body}</div>")
        doc.setTextWidth(width)
        return doc

    def _fitted(
        self, marked: str, font: QFont, width: float, ink: str, lines: int, wrap: tuple[str, str]
    ) -> tuple[QTextDocument, float]:
        """The marked text between wrap's two pieces of HTML, on at most `lines` lines:
        words dropped from the end, and an ellipsis put in their place, until it fits."""
        opening, closing = wrap
        doc = self._document(f"{opening}{marked_html(marked)}{closing}", font, width, ink)
        height, whole = _lines_height(doc, lines)
        if whole:
            return doc, height
        words = marked.split(" ")
        low, high = 1, len(words) - 1  # the most words that fit with the ellipsis
        best = None
        while low <= high:
            middle = (low + high) // 2
            body = marked_html(" ".join(words[:middle]).rstrip(",;:. ") + ELLIPSIS)
            trial = self._document(f"{opening}{body}{closing}", font, width, ink)
            trial_height, trial_whole = _lines_height(trial, lines)
            if trial_whole:
                best, low = (trial, trial_height), middle + 1
            else:
                high = middle - 1
        return best if best is not None else (doc, height)

    def layout(
        self, option: QStyleOptionViewItem, index: QModelIndex, *, selected: bool = False
    ) -> FoundHighlightLayout:
        palette = option.palette
        ink_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = palette.color(ink_role).name()
        muted = ink if selected else palette.color(QPalette.ColorRole.PlaceholderText).name()
        width = max(60, option.rect.width()) - BAR - 3 * PAD
        quote, note = index.data(QUOTE_ROLE) or "", index.data(NOTE_ROLE) or ""
        title = index.data(TITLE_ROLE) or ""
        key = (width, option.font.key(), ink, muted, quote, note, title)
        found = self._layouts.get(key)
        if found is not None:
            return found
        font = option.font
        quote_doc, quote_height = self._fitted(quote, font, width, ink, QUOTE_LINES, ("“", "”"))
        note_doc, note_height = None, 0.0
        if note:  # what matched was (also) in the note: it has a line of its own
            label = (f"<span style='color:{muted}'>Note:</span> ", "")
            note_doc, note_height = self._fitted(note, font, width, ink, NOTE_LINES, label)
        title_font = QFont(font)
        title_font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        shown_title = elide_right(" ".join(title.split()), QFontMetrics(title_font), int(width))
        found = FoundHighlightLayout(
            quote=quote_doc,
            quote_height=quote_height,
            note=note_doc,
            note_height=note_height,
            title=shown_title,
            title_font=title_font,
        )
        if len(self._layouts) > 600:
            self._layouts.clear()
        self._layouts[key] = found
        return found

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        view = opt.widget
        if view is not None:
            opt.rect.setWidth(view.viewport().width())
        return QSize(opt.rect.width(), self.layout(opt, index).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        painter.fillRect(
            QRectF(rect.left() + PAD / 2, rect.top() + PAD / 2, BAR, rect.height() - PAD),
            self.theme.swatch(index.data(COLOR_ROLE)),
        )
        found = self.layout(option, index, selected=selected)
        left = rect.left() + BAR + 1.5 * PAD
        painter.translate(left, rect.top() + PAD)
        painter.setClipRect(QRectF(0, 0, rect.width(), found.quote_height))
        found.quote.drawContents(painter)
        if found.note is not None:
            painter.translate(0, found.quote_height + 4)
            painter.setClipRect(QRectF(0, 0, rect.width(), found.note_height))
            found.note.drawContents(painter)
        painter.restore()
        painter.save()
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        painter.setPen(option.palette.color(role))
        painter.setFont(found.title_font)
        baseline = rect.top() + found.title_top + found.title_ascent
        painter.drawText(QPointF(left, baseline), found.title)
        painter.restore()
