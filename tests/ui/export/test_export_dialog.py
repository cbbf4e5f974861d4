"""The Export dialog driven as a person would: scope, layout, preview, save and copy."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument

from tests.conftest import make_article
from tests.storage.test_brief_source import highlight
from ui.export import dialog as export_dialog
from ui.export import preview as brief_preview
from ui.export.dialog import ExportDialog


@pytest.fixture
def ids(library):
    port = library.articles.add(
        make_article(url="https://example.com/port", published=datetime(2024, 3, 1))
    ).article_id
    grain = library.articles.add(
        make_article(
            "Grain prices climb",
            ["Wheat futures rose on drought fears.", "Millers said <script>x</script> twice."],
        )
    ).article_id
    highlight(library, port, "third consecutive month", color="red", tags=["ports"])
    highlight(library, port, "backlog", note="Why *now*?")
    highlight(library, grain, "Wheat futures rose", color="green", tags=["food"])
    highlight(library, grain, "<script>x</script>", tags=["ports"])
    library.colors.set_meaning("green", "confirmed figure")
    return {"port": port, "grain": grain}


@pytest.fixture
def dialog(qtbot, library, ids):
    widget = ExportDialog(library=library, current_article_id=ids["port"])
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.preview_updated, timeout=5000):  # built beside the window
        widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, dialog, widget):
    """Click a radio button or check box on its indicator, where a person clicks it."""
    with qtbot.waitSignal(dialog.preview_updated, timeout=3000) as blocker:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    return blocker.args[0]


def test_it_opens_on_the_current_article(dialog):
    assert dialog.current_radio.isChecked()
    assert "> third consecutive month" in dialog.markdown
    assert "Wheat" not in dialog.markdown
    assert "third consecutive month" in dialog.preview.toPlainText()
    assert dialog.status.text() == "2 passages from 1 article."


def test_without_a_current_article_it_offers_everything(qtbot, library, ids):
    widget = ExportDialog(library=library, current_article_id=None)
    qtbot.addWidget(widget)
    qtbot.waitSignal(widget.preview_updated, timeout=5000).wait()
    assert not widget.current_radio.isEnabled() and widget.matching_radio.isChecked()
    assert "Wheat futures rose" in widget.markdown and "backlog" in widget.markdown


def test_layout_by_tag_regroups_the_preview(qtbot, dialog):
    click(qtbot, dialog, dialog.matching_radio)
    markdown = click(qtbot, dialog, dialog.by_tag_radio)
    assert "## ports\n" in markdown and "## food\n" in markdown and "## Untagged\n" in markdown
    headings = [line for line in dialog.preview.toPlainText().splitlines() if line == "ports"]
    assert headings == ["ports"]
    markdown = click(qtbot, dialog, dialog.by_article_radio)
    assert "## ports\n" not in markdown and "## Grain prices climb\n" in markdown


def test_chosen_articles_are_ticked_with_the_keyboard(qtbot, dialog, ids):
    assert click(qtbot, dialog, dialog.chosen_radio) == ""
    assert "Tick the articles" in dialog.status.text()
    model = dialog.article_model
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r).data(Qt.ItemDataRole.UserRole + 1) == ids["grain"]
    )
    dialog.article_list.setFocus()
    dialog.article_list.setCurrentIndex(model.index(row))
    with qtbot.waitSignal(dialog.preview_updated, timeout=3000) as blocker:
        qtbot.keyClick(dialog.article_list, Qt.Key.Key_Space)
    assert "> Wheat futures rose" in blocker.args[0] and "backlog" not in blocker.args[0]


def test_filters_narrow_everything_matching(qtbot, dialog):
    click(qtbot, dialog, dialog.matching_radio)
    markdown = click(qtbot, dialog, dialog.color_boxes["green"])
    assert "> Wheat futures rose" in markdown and "backlog" not in markdown
    assert dialog.color_boxes["green"].text() == "Green — confirmed figure"
    click(qtbot, dialog, dialog.color_boxes["green"])
    with qtbot.waitSignal(dialog.preview_updated, timeout=3000) as blocker:
        qtbot.keyClicks(dialog.search_edit, "backlog")
    assert "> backlog" in blocker.args[0] and "Wheat" not in blocker.args[0]
    dialog.search_edit.clear()
    tag = dialog.tag_list.findItems("ports", Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(dialog.preview_updated, timeout=3000) as blocker:
        tag.setCheckState(Qt.CheckState.Checked)
    assert "> third consecutive month" in blocker.args[0] and "backlog" not in blocker.args[0]


def test_passage_html_is_shown_as_text_not_run(qtbot, dialog):
    click(qtbot, dialog, dialog.matching_radio)
    assert "<script>x</script>" in dialog.preview.toPlainText()
    assert "<script>" not in brief_preview.preview_html(dialog.markdown)


def test_the_preview_loads_nothing(dialog):
    url = QUrl("file:///etc/hostname")
    assert dialog.preview.loadResource(QTextDocument.ResourceType.ImageResource, url) is None
    assert "<img" not in brief_preview.preview_html("![x](file:///etc/hostname)")


def test_saving_writes_what_the_preview_shows(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "brief.md"
    asked = []
    monkeypatch.setattr(
        export_dialog, "choose_save_path", lambda parent, name: asked.append(name) or str(target)
    )
    click(qtbot, dialog, dialog.by_tag_radio)
    with qtbot.waitSignal(dialog.saved, timeout=3000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(target)]
    assert asked == ["Brief-Port-traffic-recovers.md"]
    text = target.read_text(encoding="utf-8")
    assert text == dialog.markdown
    assert "## ports\n" in text and "> third consecutive month" in text
    assert "Saved to brief.md" in dialog.status.text()


def test_cancelling_the_save_writes_nothing(qtbot, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(export_dialog, "choose_save_path", lambda parent, name: None)
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".md", ".tmp")]


def test_copy_puts_the_markdown_on_the_clipboard(qtbot, dialog):
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.markdown
    assert "Copied" in dialog.status.text()


def test_the_article_model_is_a_well_behaved_model(qtmodeltester, dialog):
    qtmodeltester.check(dialog.article_model)


def test_the_preview_is_built_beside_the_window_and_only_the_newest_is_shown(
    qtbot, dialog, monkeypatch
):
    """A slow brief (the whole library) must not freeze the filters, and an answer that
    arrives after a newer choice must not replace it."""
    import time

    from core.export.brief import Layout

    build = brief_preview.build_preview

    def slow_by_tag(library, request):
        if request.layout is Layout.TAG:
            time.sleep(0.8)
        return build(library, request)

    monkeypatch.setattr(brief_preview, "build_preview", slow_by_tag)
    ticks = []
    timer = QTimer(dialog, interval=50, timeout=lambda: ticks.append(1))
    timer.start()
    qtbot.mouseClick(dialog.by_tag_radio, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    qtbot.waitUntil(lambda: "Updating" in dialog.status.text(), timeout=3000)
    assert dialog.updating
    qtbot.wait(300)
    assert len(ticks) >= 3  # the window kept answering while the brief was being built
    markdown = click(qtbot, dialog, dialog.by_article_radio)  # newer, and quick
    assert "## ports\n" not in markdown
    qtbot.wait(900)  # the slow answer arrives now, out of date
    assert "## ports\n" not in dialog.markdown and not dialog.updating
    timer.stop()


def test_a_template_and_format_are_chosen_previewed_saved_and_remembered(
    qtbot, library, ids, tmp_path, monkeypatch
):
    from PySide6.QtCore import QSettings

    from ui.app.settings import Settings

    settings = Settings(store=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    widget = ExportDialog(library=library, current_article_id=ids["port"], settings=settings)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.preview_updated, timeout=5000):
        widget.show()
    with qtbot.waitSignal(widget.preview_updated, timeout=3000) as blocker:
        widget.select_template("brief-by-tag", "html")
    assert blocker.args[0].startswith("<!DOCTYPE html>")
    assert "third consecutive month" in widget.preview.toPlainText()
    assert "<!DOCTYPE" not in widget.preview.toPlainText()
    assert widget.by_tag_radio.isChecked()
    target = tmp_path / "brief.html"
    asked = []
    monkeypatch.setattr(
        export_dialog, "choose_save_path", lambda parent, name: asked.append(name) or str(target)
    )
    with qtbot.waitSignal(widget.saved, timeout=3000):
        qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith(".html") and target.read_text(encoding="utf-8") == widget.markdown
    again = ExportDialog(library=library, current_article_id=ids["port"], settings=settings)
    qtbot.addWidget(again)
    assert (again.template_choice(), again.format_choice()) == ("brief-by-tag", "html")


def test_an_annotated_article_saved_as_pdf_reads_back_with_its_highlights(
    qtbot, library, ids, tmp_path, monkeypatch
):
    """Annotated article -> PDF, chosen in the dialog's boxes with the keyboard: the file
    holds the whole article with the highlighted passages and their notes."""
    pdfium = pytest.importorskip("pypdfium2")
    widget = ExportDialog(library=library, current_article_id=ids["port"])
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.preview_updated, timeout=5000):
        widget.show()
    combo = widget.template_combo
    with qtbot.waitSignal(widget.preview_updated, timeout=3000):
        combo.setFocus()
        while combo.currentData() != "annotated-article":
            qtbot.keyClick(combo, Qt.Key.Key_Down)
    formats = [widget.format_combo.itemData(i) for i in range(widget.format_combo.count())]
    assert {"html", "pdf", "odt"} <= set(formats)
    with qtbot.waitSignal(widget.preview_updated, timeout=3000):
        widget.format_combo.setFocus()
        while widget.format_combo.currentData() != "pdf":
            qtbot.keyClick(widget.format_combo, Qt.Key.Key_Down)
    target = tmp_path / "annotated.pdf"
    asked = []
    monkeypatch.setattr(
        export_dialog, "choose_save_path", lambda parent, name: asked.append(name) or str(target)
    )
    with qtbot.waitSignal(widget.saved, timeout=5000):
        qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith(".pdf") and target.read_bytes().startswith(b"%PDF")
    pdf = pdfium.PdfDocument(str(target))
    text = " ".join(
        " ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))
    )
    pdf.close()
    article = library.articles.get(ids["port"]).text
    assert " ".join(article.split()[:6]) in text  # the whole article, from its start
    assert "third consecutive month" in text


def test_an_annotated_article_saved_as_word_reads_back_with_its_highlights(
    qtbot, library, ids, tmp_path, monkeypatch
):
    """The issue's check: Annotated article -> DOCX in the window; the file opens with the
    whole article, its highlights shaded and its notes as comments."""
    import docx

    widget = ExportDialog(library=library, current_article_id=ids["port"])
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.preview_updated, timeout=5000):
        widget.show()
    with qtbot.waitSignal(widget.preview_updated, timeout=3000):
        widget.select_template("annotated-article", "docx")
    assert widget.format_choice() == "docx"
    target = tmp_path / "annotated.docx"
    asked = []
    monkeypatch.setattr(
        export_dialog, "choose_save_path", lambda parent, name: asked.append(name) or str(target)
    )
    with qtbot.waitSignal(widget.saved, timeout=5000):
        qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith(".docx")
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert library.articles.get(ids["port"]).text.split("\n")[0] in text
    shaded = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color]
    assert shaded == ["third consecutive month", "backlog"]
    assert [c.text for c in document.comments] == ["Why *now*?"]


def _choose(qtbot, dialog, combo, data) -> None:
    """Pick an entry of a combo box with the keyboard, as a person would."""
    combo.setFocus()
    with qtbot.waitSignal(dialog.preview_updated, timeout=3000):
        qtbot.keyClick(combo, Qt.Key.Key_Home)
        while combo.currentData() != data:
            qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not dialog.updating, timeout=3000)


def test_the_title_lines_up_with_template_and_format(qtbot, dialog):
    """Title stood in a form of its own, its box further left than Template's and Format's."""
    left = {
        w.objectName(): w.mapTo(dialog, QPoint(0, 0)).x()
        for w in (dialog.template_combo, dialog.format_combo, dialog.title_edit)
    }
    assert left["exportTitle"] == left["exportTemplate"] == left["exportFormat"]
    assert dialog.title_edit.width() == dialog.template_combo.width()
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # its &Title: label
    assert dialog.title_edit.hasFocus()


def test_a_word_file_is_previewed_as_it_will_look(qtbot, dialog):
    """Word + Annotated article showed the Markdown (bold passages, [1]): now the page the
    Word file is laid out like, on paper, with a word on what Word does otherwise; and the
    title does not say "Brief: " above the same title."""
    _choose(qtbot, dialog, dialog.template_combo, "annotated-article")
    _choose(qtbot, dialog, dialog.format_combo, "docx")
    assert dialog.markdown.startswith("<!DOCTYPE html>")
    assert "**" not in dialog.markdown and "\\[1\\]" not in dialog.markdown
    assert "<mark>third consecutive month</mark>" in dialog.markdown
    shown = dialog.preview.toPlainText()
    assert shown.splitlines()[0] == "Port traffic recovers"
    assert "Brief:" not in shown
    assert dialog.preview.palette().base().color().name() == "#ffffff"  # paper, as for HTML
    status = dialog.status.text()
    assert status.startswith("2 passages from 1 article.")
    assert "notes are comments" in status
    assert dialog.title_edit.placeholderText() == "Port traffic recovers"


def test_layout_is_disabled_for_a_template_that_ignores_it(qtbot, dialog):
    """By article / By tag changed nothing in an annotated article or the CSV table."""
    assert dialog.layout_box.isEnabled()
    _choose(qtbot, dialog, dialog.template_combo, "annotated-article")
    assert not dialog.layout_box.isEnabled() and not dialog.by_tag_radio.isEnabled()
    assert "does not group" in dialog.layout_box.toolTip()
    with qtbot.assertNotEmitted(dialog.preview_updated, wait=400):
        qtbot.mouseClick(dialog.by_tag_radio, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert dialog.by_article_radio.isChecked()
    _choose(qtbot, dialog, dialog.template_combo, "highlights-table")
    assert not dialog.layout_box.isEnabled()
    _choose(qtbot, dialog, dialog.template_combo, "obsidian-note")  # it groups by layout
    assert dialog.layout_box.isEnabled()
    _choose(qtbot, dialog, dialog.template_combo, "brief-by-tag")
    assert dialog.layout_box.isEnabled() and dialog.by_tag_radio.isChecked()
    assert dialog.layout_box.toolTip() == ""


@pytest.mark.parametrize("name", ["light", "night"])
def test_colour_boxes_are_named_and_shown_as_all_highlights_does(qtbot, library, ids, name):
    """They read "yellow", "green" with no chip; All Highlights says "Yellow" beside a swatch."""
    from PySide6.QtCore import QSize

    from ui.theme.themes import THEMES

    theme = THEMES[name]
    widget = ExportDialog(library=library, current_article_id=None, theme=theme)
    qtbot.addWidget(widget)
    qtbot.waitSignal(widget.preview_updated, timeout=5000).wait()
    assert widget.color_boxes["yellow"].text() == "Yellow"
    for colour, box in widget.color_boxes.items():
        image = box.icon().pixmap(QSize(14, 14)).toImage()
        assert image.pixelColor(7, 7) == theme.swatch(colour), colour


def test_colour_chips_follow_the_windows_theme(qtbot, make_window, ids):
    """Opened with Ctrl+E from a window in Night, the chips are Night's swatches."""
    from PySide6.QtCore import QSize

    from ui.theme.themes import THEMES

    window = make_window()
    window.themes.set_theme("night")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    widget = window.findChild(ExportDialog)
    assert widget is not None
    qtbot.waitSignal(widget.preview_updated, timeout=5000).wait()
    image = widget.color_boxes["red"].icon().pixmap(QSize(14, 14)).toImage()
    assert image.pixelColor(7, 7) == THEMES["night"].swatch("red")
    assert image.pixelColor(7, 7) != THEMES["light"].swatch("red")
    widget.close()
