"""Find in article: a bar under the text with a match count; Enter/F3 next, Shift+F3 previous,
Escape closes it and hands the focus back to the article with the match still selected."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ui.first_frame import Qt
from ui.reader.article_view import ArticleView


class FindBar(QWidget):
    """Signals: closed() after Escape or the close button."""

    closed = Signal()

    def __init__(self, *, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._view = view
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.installEventFilter(self)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(90)
        previous = QToolButton(self, text="▲", toolTip="Previous match (Shift+F3)")
        previous.clicked.connect(self.find_previous)
        following = QToolButton(self, text="▼", toolTip="Next match (Enter, F3)")
        following.clicked.connect(self.find_next)
        close = QToolButton(self, text="✕", toolTip="Close (Escape)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        for keys, slot in (
            (QKeySequence("F3"), self.find_next),
            (QKeySequence("Shift+F3"), self.find_previous),
        ):
            shortcut = QShortcut(keys, parent or self)  # the whole window's (the default)
            shortcut.activated.connect(slot)
        self.hide()

    def open_bar(self) -> None:
        selected = self._view.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 80:
            self.edit.setText(selected)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._update_count()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def _matches(self) -> list[int]:
        needle = self.edit.text()
        if not needle:
            return []
        doc = self._view.document()
        found, cursor = [], QTextCursor(doc)
        while True:
            cursor = doc.find(needle, cursor)
            if cursor.isNull():
                return found
            found.append(cursor.selectionStart())

    def _update_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
            return
        matches = self._matches()
        if not matches:
            self.count.setText("No matches")
            return
        current = self._view.textCursor()
        position = current.selectionStart() if current.hasSelection() else -1
        index = matches.index(position) + 1 if position in matches else 0
        self.count.setText(f"{index} of {len(matches)}" if index else f"{len(matches)} matches")

    def _find(self, backward: bool) -> None:
        needle = self.edit.text()
        if not needle:
            return
        doc = self._view.document()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        start = self._view.textCursor()
        if not backward and start.hasSelection():
            start.setPosition(start.selectionStart() + 1)
        found = doc.find(needle, start, flags)
        if found.isNull():  # wrap around
            edge = QTextCursor(doc)
            if backward:
                edge.movePosition(QTextCursor.MoveOperation.End)
            found = doc.find(needle, edge, flags)
        if not found.isNull():
            self._view.setTextCursor(found)
            self._view.ensureCursorVisible()
        self._update_count()

    @Slot()
    def find_next(self) -> None:
        if self.isVisible():
            self._find(backward=False)

    @Slot()
    def find_previous(self) -> None:
        if self.isVisible():
            self._find(backward=True)

    @Slot(str)
    def _on_edit_text_changed(self, _text: str) -> None:
        cursor = self._view.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._view.setTextCursor(cursor)
        self._find(backward=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
