"""The first painted frame of the article view: what can wait until after it waits
(after_first_paint), and the start-up benchmark's probe (POSTIL_BENCH_FIRST_PAINT: print a
line and quit; the benchmark measures from process start to that line, as it does for a
bare Qt window; with POSTIL_BENCH_EXIT_AT_PAINT the process ends there, for a count of
the instructions that made the frame)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "POSTIL_BENCH_FIRST_PAINT"
EXIT_ENV = "POSTIL_BENCH_EXIT_AT_PAINT"


class _FirstPaint(QObject):
    def __init__(self, target: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(target)
        self._callback = callback
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._callback)
            watched.removeEventFilter(self)  # the target's later events stay out of Python
            self.deleteLater()
        return False


def after_first_paint(target: QWidget, callback: Callable[[], None]) -> None:
    target.installEventFilter(_FirstPaint(target, callback))


def _report() -> None:
    sys.stdout.write("first-paint\n")
    sys.stdout.flush()
    if os.environ.get(EXIT_ENV):  # counting instructions: up to the frame, not the way out
        os._exit(0)
    QApplication.quit()


def watch_first_paint(target: QWidget) -> None:
    if os.environ.get(ENV):
        after_first_paint(target, _report)
