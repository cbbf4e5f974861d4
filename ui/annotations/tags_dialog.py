"""Tags library-wide (rename, merge, delete, how many passages each) and what each highlight
colour means to this analyst."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.errors import LibraryError
from storage.library import Library
from ui.annotations.pane import swatch_icon
from ui.theme.themes import Theme


class TagsDialog(QDialog):
    def __init__(
        self, *, library: Library, theme: Theme, editor=None, parent: QWidget | None = None
    ) -> None:
        """editor: the window's AnnotationEditor, whose undo history the changes join."""
        super().__init__(parent)
        self._editor = editor
        self.setObjectName("tagsDialog")
        self.setWindowTitle("Tags and Colours")
        self.resize(560, 520)
        self._library = library
        self.list = QListWidget(self)
        self.list.setObjectName("tagList")
        self.rename_button = QPushButton("Rename…", self)
        self.merge_button = QPushButton("Merge Into…", self)
        self.delete_button = QPushButton("Delete", self)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        buttons = QVBoxLayout()
        for b in (self.rename_button, self.merge_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(buttons)

        self.meanings: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for color in library.colors.all():
            edit = QLineEdit(color.meaning, self)
            edit.setObjectName(f"meaning-{color.name}")
            edit.setPlaceholderText("what this colour means, e.g. claim to verify")
            edit.editingFinished.connect(
                lambda n=color.name, e=edit: self._on_meaning_edited(n, e.text())
            )
            self.meanings[color.name] = edit
            row = QHBoxLayout()
            row.addWidget(edit)
            label = QPushButton(swatch_icon(theme.swatch(color.name)), color.name.title(), self)
            label.setFlat(True)
            label.setEnabled(False)
            form.addRow(label, row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(form)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        current = self.current_tag()
        self.list.clear()
        for tag in self._library.tags.counts():
            item = QListWidgetItem(f"#{tag.name}  ({tag.count})")
            item.setData(256, tag.name)
            self.list.addItem(item)
            if tag.name == current:
                self.list.setCurrentItem(item)
        has = self.list.count() > 0
        for b in (self.rename_button, self.merge_button, self.delete_button):
            b.setEnabled(has)

    def current_tag(self) -> str | None:
        item = self.list.currentItem()
        return item.data(256) if item else None

    def _run(self, text: str, names: list[str], change) -> None:
        """Through the window's undo history when there is one: Ctrl+Z after closing the
        dialog undoes this, not an unrelated highlight."""
        try:
            if self._editor is not None:
                self._editor.manage_tags(text, names, change)
            else:
                change(self._library)
        except LibraryError as exc:
            QMessageBox.warning(self, "Tags", str(exc))
            return
        self.reload()

    @Slot()
    def _on_rename_clicked(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        new, ok = QInputDialog.getText(self, "Rename tag", f"New name for #{tag}:", text=tag)
        if ok and new.strip():
            self._run("Rename tag", [tag, new.strip()], lambda lib: lib.tags.rename(tag, new))

    @Slot()
    def _on_merge_clicked(self) -> None:
        tag = self.current_tag()
        others = [t for t in self._library.tags.names() if t != tag]
        if tag is None or not others:
            return
        target, ok = QInputDialog.getItem(
            self, "Merge tag", f"Merge #{tag} into:", others, 0, False
        )
        if ok:
            self._run("Merge tags", [tag, target], lambda lib: lib.tags.merge(tag, target))

    @Slot()
    def _on_delete_clicked(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        # Undoable (Ctrl+Z in the window), so no question first.
        self._run("Delete tag", [tag], lambda lib: lib.tags.delete(tag))

    def _on_meaning_edited(self, name: str, meaning: str) -> None:
        try:
            if self._editor is not None:
                self._editor.set_meaning(name, meaning)
            else:
                self._library.colors.set_meaning(name, meaning)
        except LibraryError as exc:
            QMessageBox.warning(self, "Tags", str(exc))
            return
        self.reload()
