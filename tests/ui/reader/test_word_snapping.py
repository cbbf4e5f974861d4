"""Dragging a selection in the reader, as a person does, stores whole words (Latin, Cyrillic,
Arabic); Alt+drag keeps the exact characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from storage.library import Library
from tests.ui.conftest import article

TEXTS = {
    "latin": (
        "Shipping agents said the increase reflected a backlog of building materials and "
        "foodstuffs rather than a lasting recovery of trade.",
        ("Shipping", 2),
        ("materials", 6),
        "Shipping agents said the increase reflected a backlog of building materials",
    ),
    "cyrillic": (
        "Порт Латакии принял больше контейнеров, сообщили агенты в пятницу.",
        ("Латакии", 3),
        ("контейнеров", 4),
        "Латакии принял больше контейнеров",
    ),
    "arabic": (
        "ارتفعت حركة الحاويات عبر ميناء اللاذقية للشهر الثالث على التوالي.",
        ("حركة", 2),
        ("ميناء", 2),
        "حركة الحاويات عبر ميناء",
    ),
}


def _point(view, offset: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def _send(view, kind, point: QPoint, buttons, modifiers) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    local = QPointF(point)
    global_ = QPointF(view.viewport().mapToGlobal(point))
    event = QMouseEvent(kind, local, global_, button, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), event)


def drag(view, start: int, end: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press, move in steps and release over the viewport, as a hand does."""
    a, b = _point(view, start), _point(view, end)
    left = Qt.MouseButton.LeftButton
    _send(view, QEvent.Type.MouseButtonPress, a, left, modifiers)
    for step in range(1, 6):
        _send(view, QEvent.Type.MouseMove, a + (b - a) * step / 5, left, modifiers)
    _send(view, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton, modifiers)


def _drag_and_highlight(qtbot, make_window, library_path: Path, script: str, modifiers):
    """Import the script's sentence, drag across it from mid-word to mid-word with these
    modifiers, press Ctrl+H; (text, where the drag started and ended, what was stored)."""
    text, (first, into_first), (last, into_last), _expected = TEXTS[script]
    direction = "rtl" if script == "arabic" else "ltr"
    with Library.open(library_path) as library:
        article_id = library.articles.add(
            article(f"A {script} article", [text], direction=direction)
        ).article_id
    window = make_window()
    window.open_article(article_id)
    view = window.view
    body = view.article.text
    start = body.index(first) + into_first
    end = body.index(last) + into_last
    drag(view, start, end, modifiers)
    chosen = view.selection_range()
    assert chosen is not None
    shown = body[chosen[0] : chosen[1]]
    qtbot.keyClick(view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    [stored] = window.library.annotations.for_article(article_id)
    return body[start:end], shown, stored.quote


@pytest.mark.parametrize("script", sorted(TEXTS))
def test_a_mid_word_drag_stores_whole_words(qtbot, make_window, library_path: Path, script):
    expected = TEXTS[script][3]
    _dragged, shown, stored = _drag_and_highlight(
        qtbot, make_window, library_path, script, Qt.KeyboardModifier.NoModifier
    )
    assert shown == expected  # the analyst sees whole words selected
    assert stored == expected  # and that is what is stored


def test_alt_drag_keeps_the_exact_characters(qtbot, make_window, library_path: Path):
    dragged, shown, stored = _drag_and_highlight(
        qtbot, make_window, library_path, "latin", Qt.KeyboardModifier.AltModifier
    )
    assert shown == stored == dragged
    assert stored.startswith("ipping") and stored.endswith("materi")
