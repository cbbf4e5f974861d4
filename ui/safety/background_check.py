"""The full check of the library (PRAGMA quick_check reads every page) runs beside the open
window instead of before it: on a large library it would cost seconds at every start.

Signals: damaged(str) with SQLite's complaint when the check fails.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ui.common.background_job import BackgroundJob


class BackgroundCheck(BackgroundJob):
    damaged = Signal(str)
    thread_name = "library-check"
    daemon = True

    def __init__(self, *, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = library_path

    def _run(self) -> None:
        import sqlite3

        from storage.integrity import quick_check

        try:
            verdict = quick_check(self._path)
        except sqlite3.Error as exc:
            verdict = str(exc)
        if verdict != "ok":
            from storage import damage_note

            damage_note.record(self._path, verdict)  # the command line says it from now on
            self.damaged.emit(verdict)
