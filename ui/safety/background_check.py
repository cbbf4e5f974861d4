"""The full check of the library (PRAGMA quick_check reads every page) runs beside the open
window instead of before it: on a large library it would cost seconds at every start.

Signals: damaged(str) with SQLite's complaint when the check fails.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from storage import damage_note
from storage.integrity import quick_check
from ui.common.operations import LibraryOp


def check_file(path: Path) -> str:
    """'ok', or what is wrong; damage found is remembered for the command line."""
    try:
        verdict = quick_check(path)
    except sqlite3.Error as exc:
        verdict = str(exc)
    if verdict != "ok":
        damage_note.record(path, verdict)  # the command line says it from now on
    return verdict


class BackgroundCheck(QObject):
    damaged = Signal(str)

    def __init__(self, *, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._op = LibraryOp(
            work=lambda _library, _task: check_file(library_path),
            library_path=None,  # quick_check opens the file read-only itself
            label="Checking the library",
            must_finish=False,  # read-only: may be abandoned when the app quits
            quiet=True,
            parent=self,
        )
        self._op.succeeded.connect(lambda verdict: verdict != "ok" and self.damaged.emit(verdict))

    def start(self) -> None:
        self._op.run()

    def wait(self, timeout: float | None = None) -> bool:
        return self._op.wait(timeout)
