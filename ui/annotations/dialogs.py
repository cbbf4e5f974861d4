"""Small dialogs for one highlight: its tags (Ctrl+T) and its note (Ctrl+Shift+M), the note
previewed as it will be shown, rendered from Markdown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.notes import render_note_html
from ui.annotations.tag_edit import TagEdit
from ui.reader.offline_browser import OfflineBrowser


class TagDialog(QDialog):
    def __init__(
        self,
        *,
        names: list[str],
        tags: tuple[str, ...] = (),
        quote: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tagDialog")
        self.setWindowTitle("Tag highlight")
        self.setMinimumWidth(420)
        label = QLabel(f"Tags for “{_short(quote)}”" if quote else "Tags", self)
        label.setWordWrap(True)
        self.edit = TagEdit(names=names, parent=self)
        self.edit.set_tags(list(tags))
        if tags:
            self.edit.setText(self.edit.text() + ", ")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def tags(self) -> list[str]:
        return self.edit.tags()


class NoteDialog(QDialog):
    def __init__(self, *, note: str = "", quote: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle("Note")
        self.resize(640, 420)
        label = QLabel(
            f"Note on “{_short(quote)}” (Markdown)" if quote else "Note (Markdown)", self
        )
        label.setWordWrap(True)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("noteEdit")
        self.edit.setPlainText(note)
        self.preview = OfflineBrowser(self)
        self.preview.setObjectName("notePreview")
        self.preview.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.edit)
        split.addWidget(self.preview)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._render)
        self.edit.textChanged.connect(self._timer.start)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self._render()
        self.edit.setFocus()

    def _render(self) -> None:
        self.preview.setHtml(render_note_html(self.edit.toPlainText()))

    def note(self) -> str:
        return self.edit.toPlainText().strip()


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
