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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return a.quote
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{a.prefix[-40:]}[{a.quote}]{a.suffix[:40]}"
        return {
            ID_ROLE: a.id,
            COLOR_ROLE: a.color,
            TAGS_ROLE: list(a.tags),
            NOTE_ROLE: a.note,
            STATUS_ROLE: a.status,
            RECORD_ROLE: a,
            ARTICLE_ROLE: self._titles.get(a.article_id, ""),
        }.get(role)


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
