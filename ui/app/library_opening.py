"""Opening the library at start-up, and what the analyst sees when it cannot be opened.

The check is read-only and comes before anything is written. The dialogs are imported only
when something is wrong: a healthy start does not pay for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage.errors import LibraryError
from storage.integrity import State, check_library
from storage.library import Library
from storage.location import chosen_library_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

PROBLEM_TEXT = {
    State.UNREADABLE: "Postil is not allowed to read the library file.",
    State.READ_ONLY: (
        "The library is read-only: the file, its folder or the disk cannot be written, so "
        "nothing you did could be saved. Nothing has been changed. Make it writable (or choose "
        "another library with --library) and start Postil again."
    ),
    State.REFUSED: "This file is not a Postil library Postil can open. It has been left untouched.",
}


def open_library_checked(
    option: str | None,
    *,
    parent: QWidget | None = None,
    scan: bool = True,
    check_stems: bool = True,
) -> Library | None:
    """Check the chosen library read-only (with scan, also PRAGMA quick_check), offer
    recovery when damaged, refuse clearly when unreadable or read-only; then open it
    (check_stems: Library.open's). None means: quit."""
    from storage.opening import open_chosen_library

    path, _is_default = chosen_library_path(option)
    health = check_library(path, had_backups=lambda: _has_backups(path), scan=scan)
    if health.state is State.DAMAGED:
        from PySide6.QtWidgets import QDialog

        from ui.safety.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(library_path=path, health=health, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.restored_from is None:
            return None
    elif health.state in PROBLEM_TEXT:
        _critical(parent, f"{PROBLEM_TEXT[health.state]}\n\n{health.detail}")
        return None
    try:
        return open_chosen_library(option, check_stems=check_stems)
    except LibraryError as exc:
        _critical(parent, f"The library cannot be opened.\n\n{exc}")
        return None


def _has_backups(path: Path) -> bool:
    from storage.backup import list_backups  # only for a file that does not look like ours

    return bool(list_backups(path))


def _critical(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, "Postil", text)
