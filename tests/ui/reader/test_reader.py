"""The reader driven as an analyst would: keys, clicks, and what the window then shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from storage.library import Library
from tests.ui.conftest import LONG, article
from ui.app.settings import DEFAULT_FONT_SIZE
from ui.library.model import LibraryModel


def test_library_model_passes_modeltester(qtmodeltester, library: Library) -> None:
    for i in range(30):
        library.articles.add(article(f"Article {i}", [f"Body number {i} of the test."]))
    model = LibraryModel(library=library)
    qtmodeltester.check(model)
    model.set_query("number")
    qtmodeltester.check(model)
    assert model.rowCount() == 30


def test_first_start_opens_first_article_and_keys_move(qtbot, make_window, seeded) -> None:
    window = make_window()
    assert window.view.article.id == seeded["bridge"]
    assert "New bridge opens in Homs" in window.view.toPlainText()
    list_view = window.library_pane.view
    list_view.setFocus()
    qtbot.keyClick(list_view, Qt.Key.Key_Down)
    assert window.view.article.id == seeded["bridge"]  # moving does not open
    qtbot.keyClick(list_view, Qt.Key.Key_Return)
    assert window.view.article.id == seeded["port"]
    assert window.windowTitle().startswith("Port traffic recovers")


def test_header_shows_metadata_and_body_keeps_structure(make_window, seeded) -> None:
    window = make_window()
    window.open_article(seeded["port"])
    text = window.view.toPlainText().replace("\u2068", "").replace("\u2069", "")
    assert text.startswith("Port traffic recovers\nExample Gazette\nhttps://gazette.example")
    doc = window.view.document()
    heading = doc.findBlock(window.view.positions.to_qt(0))
    assert heading.text() == "Customs and power"
    assert (
        heading.charFormat().fontWeight() >= 600
        or heading.begin().fragment().charFormat().fontWeight() >= 600
    )


def test_window_geometry_and_pane_sizes_are_remembered(
    qtbot, make_window, seeded, settings_path: Path
) -> None:
    window = make_window()
    window.resize(760, 540)  # within the offscreen screen (800 x 600)
    window.splitter.setSizes([230, 330, 200])
    sizes = window.splitter.sizes()
    window.close()  # closing saves the window's state

    assert b"PyObject" not in settings_path.read_bytes()  # Qt data, not pickled Python
    again = make_window(size=None)
    assert (again.width(), again.height()) == (760, 540)
    assert again.splitter.sizes() == sizes


def test_font_size_keys_change_persist_and_reset(qtbot, make_window, seeded) -> None:
    window = make_window()
    view = window.view
    assert view.document().defaultFont().pointSize() == DEFAULT_FONT_SIZE
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    larger = view.document().defaultFont().pointSize()
    assert larger > DEFAULT_FONT_SIZE + 1
    window.toolbar.widgetForAction(window.actions["smaller"]).click()
    smaller = view.document().defaultFont().pointSize()
    assert DEFAULT_FONT_SIZE < smaller < larger
    window.save_state()
    window.close()

    again = make_window()
    assert again.view.document().defaultFont().pointSize() == smaller
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.view.document().defaultFont().pointSize() == DEFAULT_FONT_SIZE


def test_ctrl_wheel_zooms(qtbot, make_window, seeded) -> None:
    from PySide6.QtGui import QWheelEvent

    window = make_window()
    view = window.view
    before = view.document().defaultFont().pointSize()
    event = QWheelEvent(
        QPointF(50, 50),
        QPointF(view.mapToGlobal(QPoint(50, 50))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.document().defaultFont().pointSize() > before


def test_night_theme_toggle_whole_window_and_persisted(qtbot, make_window, seeded) -> None:
    window = make_window()
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() > 128
    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 80
    assert palette.color(QPalette.ColorRole.Base).lightness() < 80
    assert window.settings.get("theme/name") == "night"
    assert window.actions["night"].isChecked()
    window.actions["theme-sepia"].trigger()
    assert window.settings.get("theme/name") == "sepia"
    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.settings.get("theme/name") == "sepia"  # Night toggles back to Sepia


def test_find_bar_counts_steps_and_hands_back_focus(qtbot, make_window, seeded) -> None:
    window = make_window()
    window.open_article(seeded["port"])
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "customs clearance")
    assert window.view.textCursor().selectedText() == "customs clearance"
    assert bar.count.text() == "1 of 12"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 12"
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 12"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.view.hasFocus()
    assert window.view.textCursor().selectedText() == "customs clearance"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.edit, "zzzz-nothing")
    assert bar.count.text() == "No matches"


def test_library_search_box_shows_hits(qtbot, make_window, seeded) -> None:
    window = make_window()
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    search = window.library_pane.search
    assert search.hasFocus()
    qtbot.keyClicks(search, "river")
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.view.article.id == seeded["bridge"]
    search.clear()
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 2)


def test_reading_position_and_last_article_restored(qtbot, make_window, seeded) -> None:
    window = make_window()
    window.open_article(seeded["port"])
    window.view.scroll_to_offset(2000)
    qtbot.waitUntil(lambda: abs(window.view.top_offset() - 2000) < 200)
    top = window.view.top_offset()
    window.close()

    again = make_window()
    assert again.view.article.id == seeded["port"]
    qtbot.waitUntil(lambda: abs(again.view.top_offset() - top) < 200)
    assert again.library.conn.total_changes == 0  # reopening the last article wrote nothing


def test_copy_link_and_paste_as_new_article(qtbot, make_window, seeded) -> None:
    window = make_window()
    window.open_article(seeded["port"])
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QGuiApplication.clipboard().text() == "https://gazette.example.org/port"

    QGuiApplication.clipboard().setText(
        "Harbour cranes idle\n\nThe cranes at the harbour stood idle for most of the week "
        "because the power failed again, traders said on Friday.\n"
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # extracted and stored in the background: the window keeps answering meanwhile
    qtbot.waitUntil(lambda: window.view.article.title == "Harbour cranes idle", timeout=10000)
    assert window.library.articles.count() == 3
    assert window.library_pane.model.rowCount() == 3


def test_rtl_article_is_laid_out_right_to_left(make_window, library_path: Path) -> None:
    with Library.open(library_path) as library:
        article_id = library.articles.add(
            article(
                "ارتفاع حركة الحاويات",
                ["ارتفعت حركة الحاويات عبر ميناء اللاذقية 41,200 TEU"],
                direction="rtl",
            )
        ).article_id
    window = make_window()
    window.open_article(article_id)
    block = window.view.document().findBlock(window.view.positions.to_qt(0) + 1)
    block = block.next()
    assert block.text().startswith("ارتفعت")
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert block.layout().lineCount() >= 1


def test_drop_files_imports_in_background_with_progress(
    qtbot, make_window, seeded, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\ntitle: Dropped one\n---\n\nA first dropped note with "
        "enough words to be an article body.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_bytes(b"")
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    dialog = window._import_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.finished_import, timeout=60000):
        pass
    assert dialog.total == 2 and dialog.bar.maximum() == 2  # the folder walked off the UI
    assert "1 imported" in dialog.label.text() and "1 failed" in dialog.label.text()
    assert "b.txt" in dialog.details.toPlainText()
    assert window.library.articles.count() == 3
    assert window.library_pane.model.rowCount() == 3


def test_pdf_keeps_highlights(qtbot, make_window, seeded, tmp_path: Path) -> None:
    from ui.reader.printing import printable_document, save_pdf

    window = make_window()
    window.open_article(seeded["port"])
    window.view.set_highlights([(0, 17, 1, "red")])
    doc = printable_document(window.view)
    cursor = QTextCursor(doc)
    cursor.setPosition(window.view.positions.to_qt(3))
    assert cursor.charFormat().background().color().alpha() > 0
    out = tmp_path / "a.pdf"
    save_pdf(window.view, out)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 2000


def test_ctrl_e_opens_the_export_dialog_for_the_current_article(qtbot, make_window, seeded) -> None:
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.open_article(seeded["port"])
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "exportDialog" and w.isVisible()
    )
    assert dialog.current_article_id == seeded["port"]
    dialog.reject()


def test_files_handed_over_during_an_import_are_queued(
    qtbot, make_window, seeded, tmp_path: Path
) -> None:
    notes = []
    for name in ("first", "second"):
        path = tmp_path / f"{name}.md"
        path.write_text(
            f"---\ntitle: The {name} note\n---\n\nThe {name} note has a body of "
            "several words to import.\n",
            encoding="utf-8",
        )
        notes.append(path)
    window = make_window()
    window.import_paths([notes[0]])
    window.import_paths([notes[1]])  # arrives while the first import runs
    qtbot.waitUntil(lambda: window.library.articles.count() == 4, timeout=60000)
    titles = {s.title for s in window.library.articles.list()}
    assert {"The first note", "The second note"} <= titles


def test_deferred_panels_arrive_after_the_first_frame(
    qtbot, qapp, library_path: Path, settings_path: Path, seeded
) -> None:
    from PySide6.QtCore import QSettings

    from storage.highlighting import annotate_quote
    from ui.app.settings import Settings
    from ui.shell.main_window import MainWindow
    from ui.theme.manager import ThemeManager

    library = Library.open(library_path)
    annotate_quote(library, seeded["port"], "rose for a third consecutive month")
    library.articles.mark_opened(seeded["port"])
    settings = Settings(store=QSettings(str(settings_path), QSettings.Format.IniFormat))
    window = MainWindow(
        library=library,
        settings=settings,
        themes=ThemeManager(settings=settings, app=qapp),
        defer_panels=True,
    )
    qtbot.addWidget(window)
    assert window.annotation_actions is None
    with qtbot.waitSignal(window.setup_finished, timeout=5000):
        window.show()
        window.open_start_article()
        assert window.annotation_actions is None  # still the first frame's window
        assert len(window.view.highlight_ranges()) == 1  # painted all the same
    assert window.side_pane.objectName() == "annotationsPane"
    assert window.splitter.widget(2) is window.side_pane
    assert window.annotation_actions is not None
    assert window.side_pane.heading.text().startswith("Highlights")
    window.close()
    library.close()


def test_the_first_frame_paints_a_highlight_block_by_block(make_window, seeded) -> None:
    """A highlight over two paragraphs is painted as two selections in the first frame (Qt
    would lay out the whole article to measure one), and as one when set again."""
    window = make_window()
    window.open_article(seeded["port"])
    view = window.view
    text = view.article.text
    start = text.index("by the port authority.")
    end = text.index("Shipping agents") + len("Shipping agents")
    view.set_highlights([(start, end, 1, "yellow")], block_by_block=True)
    pieces = view.extraSelections()
    assert len(pieces) == 2
    assert pieces[0].cursor.selectedText() == "by the port authority."
    assert pieces[1].cursor.selectedText() == "Shipping agents"
    assert view.highlight_ranges() == [
        (view.positions.to_qt(start), view.positions.to_qt(end), 1, "yellow")
    ]
    view.set_highlights([(start, end, 1, "yellow")])
    (whole,) = view.extraSelections()
    assert whole.cursor.selectedText() == "by the port authority.\u2029Shipping agents"


def test_the_reader_paints_on_a_viewport_set_up_as_qts_own(make_window, seeded) -> None:
    """The reader makes its viewport (ArticleView._use_own_viewport): set up as Qt sets up
    the one it makes, and the document measured on it."""
    view = make_window().view
    viewport = view.viewport()
    assert viewport.objectName() == "qt_scrollarea_viewport"
    assert viewport.hasMouseTracking() and viewport.autoFillBackground()
    assert viewport.backgroundRole() == QPalette.ColorRole.Base
    assert view.document().documentLayout().paintDevice() is viewport
    assert "Customs and power" in view.toPlainText()  # laid out and shown


def test_cancel_stops_a_batch_import_between_files(
    qtbot, make_window, seeded, tmp_path: Path, monkeypatch
) -> None:
    import time

    from PySide6.QtWidgets import QDialogButtonBox

    from storage.importing import ImportReport
    from ui.importing import batch as import_runner

    files = []
    for i in range(20):
        path = tmp_path / f"n{i}.md"
        path.write_text(f"---\ntitle: Note {i}\n---\n\nBody of note {i}.\n", encoding="utf-8")
        files.append(path)

    def slow_import(library, paths, *, cancelled, **_options):
        for path in paths:
            if cancelled():
                return
            time.sleep(0.05)
            yield ImportReport(path, None, ValueError("skipped by the test"))

    monkeypatch.setattr(import_runner, "import_into", slow_import)
    window = make_window()
    window.import_paths(files)
    dialog = window._import_dialog
    qtbot.waitUntil(lambda: dialog.bar.value() >= 2, timeout=10000)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished_import, timeout=10000) as done:
        pass
    assert 2 <= len(done.args[0]) < 20
    assert "Cancelled" in dialog.label.text() and "not imported" in dialog.label.text()


def test_closing_the_window_during_an_import_is_prompt(
    qtbot, make_window, seeded, tmp_path: Path, monkeypatch
) -> None:
    import time

    from storage.importing import ImportReport
    from ui.importing import batch as import_runner

    def slow_import(library, paths, *, cancelled, **_options):
        for path in paths:
            if cancelled():
                return
            time.sleep(0.05)
            yield ImportReport(path, None, ValueError("skipped by the test"))

    monkeypatch.setattr(import_runner, "import_into", slow_import)
    files = [tmp_path / f"n{i}.md" for i in range(200)]
    for path in files:
        path.write_text("---\ntitle: N\n---\n\nBody.\n", encoding="utf-8")
    window = make_window()
    window.import_paths(files)
    op = window._import_dialog._op
    qtbot.waitUntil(lambda: window._import_dialog.bar.value() >= 1, timeout=10000)
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 5
    assert op.wait(0)  # the worker thread has ended


def test_a_database_error_fails_one_file_not_the_batch(
    library: Library, tmp_path: Path, monkeypatch
) -> None:
    import sqlite3

    from storage.importing import import_into

    notes = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.md"
        path.write_text(
            f"---\ntitle: Note {name}\n---\n\nThe body of note {name}.\n", encoding="utf-8"
        )
        notes.append(path)
    real_add = library.articles.add

    def add(imported):
        if imported.title == "Note b":
            raise sqlite3.OperationalError("database or disk is full")
        return real_add(imported)

    monkeypatch.setattr(library.articles, "add", add)
    reports = {r.path.name: r for r in import_into(library, notes)}  # in completion order
    assert {n: r.outcome is not None for n, r in reports.items()} == {
        "a.md": True,
        "b.md": False,
        "c.md": True,
    }
    assert "disk is full" in str(reports["b.md"].error).lower()


def test_save_pdf_reports_a_file_it_could_not_write(make_window, seeded, tmp_path: Path) -> None:
    from ui.reader.printing import save_pdf

    window = make_window()
    window.open_article(seeded["port"])
    assert save_pdf(window.view, tmp_path / "ok.pdf")
    assert not save_pdf(window.view, tmp_path / "no-such-folder" / "x.pdf")


def test_printed_copies_carry_the_notes_as_numbered_endnotes(
    qtbot, make_window, seeded, tmp_path: Path
) -> None:
    from ui.reader.printing import printable_document, save_pdf

    window = make_window()
    window.open_article(seeded["port"])
    text = window.view.article.text
    first = text.index("Shipping agents")
    later = text.index("Traders pointed")
    window.editor.highlight(seeded["port"], later, later + 15, note="Check the customs figures")
    window.editor.highlight(seeded["port"], first, first + 15, note="Which agents?")
    window.editor.highlight(seeded["port"], 0, 9)  # no note, no mark
    notes = window._article_notes()
    doc = printable_document(window.view, notes)
    printed = doc.toPlainText()
    assert "Shipping agents[1]" in printed and "Traders pointed[2]" in printed
    tail = printed[printed.rindex("Notes") :]
    assert tail.index("[1] Which agents?") < tail.index("[2] Check the customs figures")
    assert "Container[" not in printed
    out = tmp_path / "noted.pdf"
    assert save_pdf(window.view, out, notes)
    assert out.stat().st_size > 2000


def test_a_wide_image_is_scaled_to_the_printed_page(
    qtbot, make_window, library_path: Path, tmp_path: Path
) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    from core.article import Block, BlockKind, Image, ImportedArticle, Span
    from ui.reader.printing import PRINT_WIDTH, printable_document

    wide = QImage(2400, 800, QImage.Format.Format_RGB32)
    wide.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    wide.save(buffer, "PNG")
    image = Image.from_bytes(bytes(data.data()), "image/png")
    with Library.open(library_path) as library:
        article_id = library.articles.add(
            ImportedArticle(
                title="A wide chart",
                blocks=[
                    Block(BlockKind.IMAGE, image=image.key, alt="chart"),
                    Block(BlockKind.PARAGRAPH, (Span("The text that follows the chart."),)),
                ],
                original=b"x",
                source_kind="html",
                images=[image],
            )
        ).article_id
    window = make_window()
    window.open_article(article_id)
    doc = printable_document(window.view)
    widths = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                widths.append(fmt.toImageFormat().width())
            it += 1
        block = block.next()
    assert widths and all(0 < w <= PRINT_WIDTH for w in widths)


def _png(width: int, height: int):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    from core.article import Image

    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    return Image.from_bytes(bytes(data.data()), "image/png")


CAPTION = "Cranes at the container terminal, February. Photo: port authority"


def _figure_article(library_path: Path, paragraphs_before: int) -> int:
    from core.article import Block, BlockKind, ImportedArticle, Span

    picture = _png(1600, 900)
    para = Block(BlockKind.PARAGRAPH, (Span(LONG[0]),))
    blocks = [para] * paragraphs_before
    blocks += [Block(BlockKind.IMAGE, image=picture.key, alt=CAPTION)]
    blocks += [Block(BlockKind.PARAGRAPH, (Span("The text after the picture."),))]
    with Library.open(library_path) as library:
        return library.articles.add(
            ImportedArticle(
                title=f"Figure after {paragraphs_before}",
                blocks=blocks,
                original=b"x",
                source_kind="html",
                images=[picture],
            )
        ).article_id


def _open_figure(make_window, library_path: Path):
    """The window on an article with one captioned picture; (view, the picture's block)."""
    from ui.reader.image_fit import image_in

    window = make_window()
    window.open_article(_figure_article(library_path, 1))
    block = window.view.document().begin()
    while block.isValid() and image_in(block) is None:
        block = block.next()
    return window.view, block


def test_a_caption_shows_under_its_picture_and_stays_out_of_the_text(
    qtbot, make_window, library_path: Path
) -> None:
    view, block = _open_figure(make_window, library_path)
    assert CAPTION not in view.article.text  # search, anchoring and briefs never see it
    assert block.isValid() and block.next().text() == CAPTION
    after = view.article.text.index("The text after")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(after))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "The text after the picture."


