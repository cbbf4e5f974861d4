"""Documents opened from the Finder arrive as QFileOpenEvents and are imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent

from ui.file_open import FileOpenForwarder


def test_file_open_events_are_held_then_delivered(qapp, tmp_path: Path) -> None:
    forwarder = FileOpenForwarder()
    qapp.installEventFilter(forwarder)
    try:
        first = tmp_path / "a.md"
        qapp.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(str(first))))
        got: list[list[Path]] = []
        forwarder.deliver_to(got.append)
        assert got == [[first]]
        second = tmp_path / "b.mhtml"
        qapp.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(str(second))))
        assert got == [[first], [second]]
    finally:
        qapp.removeEventFilter(forwarder)
