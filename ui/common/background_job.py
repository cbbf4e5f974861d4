"""Work beside the window in a plain thread (the library check, the daily backup): start it,
wait for it on the way out; results come back through the subclass's queued signals."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject


class BackgroundJob(QObject):
    thread_name = "postil-job"
    daemon = False  # a backup must finish; a read-only check may be abandoned

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=self.daemon)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        raise NotImplementedError
