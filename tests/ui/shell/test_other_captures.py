"""Another capture of an article in the window: Replace with Another Capture… (File menu and
the library list's context menu), its import report, and a near-duplicate imported by the
command line while the window shows the article."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QMenu

from core.importers.dispatch import import_path
from storage import highlighting
from storage.library import Library
from tests.captures import HIGHLIGHT, OTHER_TITLE, TITLE, write_captures, write_other
from tests.cli.test_cli import postil


@pytest.fixture
def captures(tmp_path: Path) -> tuple[Path, Path]:
    return write_captures(tmp_path / "captures")


@pytest.fixture
def highlighted_browser_copy(library_path: Path, captures) -> tuple[int, int]:
    """The browser copy in the library with one highlight: (article id, highlight id)."""
    with Library.open(library_path) as library:
        article_id = library.articles.add(import_path(captures[0])).article_id
        return article_id, highlighting.annotate_quote(library, article_id, HIGHLIGHT)


def _choose_file(monkeypatch, path: Path) -> list[str]:
    """The file dialog answers `path`; returns the titles it was opened with."""
    titles: list[str] = []

    def answer(_parent, title, *_rest, **_options):
        titles.append(title)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    return titles


def _painted(window) -> list[str]:
    """The passages the reader paints as highlights."""
    texts = []
    for start, end, _id, _colour in window.view.highlight_ranges():
        cursor = QTextCursor(window.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        texts.append(cursor.selectedText())
    return texts


def _finished_report(qtbot, window) -> str:
    dialog = window._import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: window._import_dialog is None, timeout=60000)
    report = dialog.details.toPlainText()
    dialog.accept()
    return f"{dialog.label.text()}\n{report}"


def test_replace_with_another_capture_makes_the_saved_page_current(
    qtbot, make_window, highlighted_browser_copy, captures, library_path: Path, monkeypatch
) -> None:
    article_id, highlight = highlighted_browser_copy
    window = make_window()
    window.open_article(article_id)
    assert _painted(window) == [HIGHLIGHT]
    titles = _choose_file(monkeypatch, captures[1])

    window.actions["replaceCapture"].trigger()
    report = _finished_report(qtbot, window)

    assert titles == [f"Replace “{TITLE}” with another capture"]
    assert f"New version of “{TITLE}” (1 highlight moved): {captures[1].name}" in report
    assert window.view.article.version == 2
    assert "Update, 16 March" in window.view.article.text
    assert window.current_article_id() == article_id
    assert _painted(window) == [HIGHLIGHT]
    with sqlite3.connect(library_path) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        assert conn.execute("SELECT source_kind, version FROM articles").fetchone() == ("html", 2)
        stored = conn.execute(
            'SELECT a.text, n.start, n."end", n.version FROM annotations n '
            "JOIN articles a ON a.id = n.article_id WHERE n.id = ?",
            [highlight],
        ).fetchone()
    assert stored[0][stored[1] : stored[2]] == HIGHLIGHT and stored[3] == 2


def test_the_list_offers_it_for_the_article_right_clicked(
    qtbot, make_window, seeded, tmp_path: Path, monkeypatch
) -> None:
    window = make_window()
    window.open_article(seeded["port"])
    view = window.library_pane.view
    row = window.library_pane.model.row_of(seeded["bridge"])
    point = view.visualRect(window.library_pane.model.index(row)).center()
    view.customContextMenuRequested.emit(point)

    menu = window.findChild(QMenu, "articleMenu")
    qtbot.waitUntil(menu.isVisible)
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == ["markDone", "markUnread", "replaceCapture", "deleteArticle"]
    assert window.actions["replaceCapture"].isEnabled()
    assert window.library_pane.current_id() == seeded["bridge"]
    menu.close()
    note = write_other(tmp_path)
    _choose_file(monkeypatch, note)
    window.actions["replaceCapture"].trigger()
    report = _finished_report(qtbot, window)

    assert f"New version of “{OTHER_TITLE}”: {note.name}" in report  # its title now
    assert window.library.articles.version(seeded["bridge"]) == 2
    assert window.library.articles.version(seeded["port"]) == 1
    assert window.current_article_id() == seeded["port"]  # the reader stays where it was


def test_the_import_report_says_a_capture_became_a_version(
    qtbot, make_window, highlighted_browser_copy, captures
) -> None:
    article_id, _highlight = highlighted_browser_copy
    window = make_window()
    window.import_paths([captures[1]])  # found by its text: nobody named the article
    report = _finished_report(qtbot, window)
    assert "1 added as a version of an article already there" in report
    assert f"New version of “{TITLE}” (1 highlight moved): {captures[1].name}" in report
    assert window.library.articles.count() == 1
    window.import_paths([captures[0]])
    report = _finished_report(qtbot, window)
    assert "Already there: port-ardent-silos.txt" in report
    assert window.library.articles.version(article_id) == 2


def test_the_window_follows_a_near_duplicate_imported_on_the_command_line(
    qtbot, make_window, highlighted_browser_copy, captures, library_path: Path
) -> None:
    article_id, highlight = highlighted_browser_copy
    window = make_window()
    window.open_article(article_id)
    assert _painted(window) == [HIGHLIGHT]

    done = postil(library_path, "import", "--json", str(captures[1]))

    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)
    assert (report["status"], report["id"], report["version"]) == ("version", article_id, 2)
    qtbot.waitUntil(lambda: window.view.article.version == 2, timeout=5000)
    assert "Update, 16 March" in window.view.article.text
    assert "newer version" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: _painted(window) == [HIGHLIGHT], timeout=5000)
    assert window.side_pane.model.rowCount() == 1
    assert window.library.annotations.get(highlight).version == 2
    model = window.library_pane.model
    assert [model.article_id(r) for r in range(model.rowCount())] == [article_id]


def test_right_clicking_below_the_articles_opens_no_menu(qtbot, make_window, seeded):
    window = make_window()
    view = window.library_pane.view
    view.customContextMenuRequested.emit(QPoint(5, view.viewport().height() - 2))
    assert window.findChild(QMenu, "articleMenu") is None


def test_a_capture_kept_behind_the_one_on_screen_is_said_so(
    qtbot, make_window, captures, library_path: Path
) -> None:
    """The saved page is open; its browser copy imported elsewhere is kept as an older
    version: the text on screen does not change, and the status bar does not claim it did."""
    with Library.open(library_path) as library:
        article_id = library.articles.add(import_path(captures[1])).article_id
    window = make_window()
    window.open_article(article_id)
    shown = window.view.article.text

    done = postil(library_path, "import", "--json", str(captures[0]))

    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)
    assert (report["status"], report["id"]) == ("version", article_id)
    qtbot.waitUntil(lambda: window.view.article.version == 2, timeout=5000)
    assert window.view.article.text == shown
    assert "kept as an older version" in window.statusBar().currentMessage()
