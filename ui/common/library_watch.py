"""Changes made to the library by other processes (the command line, a second tool) and by
this process's other connections (import workers): noticed through PRAGMA data_version, which
changes when anyone but this connection commits. Polled once a second and when the app comes
to the front; one integer query, nothing read when nothing changed.

What it notices goes out as events.library_changed: Changes.elsewhere() (what changed is not
known here, so views read everything again), or Changes.restored() when the commit was a
restore (the whole library changed: the undo history no longer applies).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication

from storage.changes import Changes
from storage.library import Library
from ui.common.events import LibraryEvents

POLL_MS = 1000


class LibraryWatch(QObject):
    def __init__(
        self,
        *,
        library: Library,
        events: LibraryEvents,
        interval_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._events = events
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
        replaced = mark != self._restored
        self._restored = mark
        self._events.library_changed.emit(Changes.restored() if replaced else Changes.elsewhere())
        return True

    def stop(self) -> None:
        self._timer.stop()

    @Slot(object)
    def _on_application_state_changed(self, _state) -> None:
        self.poll()  # coming to the front after a command in a terminal: at once
