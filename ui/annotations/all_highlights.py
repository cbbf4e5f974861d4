"""Every annotation in the library — or those with a tag, a colour, or matching a search —
with the article each comes from; opening one jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from storage.articles import AFTER_TRIED
from storage.library import Library
from ui.annotations.delegate import AnnotationDelegate
from ui.annotations.model import ID_ROLE, RECORD_ROLE, AnnotationListModel
from ui.annotations.pane import swatch_icon
from ui.common.placement import clear_of
from ui.library.pane import LazyComboBox
from ui.theme.themes import HIGHLIGHT_NAMES, Theme

PAGE = 15  # highlights read (and laid out) at a time, more as the list scrolls
_Index = QModelIndex | QPersistentModelIndex


class AllHighlightsModel(AnnotationListModel):
    """Every highlight that passes the filters, a page at a time: the ids of the whole
    selection are never read at once (300,000 of them, each a laid-out rich text row)."""

    def __init__(self, *, library: Library, parent=None) -> None:
        super().__init__(parent)
        self._library = library
        self._filters: dict[str, str | None] = {}
        self._more = False

    def set_filters(self, **filters: str | None) -> None:
        self._filters = filters
        items = self._page(0)
        self._more = len(items) == PAGE
        self.set_annotations(items, self._titles_of(items, known={}))

    def _page(self, offset: int):
        """The next PAGE highlights: sought from the last one held (see highlight_ids)."""
        search = self._library.search
        held = [a.id for a in self._items[max(0, offset - AFTER_TRIED) : offset]]
        ids = search.highlight_ids(**self._filters, limit=PAGE, offset=offset, after=held)
        return search.highlight_records(ids)

    def _titles_of(self, items, *, known: dict[int, str]) -> dict[int, str]:
        """The titles of these highlights' articles not among those known."""
        ids = sorted({a.article_id for a in items} - set(known))
        return {i: s.title for i, s in self._library.articles.summaries(ids).items()}

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        items = self._page(len(self._items))
        self._more = len(items) == PAGE
        if items:
            self._titles.update(self._titles_of(items, known=self._titles))
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(items) - 1)
            self._items.extend(items)
            self.endInsertRows()

    def count(self) -> int:
        return self._library.search.highlight_ids(**self._filters, count=True)[0]


class AllAnnotationsDialog(QDialog):
    """Signals: open_requested(int article_id, int annotation_id)."""

    open_requested = Signal(int, int)

    def __init__(self, *, library: Library, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allAnnotations")
        self.setWindowTitle("All Highlights")
        self.resize(720, 640)
        self._library = library
        self.search = QLineEdit(self)
        self.search.setObjectName("allSearch")
        self.search.setPlaceholderText("Search quotes and notes")
        self.search.setClearButtonEnabled(True)
        self.color = QComboBox(self)
        self.color.setObjectName("allColor")
        self.color.addItem("All colours", None)
        for name in HIGHLIGHT_NAMES:
            self.color.addItem(swatch_icon(theme.swatch(name)), name.title(), name)
        # filled when first opened or focused: counting tags over 300,000 highlights takes
        # longer than opening the dialog should
        self.tag = LazyComboBox(fill=self._fill_tags, parent=self)
        self.tag.setObjectName("allTag")
        self.tag.addItem("All tags", None)
        self.count = QLabel(self)
        self.model = AllHighlightsModel(library=library, parent=self)
        self.view = QListView(self)
        self.view.setObjectName("allList")
        self.view.setModel(self.model)
        delegate = AnnotationDelegate(self.view)
        delegate.theme = theme
        self.view.setItemDelegate(delegate)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._on_view_activated)
        self.view.doubleClicked.connect(self._on_view_activated)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.color.currentIndexChanged.connect(self.reload)
        self.tag.currentIndexChanged.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.color, 1)
        filters.addWidget(self.tag, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.reload()

    def _fill_tags(self) -> None:
        """Tags change while the dialog lives (renamed, merged, new): refilled on reload."""
        chosen = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("All tags", None)
        for tag in self._library.tags.counts():
            self.tag.addItem(f"#{tag.name} ({tag.count})", tag.name)
        self.tag.setCurrentIndex(max(0, self.tag.findData(chosen)))
        self.tag.blockSignals(False)

    def showEvent(self, event) -> None:
        self.tag.stale = True  # tags may have changed while it was hidden: refilled on use
        super().showEvent(event)

    @Slot()
    def reload(self) -> None:
        flt = {
            "color": self.color.currentData(),
            "tag": self.tag.currentData(),
            "query": self.search.text().strip() or None,
        }
        self.model.set_filters(**flt)
        if self.model.canFetchMore():  # counted once the first page shows
            self.count.setText("")
            QTimer.singleShot(0, self._show_count)
        else:
            self._show_count()

    @Slot()
    def _show_count(self) -> None:
        shown = self.model.count() if self.model.canFetchMore() else self.model.rowCount()
        self.count.setText(f"{shown:,} highlight{'s' if shown != 1 else ''}")

    def step_aside_from(self, passage: QRect) -> None:
        """Move (and if need be shrink) so as not to cover `passage` (global coordinates),
        which the analyst has just jumped to; the browser stays open for the next one."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        frame, inner = self.frameGeometry(), self.geometry()
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
        minimum = self.minimumSizeHint().expandedTo(QSize(360, 240)) + extra
        target = clear_of(frame, passage, screen.availableGeometry(), minimum)
        if target != frame:
            self.move(target.topLeft())
            self.resize(target.size() - extra)

    @Slot()
    def _on_view_activated(self, index) -> None:
        if index.isValid():
            record = index.data(RECORD_ROLE)
            self.open_requested.emit(record.article_id, index.data(ID_ROLE))
