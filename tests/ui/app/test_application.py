"""Documents opened from the Finder arrive as QFileOpenEvents and are imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent

from ui.app.application import PostilApplication


def test_the_session_runs_on_postils_application_class(qapp) -> None:
    assert isinstance(qapp, PostilApplication)


def test_file_open_events_are_held_then_delivered(qapp, tmp_path: Path) -> None:
    try:
        first = tmp_path / "a.md"
        assert qapp.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(str(first))))
        got: list[list[Path]] = []
        qapp.deliver_files_to(got.append)
        assert got == [[first]]
        second = tmp_path / "b.mhtml"
        qapp.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(str(second))))
        assert got == [[first], [second]]
    finally:
        qapp.deliver_files_to(None)
