"""The Export dialog: choose a scope, a layout, a template and a format, watch the brief in a
live preview as it will read, then save it to a file or copy it to the clipboard. The last
template and format chosen are remembered (EXPORT_TEMPLATE, EXPORT_FORMAT)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cli.document_writers import DOCUMENT_FORMATS, write_document
from core.export.brief import Brief, BriefScope, Layout
from core.export.brief_data import brief_data
from core.export.docx_brief import DOCX_TEMPLATES, write_docx
from core.export.docx_brief import names_read as docx_names_read
from core.export.files import write_atomically, write_file_atomically
from core.export.markdown_brief import BY_LAYOUT
from core.export.templates import TABLE, TemplateInfo, list_templates
from storage.brief_source import TITLE_PREFIX, default_title
from storage.errors import LibraryError
from storage.library import Library
from storage.library_files import refuse_library_target
from ui.annotations.pane import swatch_icon
from ui.app.settings import Option, Settings
from ui.common.operations import LibraryOp
from ui.export import preview as brief_preview
from ui.export.preview import BriefPreview, BriefRequest
from ui.reader.offline_browser import OfflineBrowser
from ui.theme.indicators import legible_indicators
from ui.theme.themes import THEMES, Theme

PREVIEW_DELAY_MS = 150
SCOPE_CURRENT, SCOPE_CHOSEN, SCOPE_MATCHING = 0, 1, 2
ArticleIdRole = Qt.ItemDataRole.UserRole + 1
EXPORT_TEMPLATE = Option(
    "export/template", str, "brief-by-article", "The brief template the Export dialog used last"
)
EXPORT_FORMAT = Option("export/format", str, "md", "The format the Export dialog used last")
FILTERS = {
    "md": "Markdown (*.md *.markdown)",
    "html": "Web page (*.html *.htm)",
    "csv": "CSV table (*.csv)",
    "pdf": "PDF document (*.pdf)",
    "odt": "OpenDocument text (*.odt)",
    "docx": "Word document (*.docx)",
}


# Presets that lay out their passages one way whatever the Layout box says: it is disabled
# for them. The analyst's own templates may read the layout, so it stays enabled for theirs.
LAYOUT_FREE = frozenset({"annotated-article", TABLE})
# What a Word file shows otherwise than its preview (the HTML of the same preset).
WORD_DIFFERS = {
    "annotated-article": "In the Word file the passages are shaded in place and the notes "
    "are comments in the margin.",
}
WORD_NOTES = "In the Word file the notes are comments in the margin."


def _source_format(fmt: str) -> str:
    """What the preview renders for a format: PDF, ODT and Word files are laid out from the
    HTML of the same preset (a Word file shades its passages as the HTML marks them)."""
    return {"pdf": "html", "odt": "html", "docx": "html"}.get(fmt, fmt)


def plural(count: int, word: str) -> str:
    """The count and its word: "1 passage", "3 passages"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _theme_of(palette_window: str) -> Theme:
    """The theme whose window colour the dialog wears (Light when none does)."""
    found = (t for t in THEMES.values() if t.window.lower() == palette_window.lower())
    return next(found, THEMES["light"])


def choose_save_path(parent: QWidget, suggested: str) -> str | None:
    """Ask where to save; None when the analyst cancels. Tests replace this function."""
    fmt = Path(suggested).suffix.lstrip(".")
    kinds = f"{FILTERS[fmt]};;All files (*)" if fmt in FILTERS else "All files (*)"
    path, _ = QFileDialog.getSaveFileName(parent, "Save brief", suggested, kinds)
    return path or None


