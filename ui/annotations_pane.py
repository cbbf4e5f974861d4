"""The current article's annotations (filled in by the annotations work)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class AnnotationsPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsPane")
        layout = QVBoxLayout(self)
        self.empty = QLabel("Select text and press Ctrl+H to highlight it.", self)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        layout.addStretch(1)
