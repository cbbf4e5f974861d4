"""Compressing an older library's originals and giving the space back, beside the open
window (storage.compaction does the work; this runs it off the UI thread).

It starts after the first frame and the daily backup, on its own connection: each batch is
a transaction of a few milliseconds, so the window's own writes (and another process's)
never wait long, and a quit or a kill at any moment loses nothing. A one-time VACUUM of a
library larger than compaction.WINDOW_VACUUM_LIMIT is left to `postil compact`: writers
would wait for the whole rewrite.

Signals: finished(object) with the compaction.Report (or the exception, if it failed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from storage import compaction
from ui.common.operations import LibraryOp

STOP_GRACE_SECONDS = 2.0  # on quit: the batch in progress may finish (a kill is safe too)


def compact_in_background(library, task) -> compaction.Report:
    """The work: both phases, stopping between batches when cancelled."""
    return compaction.compact(
        library.conn,
        vacuum_limit=compaction.WINDOW_VACUUM_LIMIT,
        progress=task.progress,
        cancelled=task.cancelled,
    )


class BackgroundCompaction(QObject):
    finished = Signal(object)

    def __init__(self, *, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._op = LibraryOp(
            work=compact_in_background,
            library_path=library_path,  # its own connection: the window's stays free
            label="Compressing the library",
            must_finish=False,  # cancelled on quit; a batch cut short is rolled back
            quiet=True,  # nobody asked for it: no dialog, a status line at most
            parent=self,
        )
        self._op.succeeded.connect(self.finished.emit)
        self._op.failed.connect(self.finished.emit)

    @property
    def running(self) -> bool:
        return self._op.running

    def start(self) -> None:
        self._op.run()

    def wait(self, timeout: float | None = None) -> bool:
        """Stop between batches and wait for the batch in progress (quitting); True once
        the work has returned."""
        self._op.cancel()
        grace = STOP_GRACE_SECONDS if timeout is None else max(timeout, STOP_GRACE_SECONDS)
        return self._op.wait(grace)


def status_message(report: object) -> str:
    """One status-bar line for what the background run did ('' when it did nothing)."""
    if not isinstance(report, compaction.Report):
        return f"The library could not be compressed: {report}"
    mb = 1024 * 1024
    # a row packed is an article or an old version, its original and content (compaction)
    rows = report.packed
    what = "1 article or version" if rows == 1 else f"{rows:,} articles and versions"
    if report.state == "vacuum deferred" and rows:  # said once, when it happens
        return (
            f"Compressed {what} ({report.saved / mb:.0f} MB); run "
            "'postil compact' to shrink the library file"
        )
    if rows or report.reclaimed >= mb:
        return f"Compressed {what}; the library is {report.reclaimed / mb:.0f} MB smaller"
    return ""
