"""The library pane: search box, sort and tag filter over the list of articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storage import saved_searches
from storage.library import Library
from ui.first_frame import CUSTOM_CONTEXT_MENU, Qt
from ui.library.delegate import LibraryDelegate
from ui.library.model import ID_ROLE, STATE_FILTERS, LibraryModel
from ui.theme.themes import Theme, theme

if TYPE_CHECKING:  # names only: PySide builds a type (and its enums) when it is imported
    from PySide6.QtWidgets import QListView

SORTS = (
    ("captured", "Newest captured"),
    ("published", "Newest published"),
    ("title", "Title"),
    ("site", "Site"),
)
ALL_TAGS = "All tags"


SAVED_SEARCHES = "Saved searches"
CATCH_UP_AFTER_MS = 1500  # stemming an older library starts once the window is up
SEARCH_HELP = (
    'Words and "exact phrases" in titles and texts (other forms of a word count too:\n'
    '"elections" finds "election"); -word leaves out.\n'
    "site:gazette  tag:ports  color:red  is:unread / is:reading / is:done\n"
    "after:2025  before:2026-03-01 (the date published, else captured)"
)


def _count(count: int) -> str:
    """A number of highlights found: a search lists a page of them at most."""
    from ui.library.search_runner import HIGHLIGHTS

    return f"{count}+" if count >= HIGHLIGHTS else str(count)


def _highlights_phrase(count: int) -> str:
    if count == 1:
        return "1 highlight or note does"
    return f"{_count(count)} highlights or notes do"


class LazyComboBox(QComboBox):
    """A combo box filled (by `fill`) when it is first opened or focused, and again after
    it is marked stale."""

    def __init__(self, *, fill, parent=None) -> None:
        super().__init__(parent)
        self._fill = fill
        self.stale = True
        self.filled = False

    def fill_now(self) -> None:
        self.stale = False
        self.filled = True
        self._fill()

    def showPopup(self) -> None:
        if self.stale:
            self.fill_now()
        super().showPopup()

    def focusInEvent(self, event) -> None:
        if self.stale:
            self.fill_now()
        super().focusInEvent(event)


class LibraryPane(QWidget):
    """Signals: article_activated(int) when the analyst opens an article (click or Enter);
    context_menu_requested(int, QPoint) when they right-click one (article id, and where on
    the screen), that article being selected first; highlight_activated(int, int) when they
    open a highlight found by a search (article id, highlight id; article_activated(article
    id) goes out too).

    open_article: a callable giving the id of the article open in the reader (or None); a
    search keeps it selected when it is among the results, and selects nothing otherwise."""

    article_activated = Signal(int)
    context_menu_requested = Signal(int, QPoint)
    highlight_activated = Signal(int, int)

    def __init__(
        self, *, library: Library, open_article=None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._open_article = open_article or (lambda: None)
        self._theme: Theme = theme("light")
        self.model = LibraryModel(library=library, parent=self)

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search the library  (Ctrl+Shift+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(SEARCH_HELP)
        # Search as you type runs off this thread (ui.library.search_runner): a short pause
        # after the last key, and the results of an overtaken query are dropped.
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self._on_typing_paused)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self._runner = None  # made on the first search, or to stem an older library
        self._highlight_count = 0  # highlights and notes the search shown found
        self._shown_serial = 0

        self.save_search = QToolButton(self)
        self.save_search.setObjectName("librarySaveSearch")
        self.save_search.setCheckable(True)
        self.save_search.setAutoRaise(False)  # framed: it looks like the button it is
        self.save_search.clicked.connect(self._on_save_search_clicked)
        self.saved = QComboBox(self)
        self.saved.setObjectName("librarySaved")
        self.saved.setToolTip("Run a saved search")
        # a placeholder, not an item: nothing in the list but the searches themselves
        self.saved.setPlaceholderText(SAVED_SEARCHES)
        self.saved.activated.connect(self._on_saved_activated)

        self.sort = QComboBox(self)
        self.sort.setObjectName("librarySort")
        for key, label in SORTS:
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(self._on_sort_changed)
        # Tags are counted over every highlight (300,000 in a large library: a quarter of a
        # second): the box is filled when the analyst opens it, not before the first frame.
        self.tag = LazyComboBox(fill=self._fill_tags, parent=self)
        self.tag.setObjectName("libraryTag")
        self.tag.addItem(ALL_TAGS, None)
        self.tag.currentIndexChanged.connect(self._on_tag_changed)
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
        # Highlights and notes that match a search: their own group below the articles
        # (the highlights property), made by the first search that finds some.
        self._highlights: QListView | None = None
        self._highlights_label: QLabel | None = None
        self.highlights_model = None  # ui.library.found_highlights.FoundHighlightsModel

        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.setSpacing(2)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.save_search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(6)
        layout.addLayout(search_row)
        layout.addWidget(self.saved)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 3)  # the found highlights go below (_make_highlights)
        self._update_empty_state()
        self.saved.hide()
        self._fix_save_button_width()
        self.save_search.setText("Save")
        self.destroyed.connect(self._close_runner_of(self))
        # after the first frame: saved searches, and stemming an older library
        QTimer.singleShot(0, self.reload_saved)
        QTimer.singleShot(CATCH_UP_AFTER_MS, self._start_catch_up)

    # -- public ----------------------------------------------------------------------------

    @property
    def highlights(self) -> QListView:
        """The highlights and notes a search found, listed below the articles; made when
        first needed (a list view's Python type and enums are not the first frame's)."""
        if self._highlights is None:
            self._make_highlights()
        return self._highlights

    @property
    def highlights_label(self) -> QLabel:
        """The heading over `highlights`."""
        if self._highlights_label is None:
            self._make_highlights()
        return self._highlights_label

    def _make_highlights(self) -> None:
        """Drawn like highlights elsewhere (ui.library.found_highlights, loaded by the first
        search that finds some: the view gets its model and delegate then)."""
        from PySide6.QtWidgets import QListView

        label = QLabel(self)
        label.setObjectName("librarySearchHighlightsLabel")
        bold = label.font()
        bold.setBold(True)
        label.setFont(bold)
        found = QListView(self)
        found.setObjectName("librarySearchHighlights")
        found.setWordWrap(True)
        found.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        found.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        found.activated.connect(self._on_highlight_activated)
        found.clicked.connect(self._on_highlight_activated)
        found.setStyleSheet(self._theme.list_frame(found.objectName()))
        label.hide()
        found.hide()
        self.layout().addWidget(label)
        self.layout().addWidget(found, 1)
        self._highlights_label, self._highlights = label, found

    def set_theme(self, new_theme: Theme) -> None:
        """Both lists framed in the theme's colours; the found highlights' bars in its own."""
        self._theme = new_theme
        for view in (self.view, self._highlights):
            if view is not None:
                view.setStyleSheet(new_theme.list_frame(view.objectName()))
        # "Saved searches" is the box's label, not a greyed-out entry: in the button's ink
        palette = self.saved.palette()
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(new_theme.text))
        self.saved.setPalette(palette)
        if self.highlights_model is not None:
            self.highlights.itemDelegate().theme = new_theme
            self.highlights.viewport().update()

    def _update_empty_state(self) -> None:
        query = self.search.text().strip()
        found = self._highlight_count if query else 0
        # a search that found highlights and notes only: they take the room of the list
        self.view.setVisible(bool(self.model.rowCount()) or not found)
        if self.model.rowCount():
            self.empty.hide()
            return
        tag = self.tag.currentData()
        if self.state.currentData() is not None and not query and not tag:
            text = f"No article is in “{self.state.currentText()}”."
        elif query and found:
            text = f"No article matches “{query}”; {_highlights_phrase(found)}:"
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
        self.tag.stale = True  # refilled when next opened
        if current is not None:
            self.select(current, scroll=not keep_scroll)
        if keep_scroll:
            bar.setValue(position)

    def reload_tags(self) -> None:
        """The tags changed: the box is filled again (now if it was filled before)."""
        self.tag.stale = True
        if self.tag.filled:
            self.tag.fill_now()

    def _fill_tags(self) -> None:
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

    # -- searching -------------------------------------------------------------------------

    def _ensure_runner(self):
        if self._runner is None:
            from ui.library.search_runner import SearchRunner

            self._runner = SearchRunner(library_path=self._library.path, parent=self)
            self._runner.finished.connect(self._on_runner_finished)
        return self._runner

    @staticmethod
    def _close_runner_of(pane: LibraryPane):
        """A slot for the pane's destroyed(): stop its search worker (a plain function, as
        the pane itself is going)."""

        def close(*_args) -> None:
            runner = pane.__dict__.get("_runner")
            if runner is not None:
                runner.close()

        return close

    def close_search(self) -> None:
        """Stop the search worker (the window closing; tests)."""
        if self._runner is not None:
            self._runner.close()

    @Slot()
    def _start_catch_up(self) -> None:
        """An older library's articles are stemmed in the background (storage.stems), and
        its highlights indexed by prefix (storage.highlight_prefixes)."""
        from storage import highlight_prefixes, stems

        try:
            pending = stems.work_left(self._library.conn) or highlight_prefixes.work_left(
                self._library.conn
            )
        except Exception:  # a damaged or closed library: the window says so elsewhere
            return
        if pending:
            self._ensure_runner().start()

    def reload_saved(self) -> None:
        queries = saved_searches.saved(self._library.conn)
        self.saved.blockSignals(True)
        self.saved.clear()
        for query in queries:
            self.saved.addItem(query, query)
        self.saved.setCurrentIndex(-1)  # the placeholder shows
        self.saved.blockSignals(False)
        self.saved.setVisible(bool(queries))
        self._update_save_button()

    def _fix_save_button_width(self) -> None:
        """The button as wide as its wider label: the search box never moves as one types."""
        text = self.save_search.text()
        widths = []
        for label in ("Save", "Saved"):
            self.save_search.setText(label)
            widths.append(self.save_search.sizeHint().width())
        self.save_search.setText(text)
        self.save_search.setFixedWidth(max(widths))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fix_save_button_width()
        super().changeEvent(event)

    def _update_save_button(self) -> None:
        query = " ".join(self.search.text().split())
        saved = bool(query) and query in saved_searches.saved(self._library.conn)
        self.save_search.setChecked(saved)
        self.save_search.setText("Saved" if saved else "Save")
        self.save_search.setToolTip(
            "Forget this saved search" if saved else "Save this search (Saved searches)"
        )

    def _show_highlights(self, hits: list) -> None:
        query = self.search.text()
        hits = list(hits) if query.strip() else []
        if not hits and self._highlights is None:  # nothing found yet: nothing to show or hide
            self._highlight_count = 0
            return
        if hits and self.highlights_model is None:
            from PySide6.QtWidgets import QListView

            from ui.library.found_highlights import FoundHighlightDelegate, FoundHighlightsModel

            self.highlights_model = FoundHighlightsModel(self)
            self.highlights.setModel(self.highlights_model)
            self.highlights.setResizeMode(QListView.ResizeMode.Adjust)  # rows fit the width
            delegate = FoundHighlightDelegate(self.highlights)
            delegate.theme = self._theme
            self.highlights.setItemDelegate(delegate)
        if self.highlights_model is not None:
            self.highlights_model.set_hits(hits, query)
        self._highlight_count = count = len(hits)
        self.highlights_label.setText(f"Highlights and notes ({_count(count)})")
        self.highlights_label.setVisible(bool(hits))
        self.highlights.setVisible(bool(hits))

    def _search_now(self) -> None:
        """Search on this thread (Enter, Down: the analyst wants the results at once)."""
        self._search_timer.stop()
        text = self.search.text()
        if self._runner is not None:
            self._runner.search("")  # whatever runs now is overtaken: its results dropped
            self._shown_serial = self._runner.latest
        self.model.set_query(text)
        self._show_highlights(self._library.search.highlights(text) if text.strip() else [])
        self._after_results()

    def _after_results(self) -> None:
        """The article open in the reader stays selected if it is among the results; else
        nothing is (the first result selected would look like the article open)."""
        self._update_row_height()  # rows are taller with snippets
        open_id = self._open_article()
        row = self.model.row_of(open_id) if open_id is not None else None
        if row is None:
            self.view.setCurrentIndex(QModelIndex())
            self.view.clearSelection()
        else:
            self.view.setCurrentIndex(self.model.index(row))
        if self.model.searching or row is None:
            self.view.scrollToTop()  # the best results first
        self._update_empty_state()

    # -- slots -----------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._update_save_button()
        self._search_timer.start()

    @Slot()
    def _on_typing_paused(self) -> None:
        text = self.search.text()
        if not text.strip():  # the whole list again: no search to run
            if self._runner is not None:
                self._shown_serial = self._runner.search("")
            self.model.set_query("")
            self._show_highlights([])
            self._after_results()
            return
        self._ensure_runner().search(text)

    @Slot(int, str, object, object)
    def _on_runner_finished(self, serial: int, query: str, hits, highlights) -> None:
        stale = self._runner is None or serial != self._runner.latest
        if stale or not query.strip() or query != self.search.text():
            return  # typing went on: a newer query's results will come
        self._shown_serial = serial
        self.model.set_results(query, hits)
        self._show_highlights(highlights)
        self._after_results()

    @Slot()
    def _on_save_search_clicked(self) -> None:
        query = self.search.text()
        if not query.strip():
            return
        if " ".join(query.split()) in saved_searches.saved(self._library.conn):
            saved_searches.forget(self._library.conn, query)
        else:
            saved_searches.save(self._library.conn, query)
        self.reload_saved()

    @Slot(int)
    def _on_saved_activated(self, index: int) -> None:
        query = self.saved.itemData(index)
        self.saved.setCurrentIndex(-1)
        if query:
            self.search.setText(query)
            self._search_now()

    @Slot(QModelIndex)
    def _on_highlight_activated(self, index: QModelIndex) -> None:
        if self.highlights_model is None or not index.isValid():
            return
        hit = self.highlights_model.hit(index.row())
        self.article_activated.emit(hit.article_id)
        self.highlight_activated.emit(hit.article_id, hit.id)

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

    def _enter_results(self, *, open_first: bool) -> None:
        """From the search box into the results (Down), or open the first (Enter): the
        articles, else the highlights and notes found."""
        if self.model.rowCount():
            first = self.model.index(0)
            self.view.setFocus()
            if open_first or not self.view.selectionModel().hasSelection():
                self.view.setCurrentIndex(first)
            if open_first:
                self._on_view_clicked(first)
        elif self.highlights_model is not None and self.highlights_model.rowCount():
            first = self.highlights_model.index(0)
            self.highlights.setFocus()
            self.highlights.setCurrentIndex(first)
            if open_first:
                self._on_highlight_activated(first)
        else:
            self.view.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                self._search_now()
                self._enter_results(open_first=key != Qt.Key.Key_Down)
                return True
            if watched is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.view.currentIndex().isValid():
                    self._on_view_clicked(self.view.currentIndex())
                return True
        return super().eventFilter(watched, event)
