"""The library as a list model: it holds article ids only and fetches rows a page at a time,
so 100,000 articles cost one id query, not 100,000 rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex

from storage.articles import AFTER_TRIED
from storage.library import Library
from storage.records import ArticleSummary
from ui.first_frame import ACCESSIBLE_TEXT_ROLE, DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE
from ui.library.dates import display_date

ID_ROLE = USER_ROLE + 1
SITE_ROLE = USER_ROLE + 2
DATE_ROLE = USER_ROLE + 3
ANNOTATIONS_ROLE = USER_ROLE + 4
SNIPPET_ROLE = USER_ROLE + 5
STATE_ROLE = USER_ROLE + 6  # "unread", "reading 40%", "done"
ROW_ROLE = USER_ROLE + 7  # the ArticleSummary: all a row shows but its snippet, in one

# The reading-state filter: a label, and the states it shows (None: every article).
STATE_FILTERS = (
    ("All articles", None),
    ("Inbox (not done)", ("unread", "reading")),
    ("Unread", ("unread",)),
    ("Reading", ("reading",)),
    ("Done", ("done",)),
)

PAGE = 50  # rows fetched together for display (a screen or two)
SEARCH_HITS = 1000  # hits of a search listed
SNIPPET_PAGE = 20  # rows whose snippets are made together
ID_PAGE = 2000  # ids fetched together as the view scrolls (Qt's fetchMore)
# ids of the list as it opens: a few screens. A 100,000-article library started by reading
# (and the table's hidden row header by sizing) 2,000 rows; the rest come as it scrolls.
FIRST_IDS = 100
# rows kept fetched: scrolled through 100,000 articles, every row kept made Python's
# collector walk them all, a 160 ms stall each time it ran
ROWS_KEPT = 40 * PAGE
_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractListModel):
    """Rows are articles in the chosen order, or the hits of a full-text search."""

    def __init__(self, *, library: Library, parent=None) -> None:
        super().__init__(parent)
        self._library = library
        self._ids: list[int] = []
        self._rows: dict[int, ArticleSummary] = {}
        self._snippets: dict[int, str] = {}
        self._sort = "captured"
        self._tag: str | None = None
        self._states: tuple[str, ...] | None = None
        self._query = ""
        self._more = False
        self.reload()

    # -- what to show ----------------------------------------------------------------------

    def set_sort(self, sort: str) -> None:
        self._sort = sort
        self.reload()

    def set_tag(self, tag: str | None) -> None:
        self._tag = tag or None
        self.reload()

    def set_states(self, states: tuple[str, ...] | None) -> None:
        self._states = states
        self.reload()

    def set_query(self, query: str) -> None:
        """Search now, on this thread (the pane searches as you type off it: set_results)."""
        self._query = query.strip()
        self.reload()

    def set_results(self, query: str, hits: list) -> None:
        """The hits of a search run elsewhere (ui.library.search_runner) for `query`."""
        self._query = query.strip()
        self.beginResetModel()
        self._rows.clear()
        self._show_hits(hits)
        self.endResetModel()

    def _show_hits(self, hits: list) -> None:
        ids = [h.id for h in hits]
        self._snippets = {h.id: h.snippet for h in hits if h.snippet}
        if self._tag or self._states:
            allowed = set(self._library.articles.ids(tag=self._tag, states=self._states))
            ids = [i for i in ids if i in allowed]
        self._ids = ids
        self._more = False

    @property
    def searching(self) -> bool:
        return bool(self._query)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._snippets.clear()
        if self._query:
            hits = self._library.search.articles(self._query, limit=SEARCH_HITS, snippets=False)
            self._show_hits(hits)
        else:
            first = min(FIRST_IDS, ID_PAGE)
            ids = self._page(0, first)
            self._more = len(ids) == first
            self._ids = ids
        self.endResetModel()

    def _page(self, offset: int, limit: int) -> list[int]:
        """The next `limit` ids: sought from the last one held where the order allows."""
        descending = self._sort in ("captured", "published")
        return self._library.articles.ids(
            self._sort,
            descending=descending,
            tag=self._tag,
            states=self._states,
            limit=limit,
            offset=offset,
            after=self._ids[max(0, offset - AFTER_TRIED) : offset],
        )

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        ids = self._page(len(self._ids), ID_PAGE)
        self._more = len(ids) == ID_PAGE
        if ids:
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(ids) - 1)
            self._ids.extend(ids)
            self.endInsertRows()

    def refresh_article(self, article_id: int) -> None:
        """A row's data changed (an annotation count, say): refetch that row only."""
        self._rows.pop(article_id, None)
        row = self.row_of(article_id, fetch=False)
        if row is None:
            return
        index = self.index(row)
        self.dataChanged.emit(index, index)

    # -- lookups ---------------------------------------------------------------------------

    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int, *, fetch: bool = True) -> int | None:
        """The row of an article, fetching further pages when it is not loaded yet."""
        while True:
            try:
                return self._ids.index(article_id)
            except ValueError:
                if not (fetch and self.canFetchMore()):
                    return None
                self.fetchMore()

    def _snippet(self, row: int) -> str:
        """Snippets are made for the rows shown, a page at a time."""
        article_id = self._ids[row]
        snippet = self._snippets.get(article_id)
        if snippet is None:
            page_start = row - row % SNIPPET_PAGE
            page = [
                i
                for i in self._ids[page_start : page_start + SNIPPET_PAGE]
                if i not in self._snippets
            ]
            self._snippets.update(self._library.search.snippets(self._query, page))
            snippet = self._snippets.setdefault(article_id, "")
        return snippet

    def _summary(self, row: int) -> ArticleSummary | None:
        article_id = self._ids[row]
        summary = self._rows.get(article_id)
        if summary is None:
            page_start = row - row % PAGE
            page = self._ids[page_start : page_start + PAGE]
            over = len(self._rows) + len(page) - ROWS_KEPT
            if over > 0:  # the rows fetched first go: scrolled past
                for old in list(self._rows)[: max(over, ROWS_KEPT // 4)]:
                    del self._rows[old]
            self._rows.update(self._library.articles.summaries(page))
            summary = self._rows.get(article_id)
        return summary

    # -- the model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            DISPLAY_ROLE,
            TOOLTIP_ROLE,
            SITE_ROLE,
            DATE_ROLE,
            ANNOTATIONS_ROLE,
            SNIPPET_ROLE,
            STATE_ROLE,
            ACCESSIBLE_TEXT_ROLE,
            ROW_ROLE,
        ):
            return None
        summary = self._summary(index.row())
        if summary is None or role == ROW_ROLE:
            return summary
        if role in (DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE):
            return summary.title
        if role == TOOLTIP_ROLE:
            return summary.title
        if role == SITE_ROLE:
            return summary.site or ""
        if role == DATE_ROLE:
            return display_date(summary.published or summary.captured)
        if role == ANNOTATIONS_ROLE:
            return summary.annotations
        if role == SNIPPET_ROLE:
            return self._snippet(index.row())
        if role == STATE_ROLE:
            return state_label(summary.status, summary.progress)
        return None


def state_label(status: str, progress: int) -> str:
    """What a row says of its reading state: new articles stand out, finished ones rest."""
    if status == "done":
        return "done"
    if status == "reading":
        return f"{progress}% read" if progress else "opened"
    return "unread"
