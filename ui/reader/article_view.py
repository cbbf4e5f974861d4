"""The reading surface: one article at a time, typeset for long reading, highlights painted
over the text, and nothing ever loaded from outside the library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPalette, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from storage.records import Article
from ui.app.first_paint import after_first_paint
from ui.first_frame import Qt, solid_brush
from ui.reader.html_document import MAX_IMAGE_WIDTH, build_from_html
from ui.reader.offline_browser import OfflineBrowser
from ui.reader.text_positions import PositionMap
from ui.theme.themes import Theme, theme

if TYPE_CHECKING:  # names only: PySide builds a type (and its enums) when it is imported
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument, QTextFrameFormat, QWheelEvent

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
MEASURE_CHARACTERS = 68  # a comfortable line for long reading (65-75)
MIN_SIDE_MARGIN = 28
SERIF_FAMILIES = ["Noto Serif", "Georgia", "Cambria", "Times New Roman", "DejaVu Serif", "serif"]
SANS_FAMILIES = ["Noto Sans", "Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans", "sans-serif"]


def open_link_externally(url: QUrl) -> bool:
    """Links leave Postil only when clicked, and only for http(s) and mailto."""
    if url.scheme().lower() not in SAFE_LINK_SCHEMES:
        return False
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(url)


class ArticleView(OfflineBrowser):
    """Signals: zoom_requested(int) with +1/-1 on Ctrl+wheel; highlight_clicked(int) with an
    annotation id when the analyst clicks inside a highlight."""

    zoom_requested = Signal(int)
    highlight_clicked = Signal(int)

    def __init__(self, *, load_image, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._use_own_viewport()
        self.setObjectName("articleView")
        self._load_image = load_image  # (article_id, key) -> QImage | None
        self.setReadOnly(True)
        # Keyboard selection (to highlight without a mouse) is switched on once the view has
        # painted, or at the first key before that: the flags are Qt-namespace enums, which
        # the first frame does without (ui.first_frame).
        self._keyboard_selection = False
        after_first_paint(self.viewport(), self._enable_keyboard_selection)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.anchorClicked.connect(open_link_externally)
        self.article: Article | None = None
        self.positions = PositionMap()
        self._theme: Theme = theme("light")
        self._font_size = 14
        self._family = "serif"
        self._spacing = 150  # line height, percent
        self._measure = MEASURE_CHARACTERS
        self._highlights: list[tuple[int, int, int, str]] = []  # (start, end, id, colour)
        self._first_chars: int | None = None  # show_article's: None, the whole article
        self._extra_ranges: list[tuple[int, int, int, str]] = []  # qt start, end, id, colour
        self._shown_highlights: list[tuple[int, int, int, str]] | None = None
        self._block_by_block = False  # set_highlights
        self._precise_drag = False
        self._fitted_column = 0.0  # the column width the pictures were last sized to
        self.setPlaceholderText("Choose an article in the library to read it here.")
        self.document().setDocumentMargin(24)
        self._apply_font()

    def _use_own_viewport(self) -> None:
        """A viewport made here, set up as QAbstractScrollArea, QTextEdit and QTextBrowser set
        up the one they make. To wrap a widget Qt made, PySide searches every QWidget type for
        the most derived one, building the Python types and enums of most of QtWidgets (20-35
        ms before the first frame); a widget made here has its wrapper already."""
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        viewport.setMouseTracking(True)  # QTextBrowser: links answer the pointer
        viewport.setAcceptDrops(True)
        viewport.setCursor(QCursor())  # QTextBrowser's arrow
        self.setViewport(viewport)  # the old viewport is deleted: the layout measures on this
        self.document().documentLayout().setPaintDevice(viewport)

    def _enable_keyboard_selection(self) -> None:
        if self._keyboard_selection:
            return
        self._keyboard_selection = True
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )

    # -- content ---------------------------------------------------------------------------

    def show_article(self, article: Article | None, *, first_chars: int | None = None) -> None:
        """first_chars: lay out only the article's first blocks, as many as hold that much
        of its text, until show_whole_article(). The window's first frame shows a long
        article so: laying out the whole of it was a tenth of what the window adds to a bare
        window's start-up (docs/start-up.md)."""
        self._highlights = []  # the caller sets this article's highlights (set_highlights)
        self.article = article
        self._first_chars = first_chars
        self._rebuild()

    def show_whole_article(self) -> None:
        """The rest of an article shown in part (show_article's first_chars), where the
        analyst is, with its highlights."""
        if self._first_chars is None:
            return
        self._lay_out_all()  # the place is read from lines laid out, not estimated
        offset = self.top_offset()
        self._first_chars = None
        self._rebuild()
        self._paint_highlights()
        self._lay_out_all()  # else the scroll bar's range stops short of the place
        self.scroll_to_offset(offset)

    def _lay_out_all(self) -> None:
        """Qt lays a long document out in steps, after the event that filled it."""
        doc = self.document()
        doc.documentLayout().blockBoundingRect(doc.lastBlock())

    @property
    def whole_article_shown(self) -> bool:
        return self._first_chars is None

    def screen_chars(self) -> int:
        """About how many characters of text one screen of the view holds."""
        from PySide6.QtGui import QFontMetricsF

        metrics = QFontMetricsF(self.document().defaultFont())
        line = max(1.0, metrics.lineSpacing() * self._spacing / 100)
        column = self.viewport().width() / max(1.0, metrics.averageCharWidth())
        return int(self.viewport().height() / line * max(1.0, min(self._measure, column)))

    def _rebuild(self) -> None:
        doc = self.document()
        self._extra_ranges = []  # positions of the old document mean nothing in the new one
        if self._shown_highlights:
            self.setExtraSelections([])
        self._shown_highlights = None
        if self.article is None:
            doc.clear()
            self.positions = PositionMap()
            self.setExtraSelections([])
            return
        self.positions = self.build_into(doc, self._theme, first_chars=self._first_chars)
        self._fitted_column = 0.0  # new pictures: size them even if the column is the same
        self._apply_measure()

    def build_into(
        self, doc: QTextDocument, colours: Theme, *, first_chars: int | None = None
    ) -> PositionMap:
        """The open article laid into `doc` in `colours`: the view's own document, or a
        printed copy in Light (paper is white). The same blocks either way, so positions in
        one are positions in the other."""
        assert self.article is not None
        article_id = self.article.id
        load = lambda key: self._load_image(article_id, key)  # noqa: E731
        muted, link = QColor(colours.muted), QColor(colours.link)
        positions = build_from_html(
            doc,
            self.article,
            load_image=load,
            muted=muted,
            link=link,
            line_height=self._spacing,
            first_chars=first_chars,
        )
        if positions is None:  # the HTML did not come out block for block: build exactly
            from core.content import blocks_from_json  # rarely needed: loaded on use
            from ui.reader.document_builder import DocumentBuilder

            builder = DocumentBuilder(
                doc,
                load_image=load,
                muted_color=muted,
                link_color=link,
                line_height=self._spacing,
            )
            positions = builder.build(self.article, blocks_from_json(self.article.content))
        return positions

    # -- typography ------------------------------------------------------------------------

    def set_font_size(self, points: int) -> None:
        self._font_size = points
        self._apply_font()

    def font_size(self) -> int:
        return self._font_size

    def set_font_family(self, family: str) -> None:
        """'serif', 'sans', or an installed family (with the serif list to fall back on)."""
        self._family = family
        self._apply_font()

    def set_line_spacing(self, percent: int) -> None:
        """Line height in percent of the font's: baked into the document, so rebuilt."""
        if percent == self._spacing:
            return
        self._spacing = percent
        if self.article is not None:
            offset = self.top_offset()
            self._rebuild()
            self._paint_highlights()
            self.scroll_to_offset(offset)

    def set_column_width(self, characters: int) -> None:
        self._measure = characters
        self._apply_measure()

    def _families(self) -> list[str]:
        if self._family == "serif":
            return SERIF_FAMILIES
        if self._family == "sans":
            return SANS_FAMILIES
        return [self._family, *SERIF_FAMILIES]

    def _apply_font(self) -> None:
        offset = self.top_offset() if self.article else None
        font = QFont()
        font.setFamilies(self._families())
        font.setPointSize(self._font_size)
        self.document().setDefaultFont(font)
        self._apply_measure()
        if offset is not None:
            self.scroll_to_offset(offset)

    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, new_theme: Theme) -> None:
        self._theme = new_theme
        if self.article is not None:
            offset = self.top_offset()
            self._rebuild()
            self._paint_highlights()  # same highlights, new colours
            self.scroll_to_offset(offset)

    def _apply_measure(self) -> None:
        """Centre a column of about the chosen number of characters (68 by default)."""
        from PySide6.QtGui import QFontMetricsF

        metrics = QFontMetricsF(self.document().defaultFont())
        measure = metrics.averageCharWidth() * self._measure
        width = self.viewport().width()
        side = max(MIN_SIDE_MARGIN, (width - measure) / 2)
        root = self.document().rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        if abs(fmt.leftMargin() - side) > 0.5:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(32)
            fmt.setBottomMargin(48)
            root.setFrameFormat(fmt)
        self._fit_images()

    def _fit_images(self) -> None:
        """Pictures no wider than the column (only articles with pictures pay for the walk,
        and only when the column's width has changed)."""
        if self.article is None or '"img"' not in self.article.content:
            return
        doc = self.document()
        side = doc.rootFrame().frameFormat().leftMargin()
        column = max(80.0, self.viewport().width() - 2 * (side + doc.documentMargin()))
        if column == self._fitted_column:
            return
        from ui.reader.image_fit import fit_images

        self._fitted_column = column
        fit_images(doc, column, cap=MAX_IMAGE_WIDTH)

    def keyPressEvent(self, event) -> None:
        self._enable_keyboard_selection()
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_measure()
        if self._extra_ranges:
            self._paint_visible_highlights()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # -- positions -------------------------------------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        """The selection in canonical code points, or None when nothing of the body is."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not len(self.positions):
            return None
        start = self.positions.to_canonical(cursor.selectionStart())
        end = self.positions.to_canonical(cursor.selectionEnd())
        return (start, end) if end > start else None

    def snap_selection_to_words(self) -> None:
        """A mouse selection becomes whole words (graphemes in unspaced scripts), shown as
        such before anything is highlighted: what the analyst sees is what is stored."""
        from core.anchoring.words import snap_to_words  # the first drag, not the first frame

        chosen = self.selection_range()
        if chosen is None or self.article is None:
            return
        start, end = snap_to_words(self.article.text, *chosen)
        if (start, end) == chosen or start >= end:
            return
        cursor = self.textCursor()
        forward = cursor.position() >= cursor.anchor()
        first, last = self.positions.to_qt(start), self.positions.to_qt(end)
        cursor.setPosition(first if forward else last)
        cursor.setPosition(last if forward else first, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def progress(self) -> int:
        """How far into the article the reader has come, in percent: the text above the
        bottom of the view, of the whole."""
        length = len(self.article.text) if self.article else 0
        if not length:
            return 0
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum():
            return 100
        bottom = self.positions.to_canonical(self._position_at(self.viewport().height() - 1))
        return max(0, min(100, round(100 * bottom / length)))

    def top_offset(self) -> int:
        """Canonical offset of the text at the top of the view: the reading position."""
        if self.verticalScrollBar().value() == 0:
            return 0
        return self.positions.to_canonical(self._position_at(0))

    def passage_rect(self, start: int, end: int) -> QRect:
        """Where the passage [start, end) is painted, in global screen coordinates: its first
        and last lines, and the whole column between when it runs over several."""
        first, last = QTextCursor(self.document()), QTextCursor(self.document())
        first.setPosition(self.positions.to_qt(start))
        last.setPosition(self.positions.to_qt(max(start, end)))
        top, bottom = self.cursorRect(first), self.cursorRect(last)
        rect = top.united(bottom)
        if bottom.top() > top.top():  # several lines: the column's width
            frame = self.document().rootFrame().frameFormat()
            side = int(self.document().documentMargin() + frame.leftMargin())
            rect.setLeft(min(rect.left(), side))
            rect.setRight(max(rect.right(), self.viewport().width() - side))
        rect = rect.intersected(self.viewport().rect())
        return QRect(self.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        if not len(self.positions) or (offset <= 0 and not center):
            self.verticalScrollBar().setValue(0)
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(offset))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        target = bar.value() + rect.top() - (self.viewport().height() // 3 if center else 8)
        bar.setValue(max(0, target))

    # -- highlights ------------------------------------------------------------------------

    def set_highlights(
        self, highlights: list[tuple[int, int, int, str]], *, block_by_block: bool = False
    ) -> None:
        """(start, end, annotation id, colour name) in canonical offsets.

        block_by_block, for the first frame: each highlight is painted as one selection a
        block. Qt measures a selection that runs over several blocks by laying out the whole
        document (QTextDocumentLayout::frameBoundingRect), milliseconds before the first frame
        for a long article, where the pieces need only their own blocks. They paint the same
        but for Qt's small mark of a paragraph's end inside a highlight, which comes back with
        the next set_highlights."""
        self._block_by_block = block_by_block
        self._highlights = highlights
        self._paint_highlights()

    def highlight_ranges(self) -> list[tuple[int, int, int, str]]:
        """Every highlight in document positions: (start, end, annotation id, colour)."""
        return list(self._extra_ranges)

    def _paint_highlights(self) -> None:
        ranges = []
        for start, end, annotation_id, color in self._highlights:
            ranges.append(
                (self.positions.to_qt(start), self.positions.to_qt(end), annotation_id, color)
            )
        ranges.sort()
        self._extra_ranges = ranges
        self._shown_highlights = None
        self._paint_visible_highlights()

    def _visible_span(self) -> tuple[int, int]:
        """Document positions shown now, with a screen's worth of margin either side."""
        top = self._position_at(0)
        bottom = self._position_at(self.viewport().height() - 1)
        top, bottom = min(top, bottom), max(top, bottom)
        margin = max(2000, bottom - top)
        return top - margin, bottom + margin

    def _position_at(self, y: int) -> int:
        """The document position on the line at viewport height y, hit in the middle of the
        text column: a point in the frame's margins hits nothing sensible."""
        return self.cursorForPosition(QPoint(self.viewport().width() // 2, y)).position()

    def _paint_visible_highlights(self) -> None:
        """Qt lays out every block an extra selection touches, so it is given only the
        highlights near the viewport, refreshed as the view scrolls or resizes."""
        if not self._extra_ranges:
            if self._shown_highlights != []:
                self.setExtraSelections([])
            self._shown_highlights = []
            return
        low, high = self._visible_span()
        shown = [r for r in self._extra_ranges if r[0] < high and r[1] > low]
        if shown == self._shown_highlights:
            return
        self._shown_highlights = shown
        selections = []
        # Inside an edit block a cursor does not lay out its block to find its x position.
        editing = QTextCursor(self.document())
        editing.beginEditBlock()
        for qt_start, qt_end, _annotation_id, color in shown:
            brush = solid_brush(self._theme.highlight(color))
            for start, end in self._selection_pieces(qt_start, qt_end):
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setBackground(brush)
                selections.append(selection)
        editing.endEditBlock()
        self.setExtraSelections(selections)

    def _selection_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The selections that paint [start, end): itself, or a piece a block (set_highlights)."""
        if not self._block_by_block:
            return [(start, end)]
        pieces = []
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            piece = (max(start, block.position()), min(end, block.position() + block.length() - 1))
            if piece[0] < piece[1]:
                pieces.append(piece)
            block = block.next()
        return pieces

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dy and self._extra_ranges:
            self._paint_visible_highlights()

    def highlight_at(self, qt_position: int) -> int | None:
        """The innermost (shortest) highlight covering a document position."""
        covering = [(e - s, i) for s, e, i, _c in self._extra_ranges if s <= qt_position < e]
        return min(covering)[1] if covering else None

    def mousePressEvent(self, event) -> None:
        # Alt held when the drag starts: the exact characters, not whole words.
        self._precise_drag = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            precise = self._precise_drag or event.modifiers() & Qt.KeyboardModifier.AltModifier
            if not precise:
                self.snap_selection_to_words()
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            position = self.cursorForPosition(event.position().toPoint()).position()
            annotation_id = self.highlight_at(position)
            if annotation_id is not None:
                self.highlight_clicked.emit(annotation_id)


def image_from_bytes(data: bytes) -> QImage | None:
    from PySide6.QtGui import QImage  # only articles with images need it

    image = QImage()
    return image if image.loadFromData(data) else None
