"""The full check of the library (PRAGMA quick_check reads every page) runs beside the open
window instead of before it: on a large library it would cost seconds at every start.

Signals: damaged(str) with SQLite's complaint when the check fails.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class BackgroundCheck(QObject):
    damaged = Signal(str)

    def __init__(self, *, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = library_path
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="library-check", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        import sqlite3

        from storage.integrity import quick_check

        try:
            verdict = quick_check(self._path)
        except sqlite3.Error as exc:
            verdict = str(exc)
        if verdict != "ok":
            self.damaged.emit(verdict)
