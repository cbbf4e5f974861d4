"""The application object. macOS hands a double-clicked document to the running app as a
QFileOpenEvent on the application, not as a command-line argument: the application holds those
files until the window is there to take them.

This is a QApplication subclass rather than an application-wide event filter on purpose: a
Python filter sees every event of every widget, and wrapping those events for Python made
PySide create the Python types and enums of most of Qt before the first frame (about 30 ms).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


class PostilApplication(QApplication):
    def __init__(self, argv: Sequence[str]) -> None:
        # Fusion everywhere: the themes' palettes are made for it. Given as Qt's own -style
        # option (an analyst's own -style, later in argv, still wins) rather than through
        # setStyle(), which hands a QStyle to Python: PySide then builds QStyle's many enums,
        # about 5 ms before the first frame.
        super().__init__([*argv[:1], "-style", "fusion", *argv[1:]])
        self._pending: list[Path] = []
        self._deliver: Callable[[list[Path]], None] | None = None
        self._pending_links: list[str] = []
        self._deliver_link: Callable[[str], object] | None = None

    def deliver_files_to(self, deliver: Callable[[list[Path]], None] | None) -> None:
        """Where opened documents go from now on (None: hold them again); the documents held
        so far go there at once."""
        self._deliver = deliver
        if deliver is not None and self._pending:
            pending, self._pending = self._pending, []
            deliver(pending)

    def deliver_links_to(self, deliver: Callable[[str], object] | None) -> None:
        """Where opened postil:// links go from now on; those held so far go there at once."""
        self._deliver_link = deliver
        if deliver is not None:
            pending, self._pending_links = self._pending_links, []
            for link in pending:
                deliver(link)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.url().scheme() == "postil":
            link = event.url().toString()  # macOS hands URL schemes over as an open event
            if self._deliver_link is None:
                self._pending_links.append(link)
            else:
                self._deliver_link(link)
            return True
        if event.type() == QEvent.Type.FileOpen:
            path = event.file()  # a QFileOpenEvent
            if path:
                if self._deliver is None:
                    self._pending.append(Path(path))
                else:
                    self._deliver([Path(path)])
                return True
        return super().event(event)
