"""The window analysts live in: library, article, annotations, in one splitter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
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
from ui.app.settings import DEFAULT_FONT_SIZE, FONT_SIZES, Settings
from ui.first_frame import Qt
from ui.library.pane import LibraryPane
from ui.reader.article_view import ArticleView, image_from_bytes
from ui.reader.find_bar import FindBar
from ui.theme.manager import ThemeManager
from ui.theme.themes import THEME_LABELS, THEME_NAMES, Theme

if TYPE_CHECKING:  # names only: PySide builds a type (and its enums) when it is imported
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QImage

IMPORT_FILTER = "Articles (*.html *.htm *.mhtml *.mht *.txt *.md *.markdown);;All files (*)"


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
        self._queued_imports: list[Path] = []
        self.library_writable = True  # False once the library is found damaged

        self.library_pane = LibraryPane(library=library, parent=self)
        self.library_pane.article_activated.connect(self.open_article)
        self.view = ArticleView(load_image=self._load_image, parent=self)
        self.view.zoom_requested.connect(self._on_view_zoom_requested)
        self.find_bar = FindBar(view=self.view, parent=self)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.view, 1)
        centre_layout.addWidget(self.find_bar)
        self.editor = None  # AnnotationEditor, made with the annotations pane
        self.annotation_actions = None
        self.library_watch = None  # ui.common.library_watch.LibraryWatch, made with the panes
        self.delete_article_action = None
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

        self._make_actions()
        self._make_menus_and_toolbar()
        self.statusBar().setSizeGripEnabled(True)
        themes.theme_changed.connect(self._on_theme_changed)
        settings.changed.connect(self._on_settings_changed)
        self._on_theme_changed(themes.current)
        self.view.set_font_family(settings.get("reader/font_family"))
        self.view.set_font_size(settings.font_size())
        self.library_pane.set_sort(settings.get("library/sort"))
        self.library_pane.sort.currentIndexChanged.connect(
            lambda _i: settings.set("library/sort", self.library_pane.sort.currentData())
        )
        self._restore_geometry()
        if defer_panels:  # the first frame shows the library and the article; the rest follows
            after_first_paint(self.view.viewport(), self.finish_setup)
        else:
            self.finish_setup()
        # The benchmark's probe goes last: Qt calls the newest event filter first, so its
        # report is queued before the deferred setup and measures the frame, not what follows.
        watch_first_paint(self.view.viewport())

    # -- building --------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot,
        shortcut=None,
        *,
        tip: str = "",
        name: str = "",
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.setObjectName(name or text)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        sk = QKeySequence.StandardKey
        self.import_action = self._action(
            "&Import…",
            self.choose_import,
            sk.Open,
            tip="Import files or a folder (Ctrl+O)",
            name="import",
        )
        self.import_folder_action = self._action(
            "Import &Folder…", self.choose_import_folder, name="importFolder"
        )
        self.paste_action = self._action(
            "&Paste as New Article",
            self.paste_article,
            "Ctrl+Shift+V",
            name="paste",
            tip="Import the clipboard's page or text (Ctrl+Shift+V)",
        )
        self.export_action = self._action(
            "&Export Brief…",
            self.export_brief,
            "Ctrl+E",
            name="export",
            tip="Export highlights as a Markdown brief (Ctrl+E)",
        )
        self.print_action = self._action("&Print…", self.print_article, sk.Print, name="print")
        self.pdf_action = self._action("Save as P&DF…", self.save_pdf, "Ctrl+Shift+P", name="pdf")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q", name="quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.copy_link_action = self._action(
            "Copy &Link",
            self.copy_link,
            "Ctrl+Shift+L",
            name="copyLink",
            tip="Copy the article's source link",
        )
        self.find_action = self._action(
            "&Find in Article…", self.find_bar.open_bar, sk.Find, name="find"
        )
        self.search_action = self._action(
            "&Search Library", self.library_pane.focus_search, "Ctrl+Shift+F", name="searchLibrary"
        )
        self.larger_action = self._action(
            "A+",
            lambda: self.zoom(+1),
            ["Ctrl+=", "Ctrl++"],
            name="larger",
            tip="Larger text (Ctrl++)",
        )
        self.smaller_action = self._action(
            "A−", lambda: self.zoom(-1), "Ctrl+-", name="smaller", tip="Smaller text (Ctrl+-)"
        )
        self.reset_zoom_action = self._action(
            "Default Text Size", self.reset_zoom, "Ctrl+0", name="resetZoom"
        )
        self.night_action = self._action(
            "Night Theme", self.themes.toggle_night, "Ctrl+Shift+D", name="night", checkable=True
        )
        self.follow_system_action = self._action(
            "Follow System Light/Dark",
            self._on_follow_system_toggled,
            name="followSystem",
            checkable=True,
        )
        self.follow_system_action.setChecked(self.settings.get("theme/follow_system"))
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEME_NAMES:
            action = QAction(THEME_LABELS[name], self, checkable=True)
            action.setObjectName(f"theme-{name}")
            action.triggered.connect(lambda _c=False, n=name: self.themes.set_theme(n))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.font_group = QActionGroup(self)
        self.font_actions: dict[str, QAction] = {}
        for family, label in (("serif", "Serif"), ("sans", "Sans Serif")):
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"font-{family}")
            action.setChecked(self.settings.get("reader/font_family") == family)
            action.triggered.connect(
                lambda _c=False, f=family: self.settings.set("reader/font_family", f)
            )
            self.font_group.addAction(action)
            self.font_actions[family] = action

    def _make_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.import_action, self.import_folder_action, self.paste_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.file_menu = file_menu
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.pdf_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        self.edit_menu = edit_menu
        edit_menu.addAction(self.copy_link_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.search_action)
        view_menu = bar.addMenu("&View")
        for action in (self.larger_action, self.smaller_action, self.reset_zoom_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in self.font_actions.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in self.theme_actions.values():
            view_menu.addAction(action)
        view_menu.addAction(self.night_action)
        view_menu.addAction(self.follow_system_action)
        self.view_menu = view_menu

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setStyleSheet("QToolBar { border: none; spacing: 4px; padding: 2px 6px; }")
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.paste_action)
        toolbar.addSeparator()
        toolbar.addAction(self.smaller_action)
        toolbar.addAction(self.larger_action)
        toolbar.addSeparator()
        theme_button = QToolButton(self)
        theme_button.setText("Theme")
        theme_button.setObjectName("themeButton")
        theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        theme_menu = self.menuBar().addMenu("Theme")
        theme_menu.menuAction().setVisible(False)
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        theme_menu.addSeparator()
        theme_menu.addAction(self.follow_system_action)
        theme_button.setMenu(theme_menu)
        toolbar.addWidget(theme_button)
        toolbar.addAction(self.find_action)
        toolbar.addAction(self.export_action)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def finish_setup(self) -> None:
        """The annotations pane and its commands; after the first frame when deferred."""
        if self.annotation_actions is not None:
            return
        from ui.annotations.actions import AnnotationActions
        from ui.annotations.editor import AnnotationEditor
        from ui.annotations.pane import AnnotationsPane

        self.editor = AnnotationEditor(library=self.library, parent=self)
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
        self.editor.articles_changed.connect(self._on_articles_changed)
        self.editor.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self._make_delete_action()
        from ui.common.library_watch import LibraryWatch

        self.library_watch = LibraryWatch(library=self.library, parent=self)
        self.library_watch.changed.connect(self.refresh_from_library)
        self.library_watch.replaced.connect(self._on_library_replaced_elsewhere)
        if self.current_article_id() is not None:
            self.article_opened(self.current_article_id())
        self.setup_finished.emit()

    def _make_delete_action(self) -> None:
        """Delete Article: from the menu, or the Delete key in the library list (not in the
        reader, where Delete must never throw away an article by accident)."""
        self.delete_article_action = self._action(
            "&Delete Article",
            self.delete_current_article,
            "Ctrl+Shift+Backspace",
            name="deleteArticle",
            tip="Delete the selected article with its highlights (undo with Ctrl+Z)",
        )
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.delete_article_action)
        in_list = QAction("Delete Article", self.library_pane.view)
        in_list.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        in_list.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        in_list.triggered.connect(self.delete_current_article)
        self.library_pane.view.addAction(in_list)
        self.delete_in_list_action = in_list

    @Slot()
    def delete_current_article(self) -> None:
        """The article selected in the list (else the one on screen), undoably."""
        article_id = self.library_pane.current_id() or self.current_article_id()
        if article_id is None or self.editor is None:
            return
        try:
            titles = self.editor.delete_articles([article_id])
        except LibraryError as exc:
            self.statusBar().showMessage(f"Not deleted: {exc}", 6000)
            return
        self.statusBar().showMessage(f"Deleted “{titles[0]}” — Undo with Ctrl+Z", 6000)

    @Slot(list)
    def _on_articles_changed(self, article_ids: list) -> None:
        """An article was deleted or put back (by undo): the list and the reader follow."""
        model = self.library_pane.model
        row = model.row_of(article_ids[0], fetch=False) if article_ids else None
        self.refresh_from_library()
        back = [i for i in article_ids if self.library.articles.exists(i)]
        if back:  # undo of a delete: show what came back
            self.open_article(back[0])
        elif self.current_article_id() is None and model.rowCount():
            # the article that took the deleted one's place in the list
            self.open_article(model.article_id(min(row or 0, model.rowCount() - 1)))

    @Slot()
    def refresh_from_library(self) -> None:
        """Someone else changed the library (the command line, an import worker, undo of a
        delete): lists, the open article and its highlights are read again."""
        self.library_pane.reload(keep_scroll=True)
        article_id = self.current_article_id()
        if article_id is None:
            return
        try:
            version = self.library.articles.version(article_id)
        except NotFound:
            self.view.show_article(None)
            self.side_pane_show(None)
            self.setWindowTitle("Postil")
            self.statusBar().showMessage("The article you were reading was deleted", 6000)
            return
        if version != self.view.article.version:
            self.reload_current_article()
        else:
            self.article_opened(article_id)

    @Slot()
    def _on_library_replaced_elsewhere(self) -> None:
        self.library_replaced()
        self.statusBar().showMessage("The library was restored from a backup", 8000)

    # -- settings and geometry -------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.get("window/geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1360, 860)
        state = self.settings.get("window/state")
        if state:
            self.restoreState(QByteArray(state))
        self._splitter_state = self.settings.get("window/splitter")

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
        self.settings.set("window/geometry", bytes(self.saveGeometry().data()))
        self.settings.set("window/state", bytes(self.saveState().data()))
        self.settings.set("window/splitter", bytes(self.splitter.saveState().data()))
        self.remember_position()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._import_dialog is not None:
            self._import_dialog.cancel_and_wait()
        self.save_state()
        super().closeEvent(event)

    @Slot(str)
    def _on_settings_changed(self, name: str) -> None:
        if name == "reader/font_size":
            self.view.set_font_size(self.settings.font_size())
        elif name == "reader/font_family":
            family = self.settings.get("reader/font_family")
            self.view.set_font_family(family)
            self.font_actions[family].setChecked(True)
        elif name == "theme/follow_system":
            self.follow_system_action.setChecked(self.settings.get("theme/follow_system"))

    @Slot(object)
    def _on_theme_changed(self, new_theme: Theme) -> None:
        self.view.set_theme(new_theme)
        view = self.library_pane.view
        view.setStyleSheet(new_theme.list_frame(view.objectName()))
        if new_theme.name in self.theme_actions:
            self.theme_actions[new_theme.name].setChecked(True)
        self.night_action.setChecked(new_theme.name == "night")
        if hasattr(self.side_pane, "set_theme"):
            self.side_pane.set_theme(new_theme)

    @Slot()
    def _on_follow_system_toggled(self) -> None:
        self.settings.set("theme/follow_system", self.follow_system_action.isChecked())

    # -- zoom ------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        current = self.settings.font_size()
        sizes = FONT_SIZES
        index = min(range(len(sizes)), key=lambda i: abs(sizes[i] - current))
        index = max(0, min(len(sizes) - 1, index + step))
        self.settings.set("reader/font_size", sizes[index])
        self.statusBar().showMessage(f"Text size {sizes[index]} pt", 1500)

    def reset_zoom(self) -> None:
        self.settings.set("reader/font_size", 0)
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
            self.library.articles.mark_opened(article_id, self.view.top_offset())

    @Slot(int)
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
        self.view.show_article(article)
        self.setWindowTitle(f"{article.title} — Postil")
        self.library_pane.select(article_id)
        position = self.library.articles.position(article_id)
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
        self.view.show_article(self.library.articles.get(article_id))
        self.article_opened(article_id)
        self.view.scroll_to_offset(position)
        self.statusBar().showMessage("A newer version of this article was imported", 5000)

    def article_opened(self, article_id: int) -> None:
        if self.annotation_actions is not None:
            self.side_pane.show_article(article_id)
            self.annotation_actions.refresh_highlights()
        else:  # the first frame, before the annotation panel exists: its highlights all the same
            from storage.highlight_spans import highlight_spans

            self.view.set_highlights(highlight_spans(self.library.conn, article_id))

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

        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", IMPORT_FILTER)
        if files:
            self.import_paths([Path(f) for f in files])

    @Slot()
    def choose_import_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        if self._import_dialog is not None:  # queued: never drop what was handed over
            self._queued_imports.extend(paths)
            self.statusBar().showMessage("Queued after the import that is running", 3000)
            return
        from ui.importing.dialog import ImportProgressDialog

        dialog = ImportProgressDialog(library_path=self.library.path, paths=paths, parent=self)
        dialog.finished_import.connect(self._on_import_finished)
        self._import_dialog = dialog
        dialog.start()

    @Slot(list)
    def _on_import_finished(self, reports: list) -> None:
        if self._import_dialog is not None:  # gone once the analyst closes its report
            self._import_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._import_dialog = None
        if self._queued_imports:
            queued, self._queued_imports = self._queued_imports, []
            QTimer.singleShot(0, lambda: self.import_paths(queued))
        self.library_pane.reload()
        outcomes = [r.outcome for r in reports if r.outcome is not None]
        if any(
            o.status == "updated" and o.article_id == self.current_article_id() for o in outcomes
        ):
            self.reload_current_article()
        if outcomes:
            if self.current_article_id() is None:
                self.open_article(outcomes[-1].article_id)
            self.library_pane.select(outcomes[-1].article_id)

    @Slot()
    def paste_article(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from core.importers.dispatch import import_clipboard
        from core.importers.errors import ImportRefused

        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else None
        try:
            outcome = self.library.articles.add(import_clipboard(html=html, text=text))
        except (ImportRefused, LibraryError) as exc:
            QMessageBox.warning(self, "Paste as new article", f"Nothing was imported: {exc}")
            return
        self.library_pane.reload()
        message = (
            "Already in the library"
            if outcome.status == "exists"
            else f"Imported “{outcome.title}”"
        )
        self.statusBar().showMessage(message, 4000)
        if outcome.status == "updated" and outcome.article_id == self.current_article_id():
            self.reload_current_article()
        else:
            self.open_article(outcome.article_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- output ----------------------------------------------------------------------------

    @Slot()
    def export_brief(self) -> None:
        from ui.export.dialog import ExportDialog

        dialog = ExportDialog(
            library=self.library, current_article_id=self.current_article_id(), parent=self
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
            print_with_dialog(self.view, parent=self)

    @Slot()
    def save_pdf(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from ui.reader.printing import save_pdf

        article = self.view.article
        if article is None:
            return
        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in article.title)[:80]
        path, _ = QFileDialog.getSaveFileName(self, "Save as PDF", f"{name}.pdf", "PDF (*.pdf)")
        if not path:
            return
        if same_file(Path(path), self.library.path):
            QMessageBox.warning(self, "Save as PDF", f"{path} is the library itself; not saved.")
            return
        if save_pdf(self.view, Path(path)):
            self.statusBar().showMessage(f"Saved {path}", 4000)
        else:
            QMessageBox.warning(self, "Save as PDF", f"The PDF could not be written to {path}.")
