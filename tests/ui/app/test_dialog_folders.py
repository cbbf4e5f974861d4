"""Open and Save dialogs start in Documents, then where the analyst went last."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from ui.app.settings import LAST_FOLDER


def test_import_starts_in_documents_then_in_the_last_folder(
    qtbot, make_window, seeded, tmp_path: Path, monkeypatch
):
    window = make_window()
    notes = tmp_path / "field notes"
    notes.mkdir()
    (notes / "memo.md").write_text("---\ntitle: Memo\n---\n\nA memo.\n", encoding="utf-8")
    asked: list[str] = []

    def get_open_file_names(_parent, _title, start, _filter):
        asked.append(start)
        return [str(notes / "memo.md")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", get_open_file_names)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    window.choose_import()
    window.choose_import()
    assert asked[0] in (documents, str(Path.home()))  # never the install folder
    assert asked[1] == str(notes)
    assert window.settings.get(LAST_FOLDER) == str(notes)
    qtbot.waitUntil(lambda: window._import_dialog is None or not window._import_dialog._running)
