"""A text browser that loads nothing: no images, style sheets, fonts or files, and no
network. Every rich-text view in Postil derives from it; links open only where the view
decides (the reader: in the system browser, when clicked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextBrowser, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl


class OfflineBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl) -> object:
        """Only what the document was given exists; nothing is read or fetched."""
        return None
