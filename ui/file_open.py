"""macOS hands a double-clicked document to the running app as a QFileOpenEvent, not as a
command-line argument: catch those and import the files, holding them until the window is
there to take them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenForwarder(QObject):
    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[Path] = []
        self._deliver: Callable[[list[Path]], None] | None = None

    def deliver_to(self, deliver: Callable[[list[Path]], None]) -> None:
        self._deliver = deliver
        if self._pending:
            pending, self._pending = self._pending, []
            deliver(pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                if self._deliver is None:
                    self._pending.append(Path(path))
                else:
                    self._deliver([Path(path)])
                return True
        return super().eventFilter(watched, event)
