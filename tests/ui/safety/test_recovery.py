"""Start-up checks, the recovery dialog, the window's backup actions and write-error messages."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from storage.backup import backup_now, list_backups
from storage.integrity import check_library, quick_check
from storage.library import Library
from tests.storage.test_backup import damage, fill
from ui.app.library_opening import open_library_checked
from ui.common.operations import LibraryOp
from ui.safety.backup_actions import backup_message, daily_backup
from ui.safety.recovery_dialog import RecoveryDialog


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:
    """Every message box, recorded instead of shown."""
    seen: list[tuple[str, str]] = []

    def box(kind):
        def show(_parent, _title, text, *a, **k):
            seen.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    return seen


def backed_up_then_damaged(path: Path) -> tuple[list[int], bytes]:
    with Library.open(path) as library:
        notes = fill(library)
        backup_now(library.conn, path)
    return notes, damage(path)


def test_damaged_library_is_kept_aside_and_the_newest_backup_restored(qtbot, library_path):
    notes, damaged = backed_up_then_damaged(library_path)
    health = check_library(library_path, had_backups=True)
    dialog = RecoveryDialog(library_path=library_path, health=health)
    qtbot.addWidget(dialog)
    assert "damaged" in dialog.label.text() and "newest good backup" in dialog.label.text()
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.set_aside.read_bytes() == damaged  # kept, byte for byte
    assert dialog.set_aside.name.startswith("library.postil.damaged-")
    assert quick_check(library_path) == "ok"
    with Library.open(library_path) as library:
        assert library.annotations.count() == len(notes)


def test_damaged_library_without_backup_is_never_replaced(qtbot, library_path, monkeypatch):
    with Library.open(library_path) as library:
        fill(library)
    damaged = damage(library_path)
    shown: list[RecoveryDialog] = []

    def quit_dialog(self):
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(RecoveryDialog, "exec", quit_dialog)
    assert open_library_checked(str(library_path)) is None
    [dialog] = shown
    assert dialog.restore_button is None and "No usable backup" in dialog.label.text()
    assert library_path.read_bytes() == damaged
    names = {p.name for p in library_path.parent.iterdir()}  # SQLite's -wal/-shm may appear
    assert names - {"library.postil-wal", "library.postil-shm"} == {"library.postil"}


def test_quitting_the_dialog_leaves_everything_as_it_was(qtbot, library_path, monkeypatch):
    _notes, damaged = backed_up_then_damaged(library_path)
    monkeypatch.setattr(RecoveryDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert open_library_checked(str(library_path)) is None
    assert library_path.read_bytes() == damaged
    assert len(list_backups(library_path)) == 1


def test_recovery_through_the_start_up_path_opens_the_restored_library(
    qtbot, library_path, monkeypatch
):
    notes, _ = backed_up_then_damaged(library_path)
    monkeypatch.setattr(
        RecoveryDialog, "exec", lambda self: self.restore_button.click() or self.result()
    )
    library = open_library_checked(str(library_path))
    assert library is not None
    with library:
        assert library.annotations.count() == len(notes)
    assert list(library_path.parent.glob("library.postil.damaged-*"))


def test_read_only_library_gets_a_message_and_is_not_touched(library_path, messages, monkeypatch):
    """Root ignores chmod, so the permission check is mocked (see tests/storage too)."""
    with Library.open(library_path) as library:
        fill(library, 1, 0)
    before = library_path.read_bytes()
    monkeypatch.setattr("storage.integrity.os.access", lambda p, mode: mode == 4)  # R_OK only
    assert open_library_checked(str(library_path)) is None
    [(kind, text)] = messages
    assert kind == "critical" and "read-only" in text
    assert library_path.read_bytes() == before


def test_a_foreign_file_is_refused_untouched(tmp_path, messages):
    foreign = tmp_path / "photos.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    before = foreign.read_bytes()
    assert open_library_checked(str(foreign)) is None
    assert "left untouched" in messages[0][1]
    assert foreign.read_bytes() == before


def test_a_healthy_library_opens(library_path):
    with Library.open(library_path) as library:
        fill(library, 1, 1)
    library = open_library_checked(str(library_path))
    assert library is not None
    library.close()


# -- the window's actions ------------------------------------------------------------------


def test_backup_actions_in_the_file_menu_back_up_and_restore(
    qtbot, make_window, seeded, messages, monkeypatch
):
    window = make_window()
    actions = window.backup_actions
    names = [a.objectName() for a in window.menus["File"].actions()]
    assert names.count("backupNow") == 1 and names.count("restoreBackup") == 1
    assert names.index("restoreBackup") < names.index("print")
    assert actions.backup_action.isEnabled() and actions.restore_action.isEnabled()

    with qtbot.waitSignal(actions.backed_up, timeout=20000) as done:
        actions.backup_action.trigger()  # in a worker thread: the window stays responsive
    assert "backed up to" in done.args[0]
    [made] = list_backups(window.library.path)
    window.open_article(seeded["port"])
    text = window.view.article.text
    start = text.index("Shipping agents")
    window.editor.highlight(seeded["port"], start, start + 15)  # undoable, after the backup
    window.library.articles.delete(seeded["bridge"])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(actions.restored, timeout=20000) as restored:
        actions.restore(made.path)  # checked, then copied, off the UI thread
    kept = restored.args[0]
    assert kept is not None and kept.exists()
    assert window.library.articles.exists(seeded["bridge"])
    assert window.library_pane.model.rowCount() == 2
    assert "kept at" in window.statusBar().currentMessage()
    assert window.editor.stack.count() == 0  # its ids meant the library before the restore
    assert window.library.annotations.count() == 0


def test_restore_refuses_a_bad_backup_and_changes_nothing(
    qtbot, make_window, seeded, messages, tmp_path
):
    window = make_window()
    actions = window.backup_actions
    bad = tmp_path / "bad.postil"
    bad.write_bytes(b"nothing useful")
    with qtbot.waitSignal(actions.restored, timeout=20000) as restored:
        actions.restore(bad)
    assert restored.args[0] is None
    assert messages and messages[0][0] == "warning"
    assert window.library.articles.count() == 2
    assert not list(tmp_path.glob("*before-restore*"))


def test_daily_backup_runs_off_the_ui_thread_once_a_day(qtbot, library, library_path):
    fill(library, 1, 1)
    first = LibraryOp(work=daily_backup, library_path=library_path)
    with qtbot.waitSignal(first.succeeded, timeout=20000) as done:
        first.run()
    assert backup_message(done.args[0]).startswith("Library backed up to")
    second = LibraryOp(work=daily_backup, library_path=library_path)
    with qtbot.waitSignal(second.succeeded, timeout=20000) as again:
        second.run()
    assert again.args[0] is None  # one a day
    assert len(list_backups(library_path)) == 1


def test_a_full_disk_during_use_gets_a_sentence_not_a_traceback(messages, monkeypatch, qapp):
    from ui.app.launch import _install_write_error_hook

    fallback: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: fallback.append(args))
    _install_write_error_hook()
    full = sqlite3.OperationalError("database or disk is full")
    sys.excepthook(type(full), full, None)
    other = RuntimeError("a bug")
    sys.excepthook(type(other), other, None)
    assert [kind for kind, _ in messages] == ["warning"]
    assert "disk is full" in messages[0][1] and "safe" in messages[0][1]
    assert len(fallback) == 1  # anything else still reaches the normal hook
