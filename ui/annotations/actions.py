"""The window's annotation commands: highlight (Ctrl+H), colours (Ctrl+1..5), tag (Ctrl+T),
note (Ctrl+Shift+M), undo/redo, the context menu and the small toolbar by the selection."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMainWindow, QMenu, QMessageBox, QToolButton

from storage.changes import Changes
from storage.errors import LibraryError
from ui.annotations.all_highlights import AllAnnotationsDialog
from ui.annotations.dialogs import NoteDialog, TagDialog
from ui.annotations.pane import swatch_icon
from ui.annotations.tags_dialog import TagsDialog
from ui.theme.themes import HIGHLIGHT_NAMES


class SelectionToolbar(QFrame):
    """Appears by a fresh selection: the five colours, Tag and Note, one click each."""

    def __init__(self, *, actions: AnnotationActions, parent) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for name in HIGHLIGHT_NAMES:
            button = QToolButton(self)
            button.setObjectName(f"toolbar-{name}")
            button.setAutoRaise(True)
            button.setToolTip(f"Highlight {name}")
            button.clicked.connect(lambda _c=False, n=name: actions.highlight(n))
            self.buttons[name] = button
            layout.addWidget(button)
        for text, slot in (("Tag", actions.tag), ("Note", actions.note)):
            button = QToolButton(self, text=text)
            button.setObjectName(f"toolbar-{text.lower()}")
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            layout.addWidget(button)
        self.hide()

    def paint_swatches(self, theme) -> None:
        for name, button in self.buttons.items():
            button.setIcon(swatch_icon(theme.swatch(name), 16))


class AnnotationActions(QObject):
    def __init__(self, *, window: QMainWindow) -> None:
        """window: the main window (ui.shell.main_window), whose action table, editor,
        reader and annotations pane these commands work with."""
        super().__init__(window)
        self.window = window
        self.editor = window.editor
        self.view = window.view
        self.pane = window.side_pane
        table = window.actions  # declared in ui.shell.actions, bound here once we load
        self.highlight_action = table.bind("highlight", lambda: self.highlight("yellow"))
        self.color_actions = [
            table.bind(f"color{i}", lambda _c=False, n=name: self.highlight(n))
            for i, name in enumerate(HIGHLIGHT_NAMES, start=1)
        ]
        self.tag_action = table.bind("tag", self.tag)
        self.note_action = table.bind("note", self.note)
        self.all_action = table.bind("allHighlights", self.show_all)
        self.tags_dialog_action = table.bind("manageTags", self.manage_tags)
        table.bind("reattach", self.reattach_current)
        self._all_dialog = None

        self.toolbar = SelectionToolbar(actions=self, parent=self.view.viewport())
        self._show_color_meanings()
        self.view.selectionChanged.connect(self._on_view_selection_changed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.highlight_clicked.connect(self._on_highlight_clicked)
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self.toolbar.hide())
        self.pane.annotation_activated.connect(self._on_pane_activated)
        self.pane.reattach_requested.connect(self._on_reattach_requested)
        self.editor.changed.connect(self._on_editor_changed)
        window.themes.theme_changed.connect(self._on_theme_changed)
        self._on_theme_changed(window.themes.current)

    # -- what an action applies to ---------------------------------------------------------

    def _from_selection(self, color: str) -> int | None:
        article = self.view.article
        selected = self.view.selection_range()
        if article is None or selected is None:
            return None
        try:
            annotation_id = self.editor.highlight(
                article.id, *selected, color=color, version=article.version
            )
        except (LibraryError, ValueError) as exc:
            QMessageBox.warning(self.window, "Highlight", f"Could not highlight: {exc}")
            return None
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        self.toolbar.hide()
        return annotation_id

    @Slot()
    def highlight(self, color: str = "yellow") -> int | None:
        """With a selection: highlight it. Without: recolour the current highlight."""
        if self.view.selection_range() is not None:
            return self._from_selection(color)  # None when refused: never recolour another
        current = self.pane.current_id()
        if current is not None:
            self.editor.set_color(current, color)
        return current

    def _target(self) -> int | None:
        if self.view.selection_range() is not None:
            return self._from_selection("yellow")
        return self.pane.current_id()

    @Slot()
    def tag(self) -> None:
        annotation_id = self._target()
        if annotation_id is None:
            self.window.statusBar().showMessage("Select a passage or a highlight first", 3000)
            return

        record = self.window.library.annotations.get(annotation_id)
        dialog = TagDialog(
            names=self.window.library.tags.names(),
            tags=record.tags,
            quote=record.quote,
            parent=self.window,
        )
        if dialog.exec():
            try:
                self.editor.set_tags(annotation_id, dialog.tags())
            except LibraryError as exc:
                QMessageBox.warning(self.window, "Tags", str(exc))

    @Slot()
    def note(self) -> None:
        annotation_id = self._target()
        if annotation_id is None:
            self.window.statusBar().showMessage("Select a passage or a highlight first", 3000)
            return

        record = self.window.library.annotations.get(annotation_id)
        dialog = NoteDialog(note=record.note, quote=record.quote, parent=self.window)
        if dialog.exec():
            self.editor.set_note(annotation_id, dialog.note())

    @Slot()
    def show_all(self) -> None:

        if self._all_dialog is None:
            self._all_dialog = AllAnnotationsDialog(
                library=self.window.library, theme=self.window.themes.current, parent=self.window
            )
            self._all_dialog.open_requested.connect(self.go_to)
        else:
            self._all_dialog.reload()
        self._all_dialog.show()
        self._all_dialog.raise_()
        self._all_dialog.activateWindow()

    def forget_dialogs(self) -> None:
        """The library-wide list shows another library's rows after a restore."""
        if self._all_dialog is not None:
            self._all_dialog.close()
            self._all_dialog.deleteLater()
            self._all_dialog = None

    @Slot(int, int)
    def go_to(self, article_id: int, annotation_id: int) -> None:
        self.window.open_article(article_id)
        self.pane.reload()  # the highlight may be newer than the pane's list
        if self.pane.select(annotation_id, emit=True):
            self.window.activateWindow()
            record = self.window.library.annotations.get(annotation_id)
            if self._all_dialog is not None and record.start is not None:
                passage = self.view.passage_rect(record.start, record.end)
                self._all_dialog.step_aside_from(passage)

    @Slot()
    def manage_tags(self) -> None:

        dialog = TagsDialog(
            library=self.window.library,
            theme=self.window.themes.current,
            editor=self.editor,
            parent=self.window,
        )
        dialog.exec()  # each change announced itself through the editor

    # -- reacting --------------------------------------------------------------------------

    def refresh_highlights(self) -> None:
        article = self.view.article
        spans = self.window.library.annotations.spans(article.id) if article else []
        self.view.set_highlights(spans)

    def library_changed(self, changes: Changes) -> None:
        """The window has refreshed the reader and the pane; the library-wide list and the
        colour names in the menus follow here."""
        if self._all_dialog is not None and self._all_dialog.isVisible():
            self._all_dialog.reload()
        if changes.tags or changes.everything:
            self._show_color_meanings()

    def _show_color_meanings(self) -> None:
        """Colour actions say what the analyst made each colour mean, where it is chosen."""
        meanings = {c.name: c.meaning for c in self.window.library.colors.all()}
        for action, name in zip(self.color_actions, HIGHLIGHT_NAMES, strict=True):
            meaning = meanings.get(name, "")
            action.setText(f"{name.title()} — {meaning}" if meaning else name.title())
            self.toolbar.buttons[name].setToolTip(
                f"Highlight {name}: {meaning}" if meaning else f"Highlight {name}"
            )

    @Slot(int, int)
    def _on_editor_changed(self, article_id: int, annotation_id: int) -> None:
        """Where to look after an edit (the views have refreshed from its changes already):
        the highlight selected in the pane, its article opened if it was another one."""
        if self.view.article is None or self.view.article.id != article_id:
            if not annotation_id:
                return
            self.window.open_article(article_id)
        if annotation_id:
            self.pane.select(annotation_id)

    @Slot(int)
    def _on_highlight_clicked(self, annotation_id: int) -> None:
        self.pane.select(annotation_id)

    @Slot(int)
    def _on_pane_activated(self, annotation_id: int) -> None:
        record = self.window.library.annotations.get(annotation_id)
        if record.start is not None:
            self.view.scroll_to_offset(record.start, center=True)

    @Slot()
    def reattach_current(self) -> None:
        """Ctrl+Shift+R: the highlight chosen in the panel (an orphan first) gets the passage
        selected in the article."""
        target = self.pane.current_orphan_id() or self.pane.current_id()
        if target is None:
            self.window.statusBar().showMessage("Choose a highlight in the panel first", 4000)
            return
        self._on_reattach_requested(target)

    @Slot(int)
    def _on_reattach_requested(self, annotation_id: int) -> None:
        selected = self.view.selection_range()
        if selected is None:
            self.window.statusBar().showMessage(
                "Select the passage in the article first, then re-attach", 4000
            )
            return
        try:
            self.editor.reattach(annotation_id, *selected, version=self.view.article.version)
        except (LibraryError, ValueError) as exc:
            QMessageBox.warning(self.window, "Re-attach", f"Could not re-attach: {exc}")

    @Slot()
    def _on_view_selection_changed(self) -> None:
        if self.view.selection_range() is None:
            self.toolbar.hide()
            return
        QTimer.singleShot(0, self._place_toolbar)

    def _place_toolbar(self) -> None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection() or self.view.selection_range() is None:
            return
        rect = self.view.cursorRect(cursor)
        self.toolbar.adjustSize()
        viewport = self.view.viewport().rect()
        x = min(
            max(0, rect.right() - self.toolbar.width() // 2),
            viewport.width() - self.toolbar.width(),
        )
        y = rect.bottom() + 6
        if y + self.toolbar.height() > viewport.height():
            y = max(0, rect.top() - self.toolbar.height() - 6)
        self.toolbar.move(QPoint(x, y))
        self.toolbar.show()
        self.toolbar.raise_()

    @Slot(QPoint)
    def _on_view_context_menu(self, point: QPoint) -> None:
        menu: QMenu = self.view.createStandardContextMenu(point)
        menu.addSeparator()
        position = self.view.cursorForPosition(point).position()
        under = self.view.highlight_at(position)
        if self.view.selection_range() is not None:
            menu.addAction(self.highlight_action)
            colours = menu.addMenu("Highlight in Colour")
            for action in self.color_actions:
                colours.addAction(action)
            menu.addAction(self.tag_action)
            menu.addAction(self.note_action)
        elif under is not None:
            self.pane.select(under)
            colours = menu.addMenu("Change Colour")
            for action in self.color_actions:
                colours.addAction(action)
            menu.addAction(self.tag_action)
            menu.addAction(self.note_action)
            remove = QAction("Delete Highlight", menu)
            remove.triggered.connect(lambda: self.editor.delete(under))
            menu.addAction(remove)
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _on_theme_changed(self, theme) -> None:
        self.toolbar.paint_swatches(theme)
        for action, name in zip(self.color_actions, HIGHLIGHT_NAMES, strict=True):
            action.setIcon(swatch_icon(theme.swatch(name)))
        # the view repaints its own highlights in the new colours (ArticleView.set_theme)
