"""One signal for every change to the library, whoever made it: an operation in the
background, an undoable edit, another process (through LibraryWatch). Views connect to
`library_changed` and refresh themselves from the Changes; nobody refreshes views by hand.

Signals: library_changed(Changes).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class LibraryEvents(QObject):
    library_changed = Signal(object)  # storage.changes.Changes
