"""The library pane: search box, sort and tag filter over the list of articles."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.library import Library
from ui.first_frame import CUSTOM_CONTEXT_MENU, Qt
from ui.library.delegate import LibraryDelegate
from ui.library.model import ID_ROLE, STATE_FILTERS, LibraryModel

SORTS = (
    ("captured", "Newest captured"),
    ("published", "Newest published"),
    ("title", "Title"),
    ("site", "Site"),
)
ALL_TAGS = "All tags"


SEARCH_HELP = (
    'Words and "exact phrases" in titles and texts; -word leaves out.\n'
    "site:gazette  tag:ports  color:red  is:unread / is:reading / is:done\n"
    "after:2025  before:2026-03-01 (the date published, else captured)"
)


class LibraryPane(QWidget):
    """Signals: article_activated(int) when the analyst opens an article (click or Enter);
    context_menu_requested(int, QPoint) when they right-click one (article id, and where on
    the screen), that article being selected first."""

    article_activated = Signal(int)
    context_menu_requested = Signal(int, QPoint)

    def __init__(self, *, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.model = LibraryModel(library=library, parent=self)

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search the library  (Ctrl+Shift+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(SEARCH_HELP)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.installEventFilter(self)

        self.sort = QComboBox(self)
        self.sort.setObjectName("librarySort")
        for key, label in SORTS:
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(self._on_sort_changed)
        self.tag = QComboBox(self)
        self.tag.setObjectName("libraryTag")
        self.tag.currentIndexChanged.connect(self._on_tag_changed)
        self.reload_tags()
        self.state = QComboBox(self)
        self.state.setObjectName("libraryState")
        self.state.setToolTip("Reading state: triage what is new, in progress, or done")
        for label, states in STATE_FILTERS:
            self.state.addItem(label, states)
        self.state.currentIndexChanged.connect(
            lambda _i: self.model.set_states(self.state.currentData())
        )

        # A table with fixed row heights touches only the rows it shows; list and tree views
        # walk every row of a 100,000-article library when they lay out.
        self.view = QTableView(self)
        self.view.setObjectName("libraryList")
        self.view.setModel(self.model)
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.delegate = LibraryDelegate(
            show_snippets=lambda: self.model.searching, parent=self.view
        )
        self.view.setItemDelegate(self.delegate)
        self._update_row_height()
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.view.setProperty("contextMenuPolicy", CUSTOM_CONTEXT_MENU)  # no Qt namespace yet
        self.view.customContextMenuRequested.connect(self._on_view_context_menu_requested)
        self.view.installEventFilter(self)

        # Said, not left blank: an empty library, or a search or tag that matches nothing.
        self.empty = QLabel(self)
        self.empty.setObjectName("libraryEmpty")
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(8, 8, 8, 8)
        self.empty.hide()
        self.model.modelReset.connect(self._update_empty_state)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.sort, 1)
        filters.addWidget(self.tag, 1)
        filters.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self._update_empty_state()

    # -- public ----------------------------------------------------------------------------

    def _update_empty_state(self) -> None:
        if self.model.rowCount():
            self.empty.hide()
            return
        query = self.search.text().strip()
        tag = self.tag.currentData()
        if self.state.currentData() is not None and not query and not tag:
            text = f"No article is in “{self.state.currentText()}”."
        elif query:
            text = f"No article matches “{query}”."
        elif tag:
            text = f"No article has highlights tagged #{tag}."
        else:
            text = (
                "Your library is empty.\n\nImport articles with Ctrl+O, paste a page you "
                "copied with Ctrl+Shift+V, or drop files on the window."
            )
        self.empty.setText(text)
        self.empty.show()

    def set_sort(self, key: str) -> None:
        index = self.sort.findData(key)
        if index >= 0:
            self.sort.setCurrentIndex(index)

    def reload(self, *, keep_scroll: bool = False) -> None:
        """Read the list again; keep_scroll: a refresh the analyst did not ask for leaves the
        list where they had scrolled it."""
        current = self.current_id()
        bar = self.view.verticalScrollBar()
        position = bar.value()
        self.model.reload()
        self.reload_tags()
        if current is not None:
            self.select(current, scroll=not keep_scroll)
        if keep_scroll:
            bar.setValue(position)

    def reload_tags(self) -> None:
        chosen = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(ALL_TAGS, None)
        for tag in self._library.tags.counts():
            self.tag.addItem(f"#{tag.name} ({tag.count})", tag.name)
        index = self.tag.findData(chosen) if chosen else 0
        self.tag.setCurrentIndex(max(0, index))
        self.tag.blockSignals(False)

    def select(self, article_id: int, *, scroll: bool = True) -> None:
        row = self.model.row_of(article_id)
        if row is None:
            return
        index = self.model.index(row)
        self.view.setCurrentIndex(index)
        if scroll:
            self.view.scrollTo(index)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_row_height(self) -> None:
        height = self.delegate.row_height(self.view.font())
        self.view.verticalHeader().setDefaultSectionSize(height)

    # -- slots -----------------------------------------------------------------------------

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self.model.set_query(self.search.text())
        self._update_row_height()  # rows are taller with snippets
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    @Slot(int)
    def _on_sort_changed(self, _index: int) -> None:
        current = self.current_id()
        self.model.set_sort(self.sort.currentData())
        if current is not None:
            self.select(current)

    @Slot(int)
    def _on_tag_changed(self, _index: int) -> None:
        self.model.set_tag(self.tag.currentData())

    @Slot()
    def _on_view_clicked(self, index) -> None:
        article_id = index.data(ID_ROLE)
        if article_id is not None:
            self.article_activated.emit(article_id)

    @Slot(QPoint)
    def _on_view_context_menu_requested(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        article_id = index.data(ID_ROLE) if index.isValid() else None
        if article_id is None:
            return
        self.view.setCurrentIndex(index)  # the article the menu's commands apply to
        self.context_menu_requested.emit(article_id, self.view.viewport().mapToGlobal(point))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                self._search_timer.stop()
                self._on_search_timer_timeout()
                self.view.setFocus()
                if key != Qt.Key.Key_Down and self.view.currentIndex().isValid():
                    self._on_view_clicked(self.view.currentIndex())
                return True
            if watched is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.view.currentIndex().isValid():
                    self._on_view_clicked(self.view.currentIndex())
                return True
        return super().eventFilter(watched, event)
