"""For the start-up benchmark: report the first painted frame of the article view, then quit.

Switched on by POSTIL_BENCH_FIRST_PAINT only; the benchmark measures from process start to
the line this prints, the same way it measures a bare Qt window.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "POSTIL_BENCH_FIRST_PAINT"


class _FirstPaint(QObject):
    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        sys.stdout.write("first-paint\n")
        sys.stdout.flush()
        QApplication.quit()


def watch_first_paint(target: QWidget) -> None:
    if os.environ.get(ENV):
        target.installEventFilter(_FirstPaint(target))