def test_a_picture_never_overflows_the_reading_column(
    qtbot, make_window, library_path: Path
) -> None:
    from ui.reader.image_fit import image_in

    view, block = _open_figure(make_window, library_path)
    splitter = view.parentWidget()
    while not hasattr(splitter, "setSizes"):
        splitter = splitter.parentWidget()
    for reader_width in (900, 600, 400):  # the analyst drags the panes' dividers
        sizes = splitter.sizes()
        middle = sizes.index(max(sizes))
        spare = sum(sizes) - reader_width
        sizes = [spare // 2 if i != middle else reader_width for i in range(len(sizes))]
        splitter.setSizes(sizes)
        qtbot.wait(20)
        _fragment, image = image_in(block)  # resizing rewrites the format, not the block
        side = view.document().rootFrame().frameFormat().leftMargin()
        column = view.viewport().width() - 2 * (side + view.document().documentMargin())
        assert column > 0 and image.width() <= column + 1 and image.width() <= 640
        assert abs(image.height() / image.width() - 900 / 1600) < 0.02  # proportions kept
        assert not view.horizontalScrollBar().isVisible()


def test_printing_never_parts_a_picture_from_its_caption(
    qtbot, make_window, library_path: Path, tmp_path: Path
) -> None:
    """Wherever the picture falls, its caption is on the same page; at least one of these
    placements would have parted them (so the rule, not luck, kept them together)."""
    from PySide6.QtGui import QTextFormat

    from ui.reader.printing import caption_of, printable_document, save_pdf

    window = make_window()
    moved = 0
    for before in range(2, 16):
        window.open_article(_figure_article(library_path, before))
        doc = printable_document(window.view)
        layout, page = doc.documentLayout(), doc.pageSize().height()
        block = doc.begin()
        while caption_of(block) is None:
            block = block.next()
        top = layout.blockBoundingRect(block).top()
        bottom = layout.blockBoundingRect(caption_of(block)).bottom()
        assert int(top // page) == int((bottom - 1) // page), before
        policy = block.blockFormat().pageBreakPolicy()
        moved += bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    assert moved >= 1
    out = tmp_path / "figure.pdf"
    assert save_pdf(window.view, out)
    assert out.read_bytes().count(b"/Type /Page\n") + out.read_bytes().count(b"/Type/Page") >= 1


def test_a_night_reader_prints_in_paper_colours(qtbot, make_window, seeded) -> None:
    """Night's pale link and muted grey would fade on white paper: print is in Light."""
    from PySide6.QtGui import QColor

    from ui.reader.printing import printable_document
    from ui.theme.themes import theme

    window = make_window()
    window.themes.set_theme("night")
    window.open_article(seeded["port"])
    doc = printable_document(window.view)
    colours = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            brush = it.fragment().charFormat().foreground()
            if brush.style() != Qt.BrushStyle.NoBrush:
                colours.add(brush.color().name())
            it += 1
        block = block.next()
    night, light = theme("night"), theme("light")
    assert QColor(light.link).name() in colours
    assert not colours & {QColor(night.link).name(), QColor(night.muted).name()}


def _pdf_pages(path: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


def test_printing_follows_the_paper_and_the_pages_chosen(
    qtbot, make_window, seeded, tmp_path: Path
) -> None:
    """Letter in landscape lays the article out for that page, not A4's; a page range prints
    only those pages."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from ui.reader.printing import page_size_of, print_pages, printable_document

    window = make_window()
    window.open_article(seeded["port"])

    def printer_to(path: Path) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.Letter),
                QPageLayout.Orientation.Landscape,
                QMarginsF(18, 18, 18, 18),
                QPageLayout.Unit.Millimeter,
            )
        )
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    whole = printer_to(tmp_path / "whole.pdf")
    page = page_size_of(whole)
    assert page.width() > page.height()  # landscape
    doc = printable_document(window.view, page=page)
    assert doc.pageSize() == page and doc.pageCount() >= 2
    assert print_pages(doc, whole, "Port traffic recovers")
    assert _pdf_pages(tmp_path / "whole.pdf") == doc.pageCount()

    second = printer_to(tmp_path / "second.pdf")
    second.setFromTo(2, 2)
    assert print_pages(printable_document(window.view, page=page), second, "Port")
    assert _pdf_pages(tmp_path / "second.pdf") == 1
