"""The one way to run library work off the UI thread: the window keeps answering, progress and
the result come back on the UI thread, the changes go out once as library_changed, and an
error is said the one way (a message box), never raised into Qt."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from storage.changes import Changes
from tests.conftest import make_article
from ui.common.events import LibraryEvents
from ui.common.operations import LibraryOp


def test_work_runs_off_the_ui_thread_and_the_window_keeps_answering(
    qtbot, library_path: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    ticks: list[int] = []
    QTimer(window, interval=20, timeout=lambda: ticks.append(1)).start()
    main = threading.get_ident()
    events = LibraryEvents()
    seen_changes: list[Changes] = []
    events.library_changed.connect(seen_changes.append)
    progress: list[tuple[int, int]] = []

    def work(library, task):
        assert threading.get_ident() != main
        ids = []
        for n in range(3):
            ids.append(library.articles.add(make_article(f"Note {n}", [f"Body {n}."])).article_id)
            task.progress(n + 1, 3)
            time.sleep(0.1)
        return ids

    op = LibraryOp(
        work=work,
        library_path=library_path,
        events=events,
        changes=lambda ids: Changes.of(articles=ids),
        parent=window,
    )
    op.progressed.connect(lambda done, total, _p: progress.append((done, total)))
    with qtbot.waitSignal(op.succeeded, timeout=10000) as done:
        op.run()
    assert len(done.args[0]) == 3
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert seen_changes == [Changes.of(articles=done.args[0])]
    assert len(ticks) >= 5  # the event loop ran while the work did


def test_a_failure_is_said_once_and_changes_nothing(qtbot, library_path: Path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    events = LibraryEvents()
    seen: list[Changes] = []
    events.library_changed.connect(seen.append)

    def work(_library, _task):
        raise ValueError("the backup is damaged")

    op = LibraryOp(work=work, library_path=library_path, events=events, label="Restore")
    with qtbot.waitSignal(op.failed, timeout=10000) as failed:
        op.run()
    assert str(failed.args[0]) == "the backup is damaged"
    assert said == ["the backup is damaged"] and seen == []


def test_cancel_is_seen_by_the_work(qtbot) -> None:
    started = threading.Event()

    def work(_library, task):
        started.set()
        while not task.cancelled():
            time.sleep(0.01)
        return "stopped"

    op = LibraryOp(work=work, library_path=None, quiet=True)
    op.run()
    assert started.wait(5)
    with qtbot.waitSignal(op.succeeded, timeout=5000) as done:
        op.cancel()
    assert done.args[0] == "stopped" and op.wait(1)
