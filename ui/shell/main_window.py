"""The window analysts live in: library, article, annotations, in one splitter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QPoint, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storage.errors import LibraryError, NotFound
from storage.library import Library
from storage.library_files import same_file
from ui.app.first_paint import after_first_paint, watch_first_paint
from ui.app.settings import (
    COLUMN_WIDTH,
    DEFAULT_FONT_SIZE,
    FOLLOW_SYSTEM,
    FONT_FAMILY,
    FONT_SIZE,
    FONT_SIZES,
    LIBRARY_SORT,
    LINE_SPACING,
    WINDOW_GEOMETRY,
    WINDOW_SPLITTER,
    WINDOW_STATE,
    Settings,
)
from ui.common.events import LibraryEvents
from ui.first_frame import TOOL_BUTTON_TEXT_BESIDE_ICON, Qt
from ui.library.pane import LibraryPane
from ui.reader.article_view import ArticleView, image_from_bytes
from ui.shell.actions import ARTICLE_MENU, THEME_MENU, ActionTable
from ui.theme.icons import placeholder_icon, themed_icon
from ui.theme.manager import ThemeManager
from ui.theme.themes import THEME_NAMES, Theme

if TYPE_CHECKING:  # names only: PySide builds a type (and its enums) when it is imported
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QImage

    from storage.changes import Changes
    from ui.common.operations import LibraryOp
    from ui.reader.find_bar import FindBar

IMPORT_FILTER = (
    "Articles (*.html *.htm *.mhtml *.mht *.txt *.md *.markdown *.eml *.pdf *.docx *.epub)"
    ";;All files (*)"
)


class _StepName(QObject):
    """Names Undo/Redo after the step ("Undo Highlight"); a child of its action, so the
    connection ends with the action when the window goes."""

    def __init__(self, action: QAction, label: str) -> None:
        super().__init__(action)
        self._action = action
        self._label = label

    @Slot(str)
    def rename(self, step: str) -> None:
        self._action.setText(f"{self._label} {step}".strip())


class MainWindow(QMainWindow):
    """Signals: setup_finished() once the annotations pane and its commands exist."""

    setup_finished = Signal()

    def __init__(
        self,
        *,
        library: Library,
        settings: Settings,
        themes: ThemeManager,
        defer_panels: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.themes = themes
        self.setWindowTitle("Postil")
        self.setAcceptDrops(True)
        self._import_dialog = None  # ui.importing.dialog.ImportProgressDialog while one runs
        self._highlight_dialog = None  # ui.importing.highlights.HighlightImportDialog, likewise
        self._operations: set = set()  # LibraryOps running, waited for on the way out
        self.events = LibraryEvents(self)  # library_changed(Changes): every view listens
        self._queued_imports: list[tuple[list[Path], int | None]] = []  # (paths, version_of)
        self.library_writable = True  # False once the library is found damaged

        self.library_pane = LibraryPane(
            library=library, open_article=self.current_article_id, parent=self
        )
        self.library_pane.article_activated.connect(self.open_article)
        self.library_pane.highlight_activated.connect(self._on_found_highlight)
        self.library_pane.context_menu_requested.connect(self._on_article_context_menu)
        self.view = ArticleView(load_image=self._load_image, parent=self)
        self.view.zoom_requested.connect(self._on_view_zoom_requested)
        self.find_bar: FindBar | None = None  # made with the panels (finish_setup), under the view
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.view, 1)
        self._centre_layout = centre_layout
        self.editor = None  # AnnotationEditor, made with the annotations pane
        self.annotation_actions = None
        self.library_watch = None  # ui.common.library_watch.LibraryWatch, made with the panes
        self.backup_actions = None  # ui.safety.backup_actions.BackupActions, likewise
        self.side_pane = QWidget(self)  # the annotations pane takes its place (finish_setup)
        self.side_pane.setObjectName("annotationsPlaceholder")

        self.splitter = QSplitter(parent=self)  # horizontal; by keyword, see ui.first_frame
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.library_pane)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.setCentralWidget(self.splitter)

        self.actions = ActionTable(self)
        self._bind_actions()
        self._make_menus_and_toolbar()
        self.statusBar().setSizeGripEnabled(True)
        themes.theme_changed.connect(self._on_theme_changed)
        self._on_theme_changed(themes.current)
        self._watch_settings()
        self.view.set_font_family(settings.get(FONT_FAMILY))
        self.view.set_font_size(settings.font_size())
        self.view.set_line_spacing(settings.get(LINE_SPACING))
        self.view.set_column_width(settings.get(COLUMN_WIDTH))
        self.library_pane.set_sort(settings.get(LIBRARY_SORT))
        self.library_pane.sort.currentIndexChanged.connect(
            lambda _i: settings.set(LIBRARY_SORT, self.library_pane.sort.currentData())
        )
        self.events.library_changed.connect(self._on_library_changed)
        self._restore_geometry()
        if defer_panels:  # the first frame shows the library and the article; the rest follows
            after_first_paint(self.view.viewport(), self.finish_setup)
        else:
            self.finish_setup()
        # The benchmark's probe goes last: Qt calls the newest event filter first, so its
        # report is queued before the deferred setup and measures the frame, not what follows.
        watch_first_paint(self.view.viewport())

    # -- building --------------------------------------------------------------------------

    def _bind_actions(self) -> None:
        """The window's own actions; features bind theirs when they load (finish_setup)."""
        bind = self.actions.bind
        bind("import", self.choose_import)
        bind("importFolder", self.choose_import_folder)
        bind("importHighlights", self.choose_highlight_import)
        bind("paste", self.paste_article)
        bind("replaceCapture", self.choose_other_capture)
        bind("export", self.export_brief)
        bind("print", self.print_article)
        bind("pdf", self.save_pdf)
        bind("quit", self.close).setMenuRole(QAction.MenuRole.QuitRole)
        bind("shortcuts", self.show_shortcuts)
        bind("about", self.show_about).setMenuRole(QAction.MenuRole.AboutRole)
        bind("copyLink", self.copy_link)
        bind("find", lambda: self._make_find_bar().open_bar())
        bind("searchLibrary", self.library_pane.focus_search)
        bind("larger", lambda: self.zoom(+1))
        bind("smaller", lambda: self.zoom(-1))
        bind("resetZoom", self.reset_zoom)
        bind("readingSettings", self.show_reading_settings)
        bind("markDone", lambda: self.set_reading_state("done"))
        bind("markUnread", lambda: self.set_reading_state("unread"))
        bind("night", self.themes.toggle_night)
        bind("followSystem", self._on_follow_system_toggled)
        self.actions["followSystem"].setChecked(self.settings.get(FOLLOW_SYSTEM))
        for name in THEME_NAMES:
            bind(f"theme-{name}", lambda _c=False, n=name: self.themes.set_theme(n))
        for family in ("serif", "sans"):
            bind(f"font-{family}", lambda _c=False, f=family: self.settings.set(FONT_FAMILY, f))
        # Another installed typeface may be chosen (reading settings): then neither is checked.
        self.actions.groups["font"].setExclusionPolicy(
            QActionGroup.ExclusionPolicy.ExclusiveOptional
        )
        self._check_font_action(self.settings.get(FONT_FAMILY))
        self.actions.set_article_open(False)

    def _make_menus_and_toolbar(self) -> None:
        self.menus = self.actions.build_menus(self.menuBar())
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setProperty("toolButtonStyle", TOOL_BUTTON_TEXT_BESIDE_ICON)
        toolbar.setIconSize(QSize(18, 18))
        # No style sheet here: a widget under one keeps the palette it was polished with, so
        # after a switch to Night the labels stayed dark on the new dark window.
        toolbar.layout().setSpacing(4)
        toolbar.setContentsMargins(6, 2, 6, 2)
        theme_button = QToolButton(self)
        theme_button.setText("Theme")
        theme_button.setProperty("toolButtonStyle", TOOL_BUTTON_TEXT_BESIDE_ICON)
        theme_button.setObjectName("themeButton")
        theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        theme_menu = QMenu("Theme", self)
        theme_button.setMenu(self.actions.fill_menu(theme_menu, THEME_MENU))
        reading_button = QToolButton(self)  # its panel is made on first use, not for the frame
        reading_button.setText("Aa")
        reading_button.setObjectName("readingButton")
        reading_button.setToolTip(self.actions["readingSettings"].toolTip())
        reading_button.clicked.connect(self.show_reading_settings)
        self.reading_button = reading_button
        self.theme_button = theme_button
        self._reading_menu = None
        self.actions.build_toolbar(toolbar, {"theme": theme_button, "reading": reading_button})
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _watch_settings(self) -> None:
        watch = self.settings.watch
        watch(FONT_SIZE, lambda _size: self.view.set_font_size(self.settings.font_size()))
        watch(FONT_FAMILY, self._on_font_family_changed)
        watch(LINE_SPACING, self.view.set_line_spacing)
        watch(COLUMN_WIDTH, self.view.set_column_width)
        watch(FOLLOW_SYSTEM, self.actions["followSystem"].setChecked)

    def finish_setup(self) -> None:
        """The annotations pane and its commands, backups, the watch on other processes;
        after the first frame when deferred. Their actions were in the menus already."""
        if self.annotation_actions is not None:
            return
        self.view.show_whole_article()  # the first frame laid out its first screens
        self._make_find_bar()  # F3 and Shift+F3 with it
        from ui.annotations.actions import AnnotationActions
        from ui.annotations.editor import AnnotationEditor
        from ui.annotations.pane import AnnotationsPane
        from ui.common.library_watch import LibraryWatch
        from ui.safety.backup_actions import BackupActions

        self.editor = AnnotationEditor(library=self.library, events=self.events, parent=self)
        pane = AnnotationsPane(
            library=self.library, editor=self.editor, theme=self.themes.current, parent=self
        )
        sizes = self.splitter.sizes()
        placeholder = self.splitter.replaceWidget(2, pane)
        if placeholder is not None:
            placeholder.deleteLater()
        self.splitter.setSizes(sizes)
        self.side_pane = pane
        self.annotation_actions = AnnotationActions(window=self)
        self._bind_undo()
        self.editor.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.actions.bind("deleteArticle", self.delete_current_article)
        self._make_delete_key()
        self.library_watch = LibraryWatch(library=self.library, events=self.events, parent=self)
        self.backup_actions = BackupActions(window=self)
        self.editor.articles_changed.connect(self._on_articles_changed)
        if self.current_article_id() is not None:
            self.article_opened(self.current_article_id())
        self._paint_toolbar_icons()
        self.setup_finished.emit()

    def _make_find_bar(self) -> FindBar:
        """The find bar under the view: made with the panels, or by Find if that comes first
        (it is not part of the first frame)."""
        if self.find_bar is None:
            from ui.reader.find_bar import FindBar

            self.find_bar = FindBar(view=self.view, parent=self)
            self._centre_layout.addWidget(self.find_bar)
        return self.find_bar

    def _bind_undo(self) -> None:
        """Undo and Redo follow the stack: enabled when they can, named after the step."""
        stack = self.editor.stack
        steps = (
            (
                "undo",
                "&Undo",
                stack.undo,
                stack.canUndo(),
                stack.canUndoChanged,
                stack.undoTextChanged,
            ),
            (
                "redo",
                "&Redo",
                stack.redo,
                stack.canRedo(),
                stack.canRedoChanged,
                stack.redoTextChanged,
            ),
        )
        for name, label, run, can, can_changed, text_changed in steps:
            action = self.actions.bind(name, run)
            action.setEnabled(can)
            can_changed.connect(action.setEnabled)
            text_changed.connect(_StepName(action, label).rename)

    def _make_delete_key(self) -> None:
        """The Delete key deletes an article in the library list only, never in the reader,
        where it must never throw away an article by accident."""
        in_list = QAction("Delete Article", self.library_pane.view)
        in_list.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        in_list.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        in_list.triggered.connect(self.delete_current_article)
        self.library_pane.view.addAction(in_list)

    def article_menu(self) -> QMenu:
        """The commands on one article (ARTICLE_MENU), for the library list's context menu."""
        menu = self.actions.fill_menu(QMenu(self), ARTICLE_MENU)
        menu.setObjectName("articleMenu")
        return menu

    @Slot(int, QPoint)
    def _on_article_context_menu(self, _article_id: int, where: QPoint) -> None:
        """Right-click on an article in the list: it is selected, so the commands apply to it
        (_target_article)."""
        menu = self.article_menu()
        menu.aboutToHide.connect(menu.deleteLater)  # its actions are the window's: they stay
        menu.popup(where)

    def _target_article(self) -> int | None:
        """What an article command applies to: the list's selection, else the open article."""
        return self.library_pane.current_id() or self.current_article_id()

    def set_reading_state(self, status: str) -> None:
        """Triage the selected article (else the one on screen): Done or Unread."""
        from storage.changes import Changes

        article_id = self._target_article()
        if article_id is None:
            return
        self.library.articles.set_status([article_id], status)
        self.events.library_changed.emit(Changes.of(read=[article_id]))
        label = {"done": "Done", "unread": "Unread"}[status]
        self.statusBar().showMessage(f"Marked as {label}", 3000)

    @Slot()
    def delete_current_article(self) -> None:
        """The article selected in the list (else the one on screen), undoably."""
        article_id = self._target_article()
        if article_id is None or self.editor is None:
            return
        try:
            titles = self.editor.delete_articles([article_id])
        except LibraryError as exc:
            self.statusBar().showMessage(f"Not deleted: {exc}", 6000)
            return
        self.statusBar().showMessage(f"Deleted “{titles[0]}” — Undo with Ctrl+Z", 6000)

    # -- changes to the library ------------------------------------------------------------

    @Slot(list)
    def _on_articles_changed(self, article_ids: list) -> None:
        """Undo of a delete: show what came back."""
        back = [i for i in article_ids if self.library.articles.exists(i)]
        if back and back[0] != self.current_article_id():
            self.open_article(back[0])

    @Slot(object)
    def _on_library_changed(self, changes: Changes) -> None:
        """Every change, whoever made it (an operation, an undoable edit, another process):
        the list, the open article and its highlights read again what concerns them."""
        if changes.replaced:
            self.library_replaced()
            self.statusBar().showMessage("The library was restored from a backup", 8000)
            return
        model = self.library_pane.model
        current = self.current_article_id()
        deleted_row = None
        if current is not None and current in changes.articles:
            deleted_row = model.row_of(current, fetch=False)
        filtered_by_state = self.library_pane.state.currentData() is not None
        if changes.everything or changes.articles or (changes.read and filtered_by_state):
            self.library_pane.reload(keep_scroll=True)
        else:
            for article_id in changes.annotated | changes.read:
                model.refresh_article(article_id)
            if changes.tags or changes.annotated:
                self.library_pane.reload_tags()
        if current is not None and (changes.everything or current in changes.articles):
            self._refresh_open_article(current, deleted_row)
        elif current is not None and (current in changes.annotated or changes.tags):
            self.article_opened(current)
        if self.annotation_actions is not None:
            self.annotation_actions.library_changed(changes)

    def _refresh_open_article(self, article_id: int, row: int | None) -> None:
        try:
            version = self.library.articles.version(article_id)
        except NotFound:  # deleted here or elsewhere: the article that took its place
            self.view.show_article(None)
            self.side_pane_show(None)
            self.actions.set_article_open(False)
            self.setWindowTitle("Postil")
            self.statusBar().showMessage("The article you were reading was deleted", 6000)
            model = self.library_pane.model
            if model.rowCount():
                self.open_article(model.article_id(min(row or 0, model.rowCount() - 1)))
            return
        if version != self.view.article.version:
            self.reload_current_article()
        else:
            self.article_opened(article_id)

    # -- settings and geometry -------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1360, 860)
        state = self.settings.get(WINDOW_STATE)
        if state:
            self.restoreState(QByteArray(state))
        self._splitter_state = self.settings.get(WINDOW_SPLITTER)

    def showEvent(self, event) -> None:
        """The panes get their sizes once the window has its own: sizes given to a splitter
        that has not been laid out yet are squeezed to its minimum and then lost."""
        super().showEvent(event)
        if self._splitter_state is None:
            return
        state, self._splitter_state = self._splitter_state, None
        if not (state and self.splitter.restoreState(QByteArray(state))):
            side = max(260, min(340, self.width() // 5))
            self.splitter.setSizes([side, self.width() - 2 * side, side])

    def save_state(self) -> None:
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(WINDOW_STATE, bytes(self.saveState().data()))
        self.settings.set(WINDOW_SPLITTER, bytes(self.splitter.saveState().data()))
        self.remember_position()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._import_dialog is not None:
            self._import_dialog.cancel_and_wait()
        if self._highlight_dialog is not None:
            self._highlight_dialog.cancel_and_wait()
        for op in list(self._operations):
            op.wait()  # a write in the background is finished, never cut short
        self.save_state()
        super().closeEvent(event)

    def _on_font_family_changed(self, family: str) -> None:
        self.view.set_font_family(family)
        self._check_font_action(family)

    def _check_font_action(self, family: str) -> None:
        for name in ("serif", "sans"):
            self.actions[f"font-{name}"].setChecked(name == family)

    @Slot()
    def show_reading_settings(self) -> None:
        """The reading settings popover, under the toolbar's Aa."""
        if self._reading_menu is None:
            from ui.reader.reading_settings import reading_menu

            self._reading_menu = reading_menu(settings=self.settings, parent=self)
        button = self.reading_button
        self._reading_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    @Slot(object)
    def _on_theme_changed(self, new_theme: Theme) -> None:
        self.view.set_theme(new_theme)
        self._paint_toolbar_icons()
        self.library_pane.set_theme(new_theme)  # its lists' frames
        if new_theme.name in THEME_NAMES:
            self.actions[f"theme-{new_theme.name}"].setChecked(True)
        self.actions["night"].setChecked(new_theme.name == "night")
        if self.annotation_actions is not None:
            self.side_pane.set_theme(new_theme)

    def _paint_toolbar_icons(self) -> None:
        """The toolbar's icons in the theme's ink, or their placeholders until setup is done
        (ui.theme.icons.placeholder_icon says why)."""
        drawn = self.themes.current if self.annotation_actions is not None else None
        self.actions.paint_toolbar_icons(drawn)
        self.theme_button.setIcon(
            themed_icon("theme", drawn) if drawn is not None else placeholder_icon()
        )

    @Slot()
    def _on_follow_system_toggled(self) -> None:
        self.settings.set(FOLLOW_SYSTEM, self.actions["followSystem"].isChecked())

    # -- operations ------------------------------------------------------------------------

    def run_operation(self, **options) -> LibraryOp:
        """A LibraryOp on this window's library and change signal, kept until it ends."""
        from ui.common.operations import LibraryOp

        op = LibraryOp(library_path=self.library.path, events=self.events, parent=self, **options)
        self._operations.add(op)
        op.succeeded.connect(lambda _r: self._operations.discard(op))
        op.failed.connect(lambda _e: self._operations.discard(op))
        return op

    # -- zoom ------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        current = self.settings.font_size()
        sizes = FONT_SIZES
        index = min(range(len(sizes)), key=lambda i: abs(sizes[i] - current))
        index = max(0, min(len(sizes) - 1, index + step))
        self.settings.set(FONT_SIZE, sizes[index])
        self.statusBar().showMessage(f"Text size {sizes[index]} pt", 1500)

    def reset_zoom(self) -> None:
        self.settings.set(FONT_SIZE, 0)
        self.statusBar().showMessage(f"Text size {DEFAULT_FONT_SIZE} pt (default)", 1500)

    @Slot(int)
    def _on_view_zoom_requested(self, step: int) -> None:
        self.zoom(step)

    # -- articles --------------------------------------------------------------------------

    def _load_image(self, article_id: int, key: str) -> QImage | None:
        found = self.library.articles.image(article_id, key)
        return image_from_bytes(found[1]) if found else None

    def current_article_id(self) -> int | None:
        return self.view.article.id if self.view.article else None

    def remember_position(self) -> None:
        if not self.library_writable:
            return
        article_id = self.current_article_id()
        if article_id is not None and self.library.articles.exists(article_id):
            self.library.articles.remember_place(
                article_id, self.view.top_offset(), self.view.progress()
            )
            from storage.changes import Changes  # after the first frame: a place is left

            self.events.library_changed.emit(Changes.of(read=[article_id]))

    @Slot(int)
    def open_link(self, link: str) -> bool:
        """A postil:// link (from an exported brief): the article, at its highlight when the
        link names one. False, and a line in the status bar, when this library has neither."""
        from core.export.links import parse_postil_link

        target = parse_postil_link(link)
        if target is None:
            self.statusBar().showMessage(f"Not a Postil link: {link}", 8000)
            return False
        article_id, annotation_id = target
        if not self.library.articles.exists(article_id):
            self.statusBar().showMessage(f"This library has no article {article_id}", 8000)
            return False
        if annotation_id is not None:
            try:
                record = self.library.annotations.get(annotation_id)
            except NotFound:
                record = None
            if record is None or record.article_id != article_id:
                self.open_article(article_id)
                self.statusBar().showMessage("That highlight is no longer in the article", 8000)
                return False
            if self.annotation_actions is None:  # the panel loads after the first frame
                self.setup_finished.connect(
                    lambda: self.annotation_actions.go_to(article_id, annotation_id)
                )
                self.open_article(article_id)
            else:
                self.annotation_actions.go_to(article_id, annotation_id)
        else:
            self.open_article(article_id)
        self.raise_()
        self.activateWindow()
        return True

    @Slot(int, int)
    def _on_found_highlight(self, article_id: int, annotation_id: int) -> None:
        """A highlight among the search results: its article, scrolled to it."""
        if self.annotation_actions is None:
            self.open_article(article_id)
        else:
            self.annotation_actions.go_to(article_id, annotation_id)

    def open_article(self, article_id: int, *, mark_opened: bool = True) -> None:
        """Show the article at its place. mark_opened=False when it already is the article
        read last: a start then writes nothing (a commit is an fsync, before the first frame)."""
        if article_id == self.current_article_id():
            return
        self.remember_position()
        try:
            article = self.library.articles.get(article_id)
        except NotFound:
            self.library_pane.reload()
            return
        position = self.library.articles.position(article_id)
        if self.annotation_actions is None:  # the first frame: the screens read from, first
            first_chars = position + 3 * self.view.screen_chars()
            self.view.show_article(article, first_chars=first_chars)  # finish_setup: the rest
        else:
            self.view.show_article(article)
        self.actions.set_article_open(True)
        self.setWindowTitle(f"{article.title} — Postil")
        self.library_pane.select(article_id)
        if mark_opened:
            self.library.articles.mark_opened(article_id)
        self.article_opened(article_id)
        self.view.scroll_to_offset(position)
        # Before the first show the view has no size yet: apply again once it has, unless
        # the analyst has moved since.
        bar = self.view.verticalScrollBar()
        expected = bar.value()

        def reapply() -> None:
            if self.current_article_id() == article_id and bar.value() == expected:
                self.view.scroll_to_offset(position)

        QTimer.singleShot(0, reapply)

    def library_replaced(self) -> None:
        """The library's contents were swapped (a restore): nothing shown or undoable refers
        to them any more; annotation ids are reused, so undo must forget the old ones."""
        if self.library_watch is not None:
            self.library_watch.acknowledge()
        if self.editor is not None:
            self.editor.stack.clear()
        if self.annotation_actions is not None:
            self.annotation_actions.forget_dialogs()
        self.view.show_article(None)
        self.actions.set_article_open(False)
        self.side_pane_show(None)
        self.library_pane.reload()
        self.open_start_article()

    def side_pane_show(self, article_id: int | None) -> None:
        if self.annotation_actions is not None:
            self.side_pane.show_article(article_id)

    def reload_current_article(self) -> None:
        """The article on screen got a new version: show it, where the analyst was reading
        (its highlights were re-anchored with it)."""
        article_id = self.current_article_id()
        if article_id is None:
            return
        position = self.view.top_offset()
        shown = self.view.article
        article = self.library.articles.get(article_id)
        self.view.show_article(article)
        self.article_opened(article_id)
        self.view.scroll_to_offset(position)
        if shown is not None and shown.text == article.text and shown.content == article.content:
            message = "Another capture of this article was kept as an older version"
        else:
            message = "A newer version of this article was imported"
        self.statusBar().showMessage(message, 5000)

    def article_opened(self, article_id: int) -> None:
        if self.annotation_actions is not None:
            self.side_pane.show_article(article_id)
            self.annotation_actions.refresh_highlights()
        else:  # the first frame, before the annotation panel exists: its highlights all the same
            from storage.highlight_spans import highlight_spans

            spans = highlight_spans(self.library.conn, article_id)
            self.view.set_highlights(spans, block_by_block=True)  # finish_setup sets them again

    def open_start_article(self) -> None:
        """The article read last, at its place; on a first start the library's first one."""
        article_id = self.library.articles.last_opened()
        if article_id is not None and self.library.articles.exists(article_id):
            self.open_article(article_id, mark_opened=False)
            return
        first = self.library_pane.model.article_id(0)
        if first is not None:
            self.open_article(first)

    # -- import ----------------------------------------------------------------------------

    @Slot()
    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs load on use, not before the first frame

        start = self.settings.dialog_folder()
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", start, IMPORT_FILTER)
        if files:
            self.settings.remember_folder(files[0])
            self.import_paths([Path(f) for f in files])

    @Slot()
    def choose_import_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, "Import a folder of articles", self.settings.dialog_folder()
        )
        if folder:
            self.settings.remember_folder(str(Path(folder).parent))
            self.import_paths([Path(folder)])

    @Slot()
    def choose_highlight_import(self) -> None:
        """File ▸ Import Highlights…: exports of Hypothesis, Omnivore or Readwise."""
        from PySide6.QtWidgets import QFileDialog

        from ui.importing.highlights import HIGHLIGHT_FILTER

        files, _ = QFileDialog.getOpenFileNames(
            self, "Import highlights", self.settings.dialog_folder(), HIGHLIGHT_FILTER
        )
        if files:
            self.settings.remember_folder(files[0])
            self.import_highlights([Path(f) for f in files])

    def import_highlights(self, paths: list[Path]) -> None:
        """Attach the highlights of export files, in the background, with a report."""
        if self._highlight_dialog is not None:
            self.statusBar().showMessage("Highlights are being imported already", 4000)
            return
        from ui.importing.highlights import HighlightImportDialog

        dialog = HighlightImportDialog(
            library_path=self.library.path, paths=paths, events=self.events, parent=self
        )
        dialog.finished_import.connect(self._on_highlight_import_finished)
        self._highlight_dialog = dialog
        dialog.start()

    @Slot(list)
    def _on_highlight_import_finished(self, reports: list) -> None:
        if self._highlight_dialog is not None:  # gone once the analyst closes its report
            self._highlight_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._highlight_dialog = None
        attached = sum(r.attached + r.orphaned for r in reports)
        self.statusBar().showMessage(f"Imported {attached} highlight(s)", 6000)
        if self.current_article_id() is None:
            for report in reports:
                for article_id in sorted(report.annotated | report.added_ids):
                    self.open_article(article_id)
                    return

    @Slot()
    def choose_other_capture(self) -> None:
        """Replace with Another Capture: the file chosen becomes the current version of the
        article selected in the list (else the one on screen), its highlights following; for
        the saved page of an article first kept as browser text, or the other way round."""
        from PySide6.QtWidgets import QFileDialog

        article_id = self._target_article()
        if article_id is None:
            return
        summary = self.library.articles.summaries([article_id]).get(article_id)
        if summary is None:  # deleted meanwhile
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            f"Replace “{summary.title}” with another capture",
            self.settings.dialog_folder(),
            IMPORT_FILTER,
        )
        if path:
            self.settings.remember_folder(path)
            self.import_paths([Path(path)], version_of=article_id)

    def import_paths(self, paths: list[Path], *, version_of: int | None = None) -> None:
        """Import files and folders; version_of: paths is one file, another capture of that
        article, to become its current version."""
        if self._import_dialog is not None:  # queued: never drop what was handed over
            queue = self._queued_imports
            if version_of is None and queue and queue[-1][1] is None:
                queue[-1][0].extend(paths)
            else:
                queue.append((list(paths), version_of))
            self.statusBar().showMessage("Queued after the import that is running", 3000)
            return
        from ui.importing.dialog import ImportProgressDialog

        dialog = ImportProgressDialog(
            library_path=self.library.path,
            paths=paths,
            version_of=version_of,
            events=self.events,
            parent=self,
        )
        dialog.finished_import.connect(self._on_import_finished)
        self._import_dialog = dialog
        dialog.start()

    @Slot(list)
    def _on_import_finished(self, reports: list) -> None:
        if self._import_dialog is not None:  # gone once the analyst closes its report
            self._import_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._import_dialog = None
        if self._queued_imports:
            paths, version_of = self._queued_imports.pop(0)
            QTimer.singleShot(0, lambda: self.import_paths(paths, version_of=version_of))
        # The list and the open article have refreshed from the import's changes already.
        outcomes = [r.outcome for r in reports if r.outcome is not None]
        if outcomes:
            if self.current_article_id() is None:
                self.open_article(outcomes[-1].article_id)
            self.library_pane.select(outcomes[-1].article_id)

    @Slot()
    def paste_article(self) -> None:
        """The clipboard's page or text becomes an article: read here, extracted and stored
        in the background (extraction of a long page takes a moment)."""
        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else None

        from storage.changes import Changes  # after the first frame

        def work(library, _task):
            from core.importers.dispatch import import_clipboard

            return library.articles.add(import_clipboard(html=html, text=text))

        op = self.run_operation(
            work=work,
            label="Paste as new article",
            changes=lambda outcome: Changes.of(articles=[outcome.article_id]),
        )
        op.succeeded.connect(self._on_paste_done)
        op.run()

    @Slot(object)
    def _on_paste_done(self, outcome) -> None:
        title = f"“{outcome.title}”"
        message = {
            "exists": "Already in the library",
            "updated": f"New version of {title}",
            "version": f"New version of {title}: another capture of it"
            if outcome.current
            else f"Kept as an older version of {title}: the better-structured capture stays",
        }.get(outcome.status, f"Imported {title}")
        self.statusBar().showMessage(message, 4000)
        if outcome.article_id != self.current_article_id():
            self.open_article(outcome.article_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- help ------------------------------------------------------------------------------

    @Slot()
    def show_shortcuts(self) -> None:
        from ui.shell.help import ShortcutsDialog

        dialog = ShortcutsDialog(actions=self.actions, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def show_about(self) -> None:
        from ui.shell.help import show_about

        show_about(self, self.library.path)

    # -- output ----------------------------------------------------------------------------

    @Slot()
    def export_brief(self) -> None:
        from ui.export.dialog import ExportDialog

        dialog = ExportDialog(
            library=self.library,
            current_article_id=self.current_article_id(),
            settings=self.settings,
            parent=self,
        )
        dialog.saved.connect(
            lambda path: self.statusBar().showMessage(f"Brief saved: {path}", 5000)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def copy_link(self) -> None:
        article = self.view.article
        if article is None or not article.url:
            self.statusBar().showMessage("This article has no source link", 3000)
            return
        QGuiApplication.clipboard().setText(article.url)
        self.statusBar().showMessage("Link copied", 2000)

    @Slot()
    def print_article(self) -> None:
        from ui.reader.printing import print_with_dialog

        if self.view.article is not None:
            print_with_dialog(self.view, notes=self._article_notes(), parent=self)

    def _article_notes(self) -> dict[int, str]:
        """The open article's notes by highlight, for the printed copy's endnotes."""
        if self.view.article is None:
            return {}
        return {
            a.id: a.note
            for a in self.library.annotations.for_article(self.view.article.id)
            if a.note.strip()
        }

    @Slot()
    def save_pdf(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from ui.reader.printing import save_pdf

        article = self.view.article
        if article is None:
            return
        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in article.title)[:80]
        suggested = str(Path(self.settings.dialog_folder()) / f"{name}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Save as PDF", suggested, "PDF (*.pdf)")
        if not path:
            return
        self.settings.remember_folder(path)
        if same_file(Path(path), self.library.path):
            QMessageBox.warning(self, "Save as PDF", f"{path} is the library itself; not saved.")
            return
        if save_pdf(self.view, Path(path), self._article_notes()):
            self.statusBar().showMessage(f"Saved {path}", 4000)
        else:
            QMessageBox.warning(self, "Save as PDF", f"The PDF could not be written to {path}.")
