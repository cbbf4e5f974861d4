"""Work the analyst waits for runs in a thread; the window keeps painting meanwhile."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ui.common.busy import run_busy


def test_the_result_comes_back_and_the_window_keeps_answering(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    ticks: list[int] = []
    timer = QTimer(window, interval=20, timeout=lambda: ticks.append(1))
    timer.start()
    main = threading.get_ident()

    def work() -> int:
        assert threading.get_ident() != main  # off the UI thread
        time.sleep(0.3)
        return 42

    assert run_busy(window, "Working…", work) == 42
    assert len(ticks) >= 5  # events were processed while it ran


def test_the_work_raises_in_the_caller(qtbot) -> None:
    def work() -> None:
        raise ValueError("the backup is damaged")

    with pytest.raises(ValueError, match="damaged"):
        run_busy(None, "Checking…", work)
