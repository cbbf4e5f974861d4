"""File ▸ Import Highlights… driven as a person would: the File menu opened and the item
clicked, the file dialog answering with the exports, the report read and closed; then the
database holds the highlights and the open article paints them. And File ▸ Import… takes a
Word memo and an EPUB."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from storage.library import Library
from tests.core.test_highlight_imports_samples import article, write_samples
from tests.core.test_import_docx import memo
from tests.core.test_import_epub import book


@pytest.fixture
def stored_article(library_path: Path) -> int:
    with Library.open(library_path) as library:
        return library.articles.add(article()).article_id


def _answer_files(monkeypatch, paths: list[Path]) -> list[tuple[str, str]]:
    """QFileDialog.getOpenFileNames answers `paths`; returns (title, filter) it was asked."""
    asked: list[tuple[str, str]] = []

    def answer(_parent, title, _folder="", file_filter="", *_rest, **_options):
        asked.append((title, file_filter))
        return [str(p) for p in paths], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", answer)
    return asked


def _click_file_menu_item(qtbot, window, name: str) -> None:
    """Open File and click the item, as a person would."""
    menu = window.menus["File"]
    menu.popup(window.mapToGlobal(QPoint(10, 10)))
    qtbot.waitUntil(menu.isVisible)
    action = window.actions[name]
    assert action in menu.actions() and action.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def _painted(window) -> list[str]:
    texts = []
    for start, end, _id, _colour in window.view.highlight_ranges():
        cursor = QTextCursor(window.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        texts.append(cursor.selectedText())
    return texts


def test_import_highlights_from_the_file_menu(
    qtbot, make_window, stored_article: int, library_path: Path, tmp_path: Path, monkeypatch
) -> None:
    files = write_samples(tmp_path / "exports")
    window = make_window()
    window.open_article(stored_article)
    assert _painted(window) == []
    asked = _answer_files(monkeypatch, [files["hypothesis"], files["omnivore"]])

    _click_file_menu_item(qtbot, window, "importHighlights")
    qtbot.waitUntil(lambda: window._highlight_dialog is None, timeout=60000)

    assert asked and asked[0][0] == "Import highlights" and "*.csv" in asked[0][1]
    from ui.importing.highlights import HighlightImportDialog

    dialog = window.findChild(HighlightImportDialog, "highlightImportDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.label.text().startswith(
        "5 highlights attached, 1 orphaned, 1 not in the library, 1 refused."
    )
    lines = dialog.details.toPlainText().splitlines()
    assert lines[0] == (
        "hypothesis.json (Hypothesis): 2 highlights attached, 1 orphaned, 1 not in the library, "
        "1 refused"
    )
    assert "    Refused: annotation hyp5: a page note, with no quoted passage" in lines
    assert any(line.startswith("omnivore.zip (Omnivore): 3 highlights attached") for line in lines)
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # The open article repainted its new highlights; the list has the Omnivore article.
    qtbot.waitUntil(lambda: len(_painted(window)) == 3)
    assert sorted(_painted(window)) == [
        "a backlog of building materials",
        "rose for a third consecutive month",
        "the port authority",
    ]
    titles = [
        window.library_pane.model.data(window.library_pane.model.index(row))
        for row in range(window.library_pane.model.rowCount())
    ]
    assert any("Grain prices in Tartus" in str(t) for t in titles)
    with sqlite3.connect(library_path) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (6,)
        assert conn.execute(
            "SELECT count(*) FROM annotations WHERE status = 'orphaned'"
        ).fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (2,)


def test_a_refused_export_is_one_line_of_the_report(
    qtbot, make_window, stored_article: int, library_path: Path, tmp_path: Path, monkeypatch
) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    window = make_window()
    _answer_files(monkeypatch, [bad])
    _click_file_menu_item(qtbot, window, "importHighlights")
    qtbot.waitUntil(lambda: window._highlight_dialog is None, timeout=60000)
    from ui.importing.highlights import HighlightImportDialog

    dialog = window.findChild(HighlightImportDialog, "highlightImportDialog")
    assert dialog.label.text() == "0 highlights attached. 1 file refused."
    assert dialog.details.toPlainText() == (
        "notes.csv: refused: not a Readwise export (the CSV has no Highlight and Book Title "
        "columns)"
    )
    dialog.accept()
    with sqlite3.connect(library_path) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (0,)


def test_a_word_memo_and_an_epub_import_from_the_file_menu(
    qtbot, make_window, library_path: Path, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "memo.docx").write_bytes(memo())
    (tmp_path / "coast.epub").write_bytes(book())
    window = make_window()
    asked = _answer_files(monkeypatch, [tmp_path / "memo.docx", tmp_path / "coast.epub"])

    _click_file_menu_item(qtbot, window, "import")
    dialog = window._import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: window._import_dialog is None, timeout=60000)

    assert "*.docx" in asked[0][1] and "*.epub" in asked[0][1]
    assert dialog.label.text().startswith("2 imported")
    report = dialog.details.toPlainText()
    assert "Imported: memo.docx (“Latakia port memo”)" in report
    assert "Imported: coast.epub (“The Coast Road”)" in report
    dialog.accept()
    assert window.current_article_id() is not None
    assert window.view.article.title in ("Latakia port memo", "The Coast Road")
    with sqlite3.connect(library_path) as conn:
        kinds = sorted(r[0] for r in conn.execute("SELECT source_kind FROM articles"))
    assert kinds == ["docx", "epub"]


def test_the_report_reads_whole_in_words_that_agree(
    qtbot, make_window, stored_article: int, tmp_path: Path, monkeypatch
) -> None:
    """The finished report is titled for what it is, drops the spent progress bar and shows
    its lines whole (it was 168 pixels high, three and a half lines, the last one cut); its
    headline counts the refused annotation the file's line names, in the same words."""
    files = write_samples(tmp_path / "exports")
    window = make_window()
    _answer_files(monkeypatch, [files["hypothesis"]])
    _click_file_menu_item(qtbot, window, "importHighlights")
    qtbot.waitUntil(lambda: window._highlight_dialog is None, timeout=60000)
    from ui.importing.highlights import REPORT_LINES, HighlightImportDialog

    dialog = window.findChild(HighlightImportDialog, "highlightImportDialog")
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Import Highlights"
    assert not dialog.bar.isVisible()
    details = dialog.details
    assert details.viewport().height() >= REPORT_LINES * details.fontMetrics().lineSpacing()
    assert details.verticalScrollBar().maximum() == 0  # every line in view, the last whole
    last = details.document().lastBlock()
    bottom = details.blockBoundingGeometry(last).translated(details.contentOffset()).bottom()
    assert bottom <= details.viewport().height()

    headline = dialog.label.text()
    assert headline.startswith(
        "2 highlights attached, 1 orphaned, 1 not in the library, 1 refused."
    )
    lines = details.toPlainText().splitlines()
    assert lines[0] == (
        "hypothesis.json (Hypothesis): 2 highlights attached, 1 orphaned, 1 not in the library, "
        "1 refused"
    )
    assert any(line.startswith("    Not in the library: ") for line in lines)
    assert "(s)" not in headline + "".join(lines) and "skipped" not in headline + "".join(lines)
    dialog.accept()
