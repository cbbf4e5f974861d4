"""Work that the analyst must wait for but that must not freeze the window: it runs in a
thread while a modal progress dialog (no cancel button: the work is not interruptible) keeps
the window painted, and its result or its exception comes back to the caller."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
SHOW_AFTER_MS = 400  # quick work finishes without a dialog flashing up


class _Done(QObject):
    """Signals: finished() from the worker thread, delivered in the window's thread."""

    finished = Signal()


def run_busy(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """Run work off the UI thread and wait for it here, the window still painting."""
    outcome: dict[str, object] = {}
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit)

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller, whatever it is
            outcome["error"] = exc
        finally:
            done.finished.emit()

    dialog = QProgressDialog(label, None, 0, 0, parent)  # a busy bar, no cancel
    dialog.setWindowTitle("Postil")
    dialog.setModal(True)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    thread = threading.Thread(target=target, name="postil-busy")
    thread.start()
    loop.exec()  # returns when the worker has finished (its signal is queued to this thread)
    thread.join()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
