"""The window and the command line on one library (issue 12): the window notices what the
command line did (highlights, deletions, re-imports, a restore) and refreshes itself, and an
article is deleted from the window with the Delete key and comes back with Ctrl+Z."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from storage.library import Library
from tests.cli.test_cli import postil
from tests.ui.conftest import LONG, article


def _highlight_ids(window) -> set[int]:
    """What the reader paints, by annotation id."""
    return {r[2] for r in window.view.highlight_ranges()}


def test_a_highlight_made_on_the_command_line_appears_in_the_window(
    qtbot, make_window, seeded, library_path: Path
):
    window = make_window()
    window.open_article(seeded["port"])
    assert window.side_pane.model.rowCount() == 0
    done = postil(
        library_path, "annotate", str(seeded["port"]), "--quote", "Shipping agents", "--json"
    )
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)["id"]
    qtbot.waitUntil(lambda: window.side_pane.model.rowCount() == 1, timeout=5000)
    assert _highlight_ids(window) == {made}
    model = window.library_pane.model
    row = model.row_of(seeded["port"])
    assert model._summary(row).annotations == 1  # the list's count follows too


def test_an_article_deleted_on_the_command_line_leaves_the_window(
    qtbot, make_window, seeded, library_path: Path
):
    window = make_window()
    window.open_article(seeded["bridge"])
    assert postil(library_path, "delete", str(seeded["bridge"])).returncode == 0
    # the reader moves to the article that took its place in the list, and says why
    qtbot.waitUntil(lambda: window.current_article_id() == seeded["port"], timeout=5000)
    model = window.library_pane.model
    assert [model.article_id(r) for r in range(model.rowCount())] == [seeded["port"]]
    assert "deleted" in window.statusBar().currentMessage()


def test_a_reimport_on_the_command_line_reloads_the_open_article(
    qtbot, make_window, seeded, library_path: Path, tmp_path: Path
):
    window = make_window()
    window.open_article(seeded["port"])
    with Library.open(library_path) as other:  # another process's `postil import`, in effect
        other.articles.add(
            article(
                "Port traffic recovers",
                ["A new first paragraph.", *LONG],
                url="https://gazette.example.org/port",
            )
        )
    qtbot.waitUntil(lambda: window.view.article.version == 2, timeout=5000)
    assert window.view.article.text.startswith("Customs and power\n\nA new first paragraph.")


def test_delete_key_in_the_list_deletes_and_undo_brings_it_back(
    qtbot, make_window, seeded, library_path: Path
):
    window = make_window()
    window.open_article(seeded["port"])
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)  # never from the reader
    assert window.library.articles.exists(seeded["port"])
    note = window.editor.highlight(seeded["port"], 0, 9, note="keep me")
    list_view = window.library_pane.view
    list_view.setFocus()
    qtbot.waitUntil(list_view.hasFocus)
    qtbot.keyClick(list_view, Qt.Key.Key_Delete)
    assert not window.library.articles.exists(seeded["port"])
    assert window.current_article_id() == seeded["bridge"]
    with sqlite3.connect(library_path) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    qtbot.keyClick(list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.articles.exists(seeded["port"])
    assert window.library.annotations.get(note).note == "keep me"
    assert window.current_article_id() == seeded["port"]
    assert _highlight_ids(window) == {note}
    assert postil(library_path, "check").returncode == 0


def test_a_restore_on_the_command_line_resets_the_window(
    qtbot, make_window, seeded, library_path: Path, tmp_path: Path
):
    window = make_window()
    window.open_article(seeded["port"])
    backup = tmp_path / "before.postil"
    assert postil(library_path, "backup", "--to", str(backup)).returncode == 0
    window.editor.highlight(seeded["port"], 0, 9)
    assert window.editor.stack.canUndo()
    done = postil(library_path, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: not window.editor.stack.canUndo(), timeout=5000)
    assert window.library.annotations.count() == 0
    assert "restored" in window.statusBar().currentMessage()


def test_undo_of_a_highlight_deleted_elsewhere_is_said_not_raised(
    qtbot, make_window, seeded, library_path: Path
):
    window = make_window()
    window.open_article(seeded["port"])
    made = window.editor.highlight(seeded["port"], 0, 9)
    assert postil(library_path, "delete", str(seeded["port"])).returncode == 0
    qtbot.waitUntil(lambda: window.current_article_id() == seeded["bridge"], timeout=5000)
    window.editor.stack.undo()  # the highlight is already gone with its article
    assert "Could not undo “Highlight”" in window.statusBar().currentMessage()
    assert window.library.annotations.count() == 0
    window.editor.stack.redo()  # nothing was removed by the failed undo: nothing to put back
    assert window.library.annotations.count() == 0 and made > 0
