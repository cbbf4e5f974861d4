"""Changes made to the library by other processes (the command line, a second tool) and by
this process's other connections (import workers): noticed through PRAGMA data_version, which
changes when anyone but this connection commits. Polled once a second and when the app comes
to the front; one integer query, nothing read when nothing changed.

Signals: changed() after someone else committed; replaced() when that commit was a restore
(the whole library changed: undo history no longer applies).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from storage.library import Library

POLL_MS = 1000


class LibraryWatch(QObject):
    changed = Signal()
    replaced = Signal()

    def __init__(
        self, *, library: Library, interval_ms: int = POLL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._version = self._data_version()
        self._restored = self._restore_mark()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_application_state_changed)

    def _data_version(self) -> int | None:
        try:
            return self._library.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:  # a damaged or vanished file: the window says so elsewhere
            return None

    def _restore_mark(self) -> str | None:
        try:
            row = self._library.conn.execute(
                "SELECT value FROM meta WHERE key = 'restored'"
            ).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def acknowledge(self) -> None:
        """This window made the change itself (its own restore): nothing to tell."""
        self._version = self._data_version()
        self._restored = self._restore_mark()

    @Slot()
    def poll(self) -> bool:
        """Compare and tell; True when something changed."""
        version = self._data_version()
        if version is None or version == self._version:
            return False
        self._version = version
        mark = self._restore_mark()
        if mark != self._restored:
            self._restored = mark
            self.replaced.emit()
        else:
            self.changed.emit()
        return True

    def stop(self) -> None:
        self._timer.stop()

    @Slot(object)
    def _on_application_state_changed(self, _state) -> None:
        self.poll()  # coming to the front after a command in a terminal: at once
