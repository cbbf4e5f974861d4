"""Every annotation in the library — or those with a tag, a colour, or matching a search —
with the article each comes from; opening one jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, QTimer, Signal, Slot
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

from storage.annotations import AnnotationFilter
from storage.library import Library
from ui.annotations.delegate import AnnotationDelegate
from ui.annotations.model import ID_ROLE, RECORD_ROLE, AnnotationListModel
from ui.annotations.pane import swatch_icon
from ui.common.placement import clear_of
from ui.theme.themes import HIGHLIGHT_NAMES, Theme

LIMIT = 5000


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
        self.tag = QComboBox(self)
        self.tag.setObjectName("allTag")
        self._fill_tags()
        self.count = QLabel(self)
        self.model = AnnotationListModel(self)
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
        self._fill_tags()
        super().showEvent(event)

    @Slot()
    def reload(self) -> None:
        flt = AnnotationFilter(
            color=self.color.currentData(),
            tag=self.tag.currentData(),
            query=self.search.text().strip() or None,
        )
        items = self._library.annotations.find(flt, limit=LIMIT)
        ids = sorted({a.article_id for a in items})
        titles = {i: s.title for i, s in self._library.articles.summaries(ids).items()}
        self.model.set_annotations(items, titles)
        shown = len(items)
        self.count.setText(
            f"{shown} highlight{'s' if shown != 1 else ''}"
            + (" (first 5,000)" if shown >= LIMIT else "")
        )

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
