"""Batch imports off the UI thread: a worker with its own library connection, reporting each
file as it is done, cancellable between files."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from storage.importing import ImportReport, import_into
from storage.library import Library


class ImportWorker(QObject):
    """Signals: counted(int) with how many files the paths hold (folders walked here, off the
    UI thread); file_done(object) with an ImportReport; finished(list) with all of them."""

    counted = Signal(int)
    file_done = Signal(object)
    finished = Signal(list)

    def __init__(self, *, library_path: Path, paths: list[Path]) -> None:
        super().__init__()
        self._library_path = library_path
        self._paths = paths
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        from core.importers.batch import importable_files

        reports: list[ImportReport] = []
        try:
            files = importable_files(self._paths)
            self.counted.emit(len(files))
            with Library.open(self._library_path) as library:
                for report in import_into(library, files, cancelled=self._cancel.is_set):
                    reports.append(report)
                    self.file_done.emit(report)
        except Exception as exc:  # a library that cannot be opened still ends the batch
            reports.append(ImportReport(self._library_path, None, exc))
            self.file_done.emit(reports[-1])
        self.finished.emit(reports)


class ImportRunner(QObject):
    """Owns the thread. Signals: counted(int) total files, progress(int done, object report),
    finished(list reports)."""

    counted = Signal(int)
    progress = Signal(int, object)
    finished = Signal(list)

    def __init__(self, *, library_path: Path, paths: list[Path], parent=None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = ImportWorker(library_path=library_path, paths=paths)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.counted.connect(self.counted)
        self._worker.file_done.connect(self._on_worker_file_done)
        # The thread ends itself when the worker is done (QThread.quit is thread-safe), so a
        # UI thread blocked in wait() -- closing the window mid-import -- is not deadlocked.
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.finished.connect(self._on_worker_finished)
        self._thread.finished.connect(self._worker.deleteLater)
        self._done = 0

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._worker.cancel()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    @Slot(object)
    def _on_worker_file_done(self, report: ImportReport) -> None:
        self._done += 1
        self.progress.emit(self._done, report)

    @Slot(list)
    def _on_worker_finished(self, reports: list) -> None:
        self._thread.wait()
        self.finished.emit(reports)
