"""Triage: Unread, Reading and Done on each article, its progress, and the filters."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.library.model import STATE_ROLE


def _row_state(window, article_id: int) -> str:
    model = window.library_pane.model
    return model.index(model.row_of(article_id)).data(STATE_ROLE)


def _choose_filter(window, label: str) -> None:
    combo = window.library_pane.state
    combo.setCurrentIndex(combo.findText(label))


def test_reading_marks_triage_and_filters(qtbot, make_window, seeded):
    window = make_window(size=(1300, 500))
    assert _row_state(window, seeded["bridge"]) == "unread"
    window.open_article(seeded["port"])
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    window.open_article(seeded["bridge"])  # leaving the port article remembers how far
    status, progress = window.library.articles.status(seeded["port"])
    assert status == "reading" and 30 <= progress <= 90
    assert _row_state(window, seeded["port"]) == f"{progress}% read"

    window.library_pane.select(seeded["port"])
    window.library_pane.view.setFocus()
    qtbot.keyClick(
        window.library_pane.view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert window.library.articles.status(seeded["port"]) == ("done", 100)
    assert _row_state(window, seeded["port"]) == "done"

    _choose_filter(window, "Inbox (not done)")
    model = window.library_pane.model
    assert [model.article_id(r) for r in range(model.rowCount())] == [seeded["bridge"]]
    _choose_filter(window, "Done")
    assert [model.article_id(r) for r in range(model.rowCount())] == [seeded["port"]]
    window.library_pane.select(seeded["port"])
    window.library_pane.view.setFocus()
    qtbot.keyClick(
        window.library_pane.view,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert window.library.articles.status(seeded["port"])[0] == "unread"
    assert model.rowCount() == 0 and window.library_pane.empty.isVisible()
    assert "Done" in window.library_pane.empty.text()
    _choose_filter(window, "Unread")
    unread = {model.article_id(r) for r in range(model.rowCount())}
    assert seeded["port"] in unread  # back in the inbox, as new
