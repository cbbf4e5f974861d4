"""Every option declared once with its type and default, stored in QSettings.

One `changed(name)` signal lets each widget react only to what concerns it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal


class Option(NamedTuple):  # a named tuple: cheap to define before the first frame
    type: type
    default: Any


FONT_SIZES = (9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 36)
DEFAULT_FONT_SIZE = 14

OPTIONS: dict[str, Option] = {
    "reader/font_size": Option(int, 0),  # 0: the default size; else the analyst's choice
    "reader/font_family": Option(str, "serif"),  # serif | sans
    "theme/name": Option(str, "light"),  # light | sepia | night
    "theme/follow_system": Option(bool, False),
    "window/geometry": Option(bytes, b""),
    "window/state": Option(bytes, b""),
    "window/splitter": Option(bytes, b""),
    "library/sort": Option(str, "captured"),
}


class Settings(QObject):
    """Signals: changed(str) with the option's name after a value changes."""

    changed = Signal(str)

    def __init__(self, *, store: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def get(self, name: str) -> Any:
        option = OPTIONS[name]
        value = self._store.value(name, option.default)
        if value is None:
            return option.default
        try:
            if option.type is bool:
                return value if isinstance(value, bool) else str(value).lower() == "true"
            if option.type is bytes:
                if isinstance(value, QByteArray):
                    return value.data()
                return bytes(value) if value else b""
            return option.type(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, name: str, value: Any) -> None:
        OPTIONS[name]
        if self.get(name) == value:
            return
        # Bytes are stored as QByteArray: as Python bytes PySide would pickle them, and the
        # settings file would then need pickle (and Python) to read.
        stored = QByteArray(value) if OPTIONS[name].type is bytes else value
        self._store.setValue(name, stored)
        self.changed.emit(name)

    def sync(self) -> None:
        self._store.sync()

    def font_size(self) -> int:
        return self.get("reader/font_size") or DEFAULT_FONT_SIZE
