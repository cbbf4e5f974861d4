"""The current article's annotations, in text order: filter by colour and tag, click to go to
the passage, edit colour, tags and note in place, delete; orphans listed apart, re-attachable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from storage.errors import LibraryError
from storage.library import Library
from ui.annotations.delegate import AnnotationDelegate
from ui.annotations.editor import AnnotationEditor
from ui.annotations.model import ID_ROLE, AnnotationFilterModel, AnnotationListModel
from ui.annotations.tag_edit import TagEdit
from ui.theme.themes import HIGHLIGHT_NAMES, THEMES, Theme


def swatch_icon(color: QColor, size: int = 14) -> QIcon:
    """A chip of the colour itself, also when its button is disabled: Qt would grey a
    disabled icon, and every chip would look alike."""
    pixmap = QPixmap(size, size)
    pixmap.fill(color)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Disabled)
    return icon


class AnnotationsPane(QWidget):
    """Signals: annotation_activated(int) when the analyst picks a highlight to go to;
    reattach_requested(int) for an orphan to be given the current selection."""

    annotation_activated = Signal(int)
    reattach_requested = Signal(int)

    def __init__(
        self,
        *,
        library: Library,
        editor: AnnotationEditor,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsPane")
        self._library = library
        self._editor = editor
        self._article_id: int | None = None
        self._theme = theme or THEMES["light"]
        self.model = AnnotationListModel(self)

        self.heading = QLabel("Highlights", self)
        self.heading.setObjectName("annotationsHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.color_filter = QComboBox(self)
        self.color_filter.setObjectName("colorFilter")
        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("tagFilter")
        self.color_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.tag_filter.currentIndexChanged.connect(self._on_filter_changed)

        self.anchored = AnnotationFilterModel(orphans=False, parent=self)
        self.anchored.setSourceModel(self.model)
        self.orphans = AnnotationFilterModel(orphans=True, parent=self)
        self.orphans.setSourceModel(self.model)
        self.delegate = AnnotationDelegate(self)
        self.delegate.theme = self._theme
        self.list = self._make_list("annotationList", self.anchored)
        self.orphan_label = QLabel("Orphaned: their text is no longer in this version", self)
        self.orphan_label.setWordWrap(True)
        self.orphan_list = self._make_list("orphanList", self.orphans)
        self.reattach_button = QPushButton("Re-attach to Selection", self)
        self.reattach_button.setObjectName("reattachButton")
        self.reattach_button.setToolTip("Select the passage in the article, then click here")
        self.reattach_button.clicked.connect(self._on_reattach_clicked)
        self.empty = QLabel("Select text in the article and press Ctrl+H to highlight it.", self)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("annotationsEmpty")

        # the in-place editor of the current highlight
        self.color_buttons: dict[str, QToolButton] = {}
        colors = QHBoxLayout()
        colors.setSpacing(2)
        for position, name in enumerate(HIGHLIGHT_NAMES, start=1):
            button = QToolButton(self)
            button.setObjectName(f"color-{name}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolTip(f"{name.title()} (Ctrl+{position})")
            button.clicked.connect(lambda _c=False, n=name: self._on_color_clicked(n))
            self.color_buttons[name] = button
            colors.addWidget(button)
        colors.addStretch(1)
        self.delete_button = QToolButton(self, text="Delete")
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip("Delete this highlight (Del); Ctrl+Z brings it back")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        colors.addWidget(self.delete_button)
        self.tag_edit = TagEdit(names=library.tags.names(), parent=self)
        self.tag_edit.returnPressed.connect(self._on_tags_edited)
        self.tag_edit.editingFinished.connect(self._on_tags_edited)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("paneNoteEdit")
        self.note_edit.setPlaceholderText("Note (Markdown); saved when you leave the box")
        self.note_edit.setMaximumHeight(110)
        self.note_edit.installEventFilter(self)
        self.editor_box = QWidget(self)
        box = QVBoxLayout(self.editor_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.addLayout(colors)
        box.addWidget(self.tag_edit)
        box.addWidget(self.note_edit)

        filters = QHBoxLayout()
        filters.addWidget(self.color_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.orphan_label)
        layout.addWidget(self.orphan_list, 1)
        layout.addWidget(self.reattach_button)
        layout.addWidget(self.editor_box)
        layout.addStretch(0)
        self._fill_filters()
        self._update_visibility()
        self.list.setStyleSheet(self._theme.list_frame(self.list.objectName()))

    def _make_list(self, name: str, model: AnnotationFilterModel) -> QListView:
        view = QListView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setItemDelegate(self.delegate)
        view.setWordWrap(True)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.selectionModel().currentChanged.connect(self._on_current_changed)
        view.clicked.connect(self._on_list_clicked)
        view.activated.connect(self._on_list_clicked)
        view.installEventFilter(self)
        return view

    # -- content ---------------------------------------------------------------------------

    def show_article(self, article_id: int | None) -> None:
        self._article_id = article_id
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_id()
        items = (
            self._library.annotations.for_article(self._article_id)
            if self._article_id is not None
            else []
        )
        self.model.set_annotations(items)
        self._fill_filters()
        self._update_visibility()
        if current is not None:
            self.select(current, emit=False)
        self._load_editor()

    def _fill_filters(self) -> None:
        colors = {c.name: c.meaning for c in self._library.colors.all()}
        chosen_color = self.color_filter.currentData()
        chosen_tag = self.tag_filter.currentData()
        for combo in (self.color_filter, self.tag_filter):
            combo.blockSignals(True)
            combo.clear()
        self.color_filter.addItem("All colours", None)
        for name in HIGHLIGHT_NAMES:
            label = name.title() + (f" — {colors[name]}" if colors.get(name) else "")
            self.color_filter.addItem(swatch_icon(self._theme.swatch(name)), label, name)
        self.tag_filter.addItem("All tags", None)
        tags = sorted({t for a in self._all() for t in a.tags}, key=str.casefold)
        for tag in tags:
            self.tag_filter.addItem(f"#{tag}", tag)
        self.color_filter.setCurrentIndex(max(0, self.color_filter.findData(chosen_color)))
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(chosen_tag)))
        for combo in (self.color_filter, self.tag_filter):
            combo.blockSignals(False)
        self.anchored.set_color(self.color_filter.currentData())
        self.anchored.set_tag(self.tag_filter.currentData())
        for name, button in self.color_buttons.items():
            button.setIcon(swatch_icon(self._theme.swatch(name), 16))
            meaning = colors.get(name)
            position = HIGHLIGHT_NAMES.index(name) + 1
            button.setToolTip(
                f"{name.title()}{' — ' + meaning if meaning else ''} (Ctrl+{position})"
            )
        self.tag_edit.set_names(self._library.tags.names())

    def _all(self):
        return [self.model.annotation(r) for r in range(self.model.rowCount())]

    def _update_visibility(self) -> None:
        total = self.model.rowCount()
        orphans = self.orphans.rowCount()
        shown = self.anchored.rowCount()
        filtered = shown < total - orphans
        if not total:
            self.heading.setText("Highlights")
        elif filtered:  # the count says what the filter hides, never a number it does not show
            self.heading.setText(f"Highlights ({shown} of {total})")
        else:
            self.heading.setText(f"Highlights ({total})")
        if total == 0 and self._article_id is not None:
            self.empty.setText("Select text in the article and press Ctrl+H to highlight it.")
        elif filtered and shown == 0:
            self.empty.setText("No highlight here has that colour and tag.")
        self.empty.setVisible(
            self._article_id is not None and (total == 0 or (filtered and shown == 0))
        )
        self.list.setVisible(shown > 0)
        self.editor_box.setVisible(total > 0)
        self.orphan_label.setVisible(orphans > 0)
        self.orphan_list.setVisible(orphans > 0)
        self.reattach_button.setVisible(orphans > 0)

    def set_theme(self, new_theme: Theme) -> None:
        self._theme = new_theme
        self.list.setStyleSheet(new_theme.list_frame(self.list.objectName()))
        self.delegate.theme = new_theme
        self._fill_filters()
        self.list.viewport().update()
        self.orphan_list.viewport().update()

    # -- selection -------------------------------------------------------------------------

    def current_id(self) -> int | None:
        for view in (self.list, self.orphan_list):
            index = view.currentIndex()
            if index.isValid():
                return index.data(ID_ROLE)
        return None

    def select(self, annotation_id: int, *, emit: bool = False) -> bool:
        row = self.model.row_of(annotation_id)
        if row is None:
            return False
        source = self.model.index(row)
        for view, proxy in ((self.list, self.anchored), (self.orphan_list, self.orphans)):
            index = proxy.mapFromSource(source)
            if index.isValid():
                other = self.orphan_list if view is self.list else self.list
                other.selectionModel().clearCurrentIndex()
                other.clearSelection()
                view.setCurrentIndex(index)
                view.scrollTo(index)
                if emit:
                    self.annotation_activated.emit(annotation_id)
                return True
        return False

    # -- editing ---------------------------------------------------------------------------

    def _load_editor(self) -> None:
        annotation_id = self.current_id()
        record = None
        if annotation_id is not None:
            row = self.model.row_of(annotation_id)
            record = self.model.annotation(row) if row is not None else None
        self.editor_box.setEnabled(record is not None)
        for name, button in self.color_buttons.items():
            button.setChecked(record is not None and record.color == name)
        self.tag_edit.blockSignals(True)
        self.tag_edit.set_tags(list(record.tags) if record else [])
        self.tag_edit.blockSignals(False)
        if not self.note_edit.hasFocus():
            self.note_edit.setPlainText(record.note if record else "")

    def _save_note(self) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            self._editor.set_note(annotation_id, self.note_edit.toPlainText().strip())

    @Slot()
    def _on_tags_edited(self) -> None:
        annotation_id = self.current_id()
        if annotation_id is None:
            return
        try:
            self._editor.set_tags(annotation_id, self.tag_edit.tags())
        except LibraryError as exc:
            self.tag_edit.setToolTip(str(exc))
            QToolTip.showText(
                self.tag_edit.mapToGlobal(self.tag_edit.rect().bottomLeft()),
                str(exc),
                self.tag_edit,
            )

    def _on_color_clicked(self, name: str) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            self._editor.set_color(annotation_id, name)

    @Slot()
    def _on_delete_clicked(self) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            self._editor.delete(annotation_id)

    def current_orphan_id(self) -> int | None:
        """The orphan chosen in its list, else the first orphan, else None."""
        index = self.orphan_list.currentIndex()
        if not index.isValid() and self.orphans.rowCount():
            index = self.orphans.index(0, 0)
        return index.data(ID_ROLE) if index.isValid() else None

    @Slot()
    def _on_reattach_clicked(self) -> None:
        orphan = self.current_orphan_id()
        if orphan is not None:
            self.reattach_requested.emit(orphan)

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        self.anchored.set_color(self.color_filter.currentData())
        self.anchored.set_tag(self.tag_filter.currentData())
        self._update_visibility()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self.note_edit.hasFocus():
            return
        self._load_editor()

    @Slot(QModelIndex)
    def _on_list_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._load_editor()
            self.annotation_activated.emit(index.data(ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_edit and event.type() == QEvent.Type.FocusOut:
            self._save_note()
        elif watched is self.note_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if (
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self._save_note()
                return True
        elif watched in (self.list, self.orphan_list) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._on_delete_clicked()
                return True
        return super().eventFilter(watched, event)
