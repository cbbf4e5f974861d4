"""File ▸ Back Up Now and File ▸ Restore from Backup…, and the daily start-up backup.

The window offers what `postil backup` and `postil restore` do, on the same storage code:
a restore is checked first and the library as it was is always kept beside it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from storage import library_files
from storage.backup import (
    BackupError,
    backup_if_due,
    backup_now,
    backups_dir,
    list_backups,
    restore_into,
    validate_backup,
)
from ui.common.background_job import BackgroundJob
from ui.common.busy import run_busy

BACKUP_FILTER = "Postil backups (*.postil);;All files (*)"


class BackgroundBackup(BackgroundJob):
    """The start-up backup, on its own connection in a worker thread so the window stays
    responsive on a large library. Signals: finished(str) with a message for the status bar
    ("" when no backup was due)."""

    finished = Signal(str)

    thread_name = "postil-backup"

    def __init__(
        self, *, library_path: Path, manual: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._path = library_path
        self._manual = manual  # Back Up Now: always, and never rotated away
        self.made: Path | None = None
        self.error: str | None = None

    def _run(self) -> None:
        try:
            conn = library_files.connect(self._path, create=False)
            try:
                if self._manual:
                    self.made = backup_now(conn, self._path)
                else:
                    self.made = backup_if_due(conn, self._path)
            finally:
                conn.close()
        except (BackupError, sqlite3.Error, OSError) as exc:
            self.error = str(exc)
            what = "No backup was made" if self._manual else "The daily backup was not made"
            self.finished.emit(f"{what}: {exc}")
            return
        self.finished.emit(f"Library backed up to {self.made.name}" if self.made else "")


class BackupActions(QObject):
    """The two actions, added to the window's File menu by install_backup_actions().
    Signals: backed_up(str) with the outcome of Back Up Now."""

    backed_up = Signal(str)

    def __init__(self, *, window, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self._job: BackgroundBackup | None = None
        self.backup_action = QAction("Back &Up Library Now", window)
        self.backup_action.setObjectName("backupNow")
        self.backup_action.setStatusTip("Copy the library into its backups folder now")
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.restore_action = QAction("&Restore Library from Backup…", window)
        self.restore_action.setObjectName("restoreBackup")
        self.restore_action.setStatusTip(
            "Replace the library with a backup (the current one is kept)"
        )
        self.restore_action.triggered.connect(self._on_restore_triggered)

    def _message(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)

    @Slot()
    def _on_backup_triggered(self) -> None:
        self.back_up()

    def back_up(self) -> None:
        """Copy the library beside it, in a worker thread: on a large library the copy and
        its check take seconds. Emits backed_up(message) when done."""
        if self._job is not None:
            self._message("A backup is already being made")
            return
        job = BackgroundBackup(library_path=self._window.library.path, manual=True, parent=self)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self._message("Backing up the library…")
        job.start()

    def wait(self) -> None:
        """On the way out: a backup being written is finished, never cut short."""
        if self._job is not None:
            self._job.wait()

    @Slot(str)
    def _on_job_finished(self, message: str) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.wait()
            if job.error is not None:
                QMessageBox.warning(self._window, "Back up library", message)
            job.deleteLater()
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

    def restore(self, backup: Path | None = None) -> Path | None:
        """Ask for a backup (unless given), check it, confirm, restore; returns where the
        library as it was is kept, or None if nothing was changed."""
        window: QWidget = self._window
        library = self._window.library
        backup = backup or self.choose_backup()
        if backup is None:
            return None
        try:  # a check of the whole file: seconds on a large backup
            run_busy(window, "Checking the backup…", lambda: validate_backup(backup))
        except BackupError as exc:
            QMessageBox.warning(window, "Restore library", f"This backup cannot be used.\n\n{exc}")
            return None
        answer = QMessageBox.question(
            window,
            "Restore library",
            f"Replace the library with the backup {backup.name}?\n\nChanges made since that "
            "backup will not be in the library, but nothing is lost: the library as it is now "
            "is kept beside it, and can be restored the same way.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        self._window.remember_position()
        try:
            kept = run_busy(
                window, "Restoring the library…", lambda: _restore(library.path, backup)
            )
        except BackupError as exc:
            QMessageBox.warning(window, "Restore library", f"Nothing was restored.\n\n{exc}")
            return None
        self._window.library_replaced()
        self._message(f"Restored from {backup.name}; the library as it was is kept at {kept}")
        return kept


def _restore(library_path: Path, backup: Path) -> Path:
    """In the worker: its own connection (SQLite keeps the window's coherent with it)."""
    try:
        conn = library_files.connect(library_path, create=False)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open the library ({exc}); nothing was restored") from None
    try:
        return restore_into(conn, library_path, backup)
    finally:
        conn.close()


def install_backup_actions(window) -> BackupActions:
    """Add Back Up Now and Restore… to window.file_menu (before Print); idempotent."""
    existing = getattr(window, "backup_actions", None)
    if isinstance(existing, BackupActions):
        return existing
    actions = BackupActions(window=window)
    menu = window.file_menu
    before = getattr(window, "print_action", None)
    if before is not None and before in menu.actions():
        menu.insertAction(before, actions.backup_action)
        menu.insertAction(before, actions.restore_action)
        menu.insertSeparator(before)
    else:
        menu.addAction(actions.backup_action)
        menu.addAction(actions.restore_action)
    window.addAction(actions.backup_action)
    window.addAction(actions.restore_action)
    window.backup_actions = actions
    return actions
