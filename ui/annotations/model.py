"""An article's annotations as a list model (text order), filtered by a proxy on colour, tag
and whether the highlight is orphaned."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from storage.records import Annotation

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLOR_ROLE = Qt.ItemDataRole.UserRole + 2
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3
NOTE_ROLE = Qt.ItemDataRole.UserRole + 4
STATUS_ROLE = Qt.ItemDataRole.UserRole + 5
RECORD_ROLE = Qt.ItemDataRole.UserRole + 6
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 7

STATUS_LABELS = {
    "anchored": "",
    "moved": "moved",
    "fuzzy": "text changed",
    "orphaned": "text no longer found",
}
_Index = QModelIndex | QPersistentModelIndex
_QUOTE_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.AccessibleTextRole.value}
)
_TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value


class AnnotationListModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[Annotation] = []
        self._titles: dict[int, str] = {}

    def set_annotations(
        self, items: list[Annotation], titles: dict[int, str] | None = None
    ) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._titles = titles or {}
        self.endResetModel()

    def annotation(self, row: int) -> Annotation | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, annotation_id: int) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == annotation_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        a = self._items[index.row()]
        # role by role, no table built: a view asks for a dozen roles a row on every paint
        if role in _QUOTE_ROLES:
            return a.quote
        if role == RECORD_ROLE:
            return a
        if role == ID_ROLE:
            return a.id
        if role == COLOR_ROLE:
            return a.color
        if role == TAGS_ROLE:
            return list(a.tags)
        if role == NOTE_ROLE:
            return a.note
        if role == STATUS_ROLE:
            return a.status
        if role == ARTICLE_ROLE:
            return self._titles.get(a.article_id, "")
        if role == _TOOLTIP_ROLE:
            return f"{a.prefix[-40:]}[{a.quote}]{a.suffix[:40]}"
        return None


class AnnotationFilterModel(QSortFilterProxyModel):
    """orphans: True shows only orphans, False hides them, None shows both."""

    def __init__(self, *, orphans: bool | None, parent=None) -> None:
        super().__init__(parent)
        self._orphans = orphans
        self._color: str | None = None
        self._tag: str | None = None

    def set_color(self, color: str | None) -> None:
        self.beginFilterChange()
        self._color = color or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_tag(self, tag: str | None) -> None:
        self.beginFilterChange()
        self._tag = tag or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        status = index.data(STATUS_ROLE)
        if self._orphans is not None and (status == "orphaned") != self._orphans:
            return False
        if self._color and index.data(COLOR_ROLE) != self._color:
            return False
        return not (
            self._tag
            and self._tag.casefold() not in {t.casefold() for t in index.data(TAGS_ROLE) or []}
        )
