"""The one way to run library work off the UI thread (after Anki's CollectionOp and QueryOp).

    op = LibraryOp(work=import_files, library_path=path, events=window.events, parent=window)
    op.succeeded.connect(show_report)
    op.run()

`work(library, task)` runs in a worker thread on its own connection to the library (SQLite
in WAL mode lets it write beside the window's connection); `task` reports progress and says
whether the analyst cancelled. When the work returns, the Changes it made (`changes(result)`)
go out once, as `events.library_changed`, and every view refreshes itself from them; then
`succeeded(result)`. An exception goes to `failed(exc)` and, unless `quiet`, to the one
place that turns it into a sentence for the analyst (`report_failure`). A modal operation
(restore) shows a busy dialog after a moment instead of blocking the window in a nested
event loop.

Signals: progressed(int done, int total, object payload), succeeded(object result),
failed(object exception).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from storage.changes import Changes
from storage.integrity import explain_write_error
from storage.library import Library
from ui.common.events import LibraryEvents

SHOW_BUSY_AFTER_MS = 400  # quick work finishes without a dialog flashing up


class Task:
    """What the work sees of its operation: progress and cancellation, thread-safe."""

    def __init__(self, op: LibraryOp) -> None:
        self._op = op
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, payload: object = None) -> None:
        with contextlib.suppress(RuntimeError):  # the op's owner (a dialog) was closed
            self._op.progressed.emit(done, total, payload)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


Work = Callable[[Library | None, Task], Any]


class LibraryOp(QObject):
    progressed = Signal(int, int, object)
    succeeded = Signal(object)
    failed = Signal(object)
    _finished = Signal(bool, object)  # from the worker thread, queued to this object's thread

    def __init__(
        self,
        *,
        work: Work,
        library_path: Path | None,
        events: LibraryEvents | None = None,
        changes: Callable[[Any], Changes | None] | None = None,
        label: str = "",
        modal: bool = False,
        must_finish: bool = True,
        quiet: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._path = library_path
        self._events = events
        self._changes = changes
        self._label = label
        self._modal = modal
        self._must_finish = must_finish  # a write must end before the app quits
        self._quiet = quiet
        self.task = Task(self)
        self.running = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._busy = None
        self._finished.connect(self._on_finished)

    def run(self) -> LibraryOp:
        self.running = True
        if self._modal:
            self._show_busy()
        name = f"postil-op-{self._label or 'work'}"
        self._thread = threading.Thread(target=self._run, name=name, daemon=not self._must_finish)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.task.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has returned (closing the window); True if it has."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _run(self) -> None:
        try:
            if self._path is None:
                result = self._work(None, self.task)
            else:
                with Library.open(self._path) as library:
                    result = self._work(library, self.task)
        except BaseException as exc:  # handed to the UI thread, whatever it is
            outcome: tuple[bool, object] = (False, exc)
        else:
            outcome = (True, result)
        with contextlib.suppress(RuntimeError):  # closed meanwhile: nobody left to tell
            self._finished.emit(*outcome)

    @Slot(bool, object)
    def _on_finished(self, ok: bool, value: object) -> None:
        self.running = False
        if self._busy is not None:
            self._busy.reset()
            self._busy.deleteLater()
            self._busy = None
        if not ok:
            self.error = value  # type: ignore[assignment]
            self.failed.emit(value)
            if not self._quiet:
                report_failure(self.parent(), self._label, value)  # type: ignore[arg-type]
            return
        self.result = value
        changes = self._changes(value) if self._changes is not None else None
        if changes and self._events is not None:
            self._events.library_changed.emit(changes)
        self.succeeded.emit(value)

    def _show_busy(self) -> None:

        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        dialog = QProgressDialog(self._label or "Working…", None, 0, 0, parent)  # no cancel
        dialog.setWindowTitle("Postil")
        dialog.setModal(True)
        dialog.setMinimumDuration(SHOW_BUSY_AFTER_MS)
        self._busy = dialog


def report_failure(parent: QObject | None, title: str, exc: BaseException) -> None:
    """The one way a failed operation reaches the analyst: a sentence in a message box, never
    a traceback. Background work nobody asked for (the daily backup) passes quiet=True and
    says it in the status bar instead."""

    message = explain_write_error(exc) or str(exc) or type(exc).__name__
    window = parent if isinstance(parent, QWidget) else None
    QMessageBox.warning(window, title or "Postil", message)