class ArticleChoiceModel(QAbstractListModel):
    """Every article as a checkable row; holds ids, fetches titles a page at a time.

    Signals: checked_changed() whenever the set of chosen articles changes.
    """

    checked_changed = Signal()

    def __init__(self, *, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._ids = library.articles.ids()
        self._titles: dict[int, str] = {}
        self._checked: set[int] = set()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def _title(self, row: int) -> str:
        article_id = self._ids[row]
        if article_id not in self._titles:
            page = self._ids[row : row + 200]
            for found, summary in self._library.articles.summaries(page).items():
                self._titles[found] = summary.title
        return self._titles.get(article_id, "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        article_id = self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._title(index.row())
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = article_id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == ArticleIdRole:
            return article_id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: object, role: int = 2
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        article_id = self._ids[index.row()]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(article_id)
        else:
            self._checked.discard(article_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def checked_ids(self) -> tuple[int, ...]:
        """In list order, so the same choice always gives the same scope."""
        return tuple(i for i in self._ids if i in self._checked)


class ExportDialog(QDialog):
    """Signals: preview_updated(str) with the exported text each time the preview is rebuilt;
    saved(str) with the path after a brief was written."""

    preview_updated = Signal(str)
    saved = Signal(str)

    def __init__(
        self,
        *,
        library: Library,
        current_article_id: int | None,
        settings: Settings | None = None,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings  # where the Save dialog starts, and remembers
        # the colour chips' theme: the one given, else the one the window wears
        self._theme = theme or _theme_of(self.palette().window().color().name())
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export brief")
        self.resize(1000, 680)
        self.library = library
        self.current_article_id = current_article_id
        self.markdown = ""  # the exported text, in the chosen format
        self._format = "md"
        self._brief: Brief | None = None
        self._requests = 0  # numbers the previews asked for: only the newest answer counts
        self._jobs: dict[int, LibraryOp] = {}  # previews being built, kept until answered
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

        controls = QWidget(self)
        column = QVBoxLayout(controls)
        column.addWidget(self._make_scope_box())
        column.addWidget(self._make_layout_box())
        form = self._make_template_row()
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("exportTitle")
        self.title_edit.textChanged.connect(self._on_choice_changed)
        form.addRow("&Title:", self.title_edit)  # in line with Template and Format
        column.addLayout(form)
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        column.addWidget(self.status)

        self.preview = OfflineBrowser(self)
        self.preview.setObjectName("exportPreview")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(controls)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton("&Save…", self)
        self.copy_button = QPushButton("&Copy", self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._on_save_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        legible_indicators(self)
        self._sync_enabled()
        self._refresh_in_background()

    # -- building ----------------------------------------------------------------------------

    def _make_scope_box(self) -> QGroupBox:
        box = QGroupBox("Scope", self)
        column = QVBoxLayout(box)
        self.scope_group = QButtonGroup(self)
        self.current_radio = QRadioButton("C&urrent article", box)
        self.chosen_radio = QRadioButton("C&hosen articles", box)
        self.matching_radio = QRadioButton("&Everything matching", box)
        for number, radio in enumerate(
            (self.current_radio, self.chosen_radio, self.matching_radio)
        ):
            self.scope_group.addButton(radio, number)
        self.current_radio.setEnabled(self.current_article_id is not None)
        start = self.current_radio if self.current_article_id is not None else self.matching_radio
        start.setChecked(True)
        self.scope_group.idToggled.connect(self._on_scope_toggled)

        self.article_model = ArticleChoiceModel(library=self.library, parent=self)
        self.article_model.checked_changed.connect(self._on_choice_changed)
        self.article_list = QListView(box)
        self.article_list.setObjectName("exportArticles")
        self.article_list.setModel(self.article_model)
        self.article_list.setUniformItemSizes(True)
        self.article_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        column.addWidget(self.current_radio)
        column.addWidget(self.chosen_radio)
        column.addWidget(self.article_list)
        column.addWidget(self.matching_radio)
        column.addWidget(self._make_filters())
        return box

    def _make_filters(self) -> QWidget:
        self.filters = QWidget(self)
        form = QFormLayout(self.filters)
        self.tag_list = QListWidget(self.filters)
        self.tag_list.setObjectName("exportTags")
        for name in self.library.tags.names():
            item = QListWidgetItem(name, self.tag_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.tag_list.itemChanged.connect(self._on_choice_changed)
        form.addRow("Tags:", self.tag_list)

        colours = QWidget(self.filters)
        colour_column = QVBoxLayout(colours)
        colour_column.setContentsMargins(0, 0, 0, 0)
        self.color_boxes: dict[str, QCheckBox] = {}
        for color in self.library.colors.all():
            name = color.name.title()  # as All Highlights and the annotations pane name it
            label = f"{name} — {color.meaning}" if color.meaning else name
            box = QCheckBox(label, colours)
            box.setIcon(swatch_icon(self._theme.swatch(color.name)))
            box.setObjectName(f"exportColor_{color.name}")
            box.toggled.connect(self._on_choice_changed)
            self.color_boxes[color.name] = box
            colour_column.addWidget(box)
        form.addRow("Colours:", colours)

        self.since_check, self.since_edit = self._date_row(form, "From:")
        self.until_check, self.until_edit = self._date_row(form, "Until:")
        self.search_edit = QLineEdit(self.filters)
        self.search_edit.setObjectName("exportSearch")
        self.search_edit.setPlaceholderText("words in passages, notes or articles")
        self.search_edit.textChanged.connect(self._on_choice_changed)
        form.addRow("Search:", self.search_edit)
        return self.filters

    def _date_row(self, form: QFormLayout, label: str) -> tuple[QCheckBox, QDateEdit]:
        row = QWidget(self.filters)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        check = QCheckBox(row)
        edit = QDateEdit(QDate.currentDate(), row)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(self._on_choice_changed)
        edit.dateChanged.connect(self._on_choice_changed)
        line.addWidget(check)
        line.addWidget(edit, 1)
        form.addRow(label, row)
        return check, edit

    def _make_layout_box(self) -> QGroupBox:
        box = self.layout_box = QGroupBox("Layout", self)
        box.setObjectName("exportLayout")
        row = QHBoxLayout(box)
        self.layout_group = QButtonGroup(self)
        self.by_article_radio = QRadioButton("By &article", box)
        self.by_tag_radio = QRadioButton("By ta&g", box)
        self.layout_group.addButton(self.by_article_radio)
        self.layout_group.addButton(self.by_tag_radio)
        self.by_article_radio.setChecked(True)
        self.layout_group.buttonToggled.connect(self._on_layout_changed)
        row.addWidget(self.by_article_radio)
        row.addWidget(self.by_tag_radio)
        return box

    def _make_template_row(self) -> QFormLayout:
        form = QFormLayout()
        self._templates: list[TemplateInfo] = list_templates()
        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("exportTemplate")
        for name in dict.fromkeys(t.name for t in self._templates):
            title = next(t.title for t in self._templates if t.name == name)
            self.template_combo.addItem(title, name)
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        form.addRow("Te&mplate:", self.template_combo)
        form.addRow("&Format:", self.format_combo)
        name = self._settings.get(EXPORT_TEMPLATE) if self._settings else "brief-by-article"
        fmt = self._settings.get(EXPORT_FORMAT) if self._settings else "md"
        index = self.template_combo.findData(name)
        self.template_combo.setCurrentIndex(max(index, 0))
        self._fill_formats(fmt)
        self._layout_from_template()
        self.template_combo.currentIndexChanged.connect(self._on_template_changed)
        self.format_combo.currentIndexChanged.connect(self._on_choice_changed)
        return form

    def _fill_formats(self, wanted: str) -> None:
        name = self.template_choice()
        formats = [t.format for t in self._templates if t.name == name]
        if "html" in formats:  # laid out by Qt from the HTML template
            formats += list(DOCUMENT_FORMATS)
        builtin = any(t.builtin for t in self._templates if t.name == name)
        if builtin and name in DOCX_TEMPLATES:  # laid out by core.export.docx_brief
            formats.append("docx")
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        for fmt in formats:
            self.format_combo.addItem(FILTERS.get(fmt, fmt).split(" (")[0], fmt)
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(wanted), 0))
        self.format_combo.blockSignals(False)

    def _layout_from_template(self) -> None:
        """The two brief presets are the two layouts: choosing one sets the radio. A preset
        that ignores the layout disables the box, and says so in its tooltip."""
        name = self.template_choice()
        builtin = any(t.builtin for t in self._templates if t.name == name)
        free = builtin and name in LAYOUT_FREE
        self.layout_box.setEnabled(not free)
        title = self.template_combo.currentText()
        self.layout_box.setToolTip(f"{title} does not group its passages." if free else "")
        radios = {"brief-by-article": self.by_article_radio, "brief-by-tag": self.by_tag_radio}
        radio = radios.get(name)
        if radio is not None and not radio.isChecked():
            self.layout_group.blockSignals(True)
            radio.setChecked(True)
            self.layout_group.blockSignals(False)

    def select_template(self, name: str, fmt: str | None = None) -> None:
        """Choose a template (and format) as the combo boxes would."""
        self.template_combo.setCurrentIndex(self.template_combo.findData(name))
        if fmt is not None:
            self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def template_choice(self) -> str:
        return self.template_combo.currentData() or "brief-by-article"

    def format_choice(self) -> str:
        return self.format_combo.currentData() or "md"

    # -- the choices -------------------------------------------------------------------------

    def scope(self) -> BriefScope:
        mode = self.scope_group.checkedId()
        if mode == SCOPE_CURRENT and self.current_article_id is not None:
            return BriefScope(article_ids=(self.current_article_id,))
        if mode == SCOPE_CHOSEN:
            return BriefScope(article_ids=self.article_model.checked_ids())
        tags = tuple(
            self.tag_list.item(i).text()
            for i in range(self.tag_list.count())
            if self.tag_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return BriefScope(
            tags=tags,
            colors=tuple(name for name, box in self.color_boxes.items() if box.isChecked()),
            since=self.since_edit.date().toPython() if self.since_check.isChecked() else None,
            until=self.until_edit.date().toPython() if self.until_check.isChecked() else None,
            search=self.search_edit.text().strip() or None,
        )

    def layout_choice(self) -> Layout:
        return Layout.TAG if self.by_tag_radio.isChecked() else Layout.ARTICLE

    def refresh(self) -> None:
        """Rebuild the brief and its preview now, here: Save and Copy need the brief as the
        choices stand. After a change of choice the dialog rebuilds in the background."""
        request = self._next_request()
        if request is None:
            return
        try:
            preview = brief_preview.build_preview(self.library, request)
        except (LibraryError, ValueError) as exc:
            self._show_problem(str(exc))
            return
        self._show(preview)

    @property
    def updating(self) -> bool:
        """A change of choice is not in the preview yet."""
        return self._timer.isActive() or self._requests in self._jobs

    def _next_request(self) -> BriefRequest | None:
        """The choices as they stand; any answer still on its way is out of date from now."""
        self._timer.stop()
        self._requests += 1
        scope = self.scope()
        if self.scope_group.checkedId() == SCOPE_CHOSEN and not scope.article_ids:
            self._show_problem("Tick the articles to export.")
            return None
        if self._settings is not None:
            self._settings.set(EXPORT_TEMPLATE, self.template_choice())
            self._settings.set(EXPORT_FORMAT, self.format_choice())
        fmt = self.format_choice()
        return BriefRequest(
            scope,
            self.layout_choice(),
            self.title_edit.text().strip() or self._default_title(scope),
            self.template_choice(),
            _source_format(fmt),
        )

    def _default_title(self, scope: BriefScope) -> str:
        """The title the brief gets when the analyst gives none: the brief's own ("" here)
        but for the annotated article, which is the article itself: titled by what it covers,
        without "Brief: " before it."""
        if self.template_choice() != "annotated-article":
            return ""
        try:
            return default_title(self.library, scope).removeprefix(TITLE_PREFIX)
        except LibraryError:
            return ""  # the scope names nothing: the preview says so

    def _refresh_in_background(self) -> None:
        request = self._next_request()
        if request is None:
            return
        number = self._requests
        job = LibraryOp(
            work=lambda library, _task: brief_preview.build_preview(library, request),
            library_path=self.library.path,
            label="Preview",
            must_finish=False,  # read-only: nothing is lost if the app quits first
            quiet=True,  # the dialog says what went wrong, in its status line
            parent=self,
        )
        job.succeeded.connect(lambda preview: self._on_preview_ready(number, preview))
        job.failed.connect(lambda exc: self._on_preview_failed(number, str(exc)))
        self._jobs[number] = job
        self.status.setText("Updating the preview…")
        job.run()

    def _paper(self, on: bool) -> None:
        """An HTML brief is previewed as a browser shows it, on white paper in its own dark
        ink whatever the theme (in Night its dark text stood on the dark window); the other
        formats follow the theme."""
        from PySide6.QtGui import QColor, QPalette

        palette = QPalette(self.palette())
        if on:
            for role, colour in (
                (QPalette.ColorRole.Base, "#ffffff"),
                (QPalette.ColorRole.Text, "#1f2023"),
                (QPalette.ColorRole.Link, "#1f5fa8"),
            ):
                palette.setColor(role, QColor(colour))
        self.preview.setPalette(palette)

    def _show(self, preview: BriefPreview) -> None:
        self._brief = preview.brief
        self.markdown = preview.markdown
        self._format = preview.format
        cited = len({p.article_id for p in self._brief.passages})
        status = f"{plural(len(self._brief.passages), 'passage')} from {plural(cited, 'article')}."
        if self.format_choice() == "docx":
            status += " " + WORD_DIFFERS.get(self.template_choice(), WORD_NOTES)
        self.status.setText(status)
        self.title_edit.setPlaceholderText(self._brief.title)
        self._paper(preview.format == "html")
        self.preview.setHtml(preview.html)
        self._sync_enabled()
        self.preview_updated.emit(self.markdown)

    def _show_problem(self, message: str) -> None:
        self._brief = None
        self.markdown = ""
        self.status.setText(message)
        self.preview.setHtml("")
        self._sync_enabled()
        self.preview_updated.emit("")

    def _sync_enabled(self) -> None:
        mode = self.scope_group.checkedId()
        self.article_list.setEnabled(mode == SCOPE_CHOSEN)
        self.filters.setEnabled(mode == SCOPE_MATCHING)
        self.save_button.setEnabled(bool(self.markdown))
        self.copy_button.setEnabled(bool(self.markdown))

    def _suggested_name(self) -> str:
        title = self._brief.title if self._brief else "brief"
        safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title)
        return "-".join(safe.split())[:80] or "brief"

    # -- slots -------------------------------------------------------------------------------

    @Slot()
    def _on_choice_changed(self, *_: object) -> None:
        self._sync_enabled()
        self._timer.start()

    @Slot(int)
    def _on_template_changed(self, _index: int) -> None:
        self._fill_formats(self.format_choice())
        self._layout_from_template()
        self._on_choice_changed()

    @Slot()
    def _on_layout_changed(self, *_: object) -> None:
        """Switching layout while a brief preset is chosen switches to the other preset."""
        if self.template_choice() in BY_LAYOUT.values():
            index = self.template_combo.findData(BY_LAYOUT[self.layout_choice()])
            if index >= 0:
                self.template_combo.blockSignals(True)
                self.template_combo.setCurrentIndex(index)
                self.template_combo.blockSignals(False)
                self._fill_formats(self.format_choice())
        self._on_choice_changed()

    @Slot(int, bool)
    def _on_scope_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._on_choice_changed()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._refresh_in_background()

    @Slot(int, object)
    def _on_preview_ready(self, number: int, preview: BriefPreview) -> None:
        self._jobs.pop(number, None)
        if number == self._requests:
            self._show(preview)

    @Slot(int, str)
    def _on_preview_failed(self, number: int, message: str) -> None:
        self._jobs.pop(number, None)
        if number == self._requests:
            self._show_problem(message)

    @Slot()
    def _on_save_clicked(self) -> None:
        if self.updating:
            self.refresh()
        if not self.markdown:
            return
        chosen = self.format_choice()
        fmt = chosen if chosen in (*DOCUMENT_FORMATS, "docx") else self._format
        name = f"{self._suggested_name()}.{fmt}"
        if self._settings is not None:
            name = str(Path(self._settings.dialog_folder()) / name)
        path = choose_save_path(self, name)
        if path is None:
            return
        if self._settings is not None:
            self._settings.remember_folder(path)
        try:
            refuse_library_target(path, self.library.path)
            if fmt == "docx" and self._brief is not None:
                name = self.template_choice()
                data = brief_data(self._brief, docx_names_read(name))
                write_file_atomically(path, lambda temp: write_docx(data, name, temp))
            elif fmt in DOCUMENT_FORMATS:
                brief = self._brief
                title = brief.title if brief is not None else ""
                generated = brief.generated if brief is not None else None
                write_document(fmt, self.markdown, path, title=title, generated=generated)
            else:
                write_atomically(path, self.markdown)
        except ValueError as exc:
            self.status.setText(f"Not saved: {exc}")
            return
        except OSError as exc:
            self.status.setText(f"Could not save: {exc.strerror or exc}")
            return
        self.status.setText(f"Saved to {Path(path).name}.")
        self.saved.emit(path)

    @Slot()
    def _on_copy_clicked(self) -> None:
        if self.updating:
            self.refresh()
        if self.markdown:
            QGuiApplication.clipboard().setText(self.markdown)
            self.status.setText("Copied to the clipboard.")
