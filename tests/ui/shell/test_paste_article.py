"""Paste as New Article (Ctrl+Shift+V) with plain text on the clipboard, as an analyst pastes
a report copied from a mail or a document: the stored article holds every paragraph."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.core.test_import_paste import ENDINGS, PARAGRAPHS, TITLE, clipboard_text


def _paste(qtbot, window, text: str) -> str:
    """Put `text` on the clipboard (as text only), press Ctrl+Shift+V, wait for the article
    to open; returns its text as stored in the library."""
    # setText, not setMimeData: a QMimeData handed to the clipboard is deleted twice at exit
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: window.view.article is not None and window.view.article.title == TITLE,
        timeout=10000,
    )
    return window.library.articles.get(window.view.article.id).text


def test_pasting_plain_text_stores_its_paragraphs(qtbot, make_window) -> None:
    window = make_window()
    stored = _paste(qtbot, window, clipboard_text(ENDINGS[0]))
    assert stored.startswith(PARAGRAPHS[0])
    assert all(p in stored for p in PARAGRAPHS)


def test_pasting_plain_text_keeps_the_last_paragraph(qtbot, make_window) -> None:
    window = make_window()
    stored = _paste(qtbot, window, clipboard_text(ENDINGS[0]))
    assert stored.endswith(ENDINGS[0])
    assert ENDINGS[0] in window.view.toPlainText()
