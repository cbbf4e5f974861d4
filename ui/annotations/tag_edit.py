"""A line for several tags, comma-separated, completing each from the library's tags; new
tags are simply typed."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Slot
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


def split_tags(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = part.strip().lstrip("#").strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


class TagEdit(QLineEdit):
    def __init__(self, *, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagEdit")
        self.setPlaceholderText("tags, separated by commas")
        self._model = QStringListModel(names, self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)

    def set_names(self, names: list[str]) -> None:
        self._model.setStringList(names)

    def tags(self) -> list[str]:
        return split_tags(self.text())

    def set_tags(self, tags: list[str] | tuple[str, ...]) -> None:
        self.setText(", ".join(tags))

    def _current_word(self) -> str:
        return self.text()[: self.cursorPosition()].rsplit(",", 1)[-1].strip()

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        word = self._current_word()
        if not word:
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(word)
        if self._completer.completionCount():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    @Slot(str)
    def _on_completer_activated(self, name: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition() :]
        head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
        self.setText(f"{head}{name}, {after.lstrip(', ')}".rstrip())
        self.setCursorPosition(len(head) + len(name) + 2)
