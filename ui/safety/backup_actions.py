"""File ▸ Back Up Now and File ▸ Restore from Backup…, and the daily start-up backup.

The window offers what `postil backup` and `postil restore` do, on the same storage code:
a restore is checked first and the library as it was is always kept beside it. All of it
runs as LibraryOps: off the UI thread, errors said the one way, a restore announced to every
view as Changes.restored().
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from storage.backup import (
    backup_if_due,
    backup_now,
    backups_dir,
    list_backups,
    restore_into,
    validate_backup,
)
from storage.changes import Changes
from storage.library import Library
from ui.common.operations import LibraryOp, Task

BACKUP_FILTER = "Postil backups (*.postil *.postil.zst *.zst);;All files (*)"


def daily_backup(library: Library, _task: Task) -> Path | None:
    """The start-up backup: one a calendar day, then the rotation."""
    return backup_if_due(library.conn, library.path)


def backup_message(made: Path | None) -> str:
    return f"Library backed up to {made.name}" if made else ""


class BackupActions(QObject):
    """Binds File ▸ Back Up Library Now and Restore Library from Backup… (declared in the
    window's action table). Signals: backed_up(str) with the outcome of Back Up Now;
    restored(object) with where the library as it was is kept, or None if nothing changed."""

    backed_up = Signal(str)
    restored = Signal(object)

    def __init__(self, *, window, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self._backup_op: LibraryOp | None = None
        self.backup_action = window.actions.bind("backupNow", self._on_backup_triggered)
        self.restore_action = window.actions.bind("restoreBackup", self._on_restore_triggered)

    def _message(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)

    @Slot()
    def _on_backup_triggered(self) -> None:
        self.back_up()

    def back_up(self) -> None:
        """Copy the library beside it, in the background: on a large library the copy and
        its check take seconds. Emits backed_up(message) when done."""
        if self._backup_op is not None:
            self._message("A backup is already being made")
            return
        op = self._window.run_operation(
            work=lambda library, _task: backup_now(library.conn, library.path),
            label="Back up library",
        )
        op.succeeded.connect(lambda made: self._on_backup_done(backup_message(made)))
        op.failed.connect(lambda exc: self._on_backup_done(f"No backup was made: {exc}"))
        self._backup_op = op
        self._message("Backing up the library…")
        op.run()

    def _on_backup_done(self, message: str) -> None:
        self._backup_op = None
        self._message(message)
        self.backed_up.emit(message)

    @Slot()
    def _on_restore_triggered(self) -> None:
        self.restore()

    def choose_backup(self) -> Path | None:
        library = self._window.library
        start = backups_dir(library.path)
        newest = list_backups(library.path)
        initial = str(newest[0].path) if newest else str(start)
        name, _ = QFileDialog.getOpenFileName(
            self._window, "Restore library from backup", initial, BACKUP_FILTER
        )
        return Path(name) if name else None

    def restore(self, backup: Path | None = None) -> None:
        """Ask for a backup (unless given), check it, confirm, restore. Emits restored()."""
        backup = backup or self.choose_backup()
        if backup is None:
            self.restored.emit(None)
            return
        check = LibraryOp(  # a check of the whole file: seconds on a large backup
            work=lambda _library, _task: validate_backup(backup),
            library_path=None,
            label="Checking the backup…",
            modal=True,
            quiet=True,
            parent=self._window,
        )
        check.succeeded.connect(lambda _none: self._confirm_restore(backup))
        check.failed.connect(lambda exc: self._refuse(f"This backup cannot be used.\n\n{exc}"))
        check.run()

    def _refuse(self, text: str) -> None:
        QMessageBox.warning(self._window, "Restore library", text)
        self.restored.emit(None)

    def _confirm_restore(self, backup: Path) -> None:
        answer = QMessageBox.question(
            self._window,
            "Restore library",
            f"Replace the library with the backup {backup.name}?\n\nChanges made since that "
            "backup will not be in the library, but nothing is lost: the library as it is now "
            "is kept beside it, and can be restored the same way.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.restored.emit(None)
            return
        self._window.remember_position()
        op = self._window.run_operation(  # its own connection: SQLite keeps ours coherent
            work=lambda library, _task: restore_into(library.conn, library.path, backup),
            label="Restoring the library…",
            modal=True,
            quiet=True,
            changes=lambda _kept: Changes.restored(),
        )
        op.succeeded.connect(lambda kept: self._on_restored(backup, kept))
        op.failed.connect(lambda exc: self._refuse(f"Nothing was restored.\n\n{exc}"))
        op.run()

    def _on_restored(self, backup: Path, kept: Path) -> None:
        self._message(f"Restored from {backup.name}; the library as it was is kept at {kept}")
        self.restored.emit(kept)
