"""The dialog a damaged library gets at start-up (ui.app.library_opening decides when).

A damaged library gets a dialog that offers the newest good backup; restoring renames the
damaged file aside (with a timestamp) and never writes over it. A library that cannot be
opened is never replaced by an empty one: the choices are to restore or to quit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.backup import (
    BackupError,
    backups_dir,
    list_backups,
    newest_good_backup,
    replace_damaged,
)
from storage.integrity import Health
from ui.safety.backup_actions import BACKUP_FILTER


class RecoveryDialog(QDialog):
    """Shown for a damaged library. After exec(): restored_from (the backup used) and
    set_aside (where the damaged file now is), both None if the analyst chose to quit."""

    def __init__(
        self, *, library_path: Path, health: Health, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Postil — the library is damaged")
        self.library_path = library_path
        self.backup = newest_good_backup(library_path)
        self.restored_from: Path | None = None
        self.set_aside: Path | None = None
        text = (
            f"<p><b>Your library could not be opened: it is damaged.</b></p>"
            f"<p>{_escape(health.detail)}</p>"
            "<p>Postil will not write over it. If you restore a backup, the damaged file is "
            "kept beside it under a new name (ending in <i>.damaged-</i> and the time), so "
            "nothing in it is thrown away.</p>"
        )
        if self.backup is not None:
            when = next(
                (b.taken for b in list_backups(library_path) if b.path == self.backup), None
            )
            stamp = when.strftime("%d %B %Y, %H:%M") if when else self.backup.name
            text += (
                f"<p>The newest good backup is from <b>{stamp}</b>. Work done after it is not "
                "in the backup.</p>"
            )
        else:
            text += (
                f"<p>No usable backup was found in {_escape(str(backups_dir(library_path)))}.</p>"
            )
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.restore_button: QPushButton | None = None
        if self.backup is not None:
            self.restore_button = self.buttons.addButton(
                "Restore Newest Backup", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.setObjectName("restoreNewest")
            self.restore_button.clicked.connect(lambda: self.restore_from(self.backup))
        self.choose_button = self.buttons.addButton(
            "Restore from File…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.choose_button.clicked.connect(self._choose_file)
        self.quit_button = self.buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore from backup", str(backups_dir(self.library_path)), BACKUP_FILTER
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, backup: Path | None) -> bool:
        if backup is None:
            return False
        try:
            self.set_aside = replace_damaged(self.library_path, backup)
        except BackupError as exc:
            QMessageBox.warning(self, "Restore", f"Nothing was changed.\n\n{exc}")
            return False
        self.restored_from = backup
        self.accept()
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
