"""Every theme legible, checked the way an analyst would notice: the window and its dialogs
opened in Light, Sepia and Night (switched at run time, as people do), and the contrast of
every visible widget that shows text measured on what Qt paints: at least 4.5:1 for text
(WCAG AA), 3:1 for check marks and radio indicators."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from tests.ui.theme.contrast import problems

THEMES = ("light", "sepia", "night")


def _settle(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(20)


@pytest.mark.parametrize("theme", THEMES)
def test_the_main_window_is_legible(qtbot, make_window, seeded, theme):
    window = make_window()
    window.open_article(seeded["port"])
    window.editor.highlight(seeded["port"], 0, 9, tags=["ports"], note="a note")
    window.themes.set_theme("sepia" if theme == "light" else "light")
    _settle(qtbot)
    window.themes.set_theme(theme)  # switched while the window is open
    _settle(qtbot)
    found = problems(window)
    assert found == [], "\n".join(found)


def _dialogs(window):
    from ui.annotations.all_highlights import AllAnnotationsDialog
    from ui.annotations.tags_dialog import TagsDialog
    from ui.export.dialog import ExportDialog
    from ui.shell.help import ShortcutsDialog

    library, theme = window.library, window.themes.current
    yield "export", ExportDialog(library=library, current_article_id=None, parent=window)
    yield "tags", TagsDialog(library=library, theme=theme, parent=window)
    yield "all highlights", AllAnnotationsDialog(library=library, theme=theme, parent=window)
    yield "shortcuts", ShortcutsDialog(actions=window.actions, parent=window)


@pytest.mark.parametrize("theme", THEMES)
def test_every_dialog_is_legible(qtbot, make_window, seeded, theme):
    window = make_window()
    window.editor.highlight(seeded["port"], 0, 9, tags=["ports"], note="a note")
    window.themes.set_theme(theme)
    _settle(qtbot)
    found = []
    for name, dialog in _dialogs(window):
        dialog: QDialog
        dialog.show()
        qtbot.waitExposed(dialog)
        _settle(qtbot)
        found += [f"{name}: {p}" for p in problems(dialog)]
        dialog.close()
    window.show_reading_settings()  # the reading settings popover
    _settle(qtbot)
    found += [f"reading settings: {p}" for p in problems(window._reading_menu)]
    window._reading_menu.close()
    assert found == [], "\n".join(found)


def test_colour_chips_show_their_colours_even_on_disabled_buttons(qtbot, make_window, seeded):
    """Tags and Colours shows each colour's chip beside its meaning: never five grey squares."""
    from PySide6.QtWidgets import QPushButton

    from ui.annotations.tags_dialog import TagsDialog

    window = make_window()
    dialog = TagsDialog(library=window.library, theme=window.themes.current, parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)
    chips = [b for b in dialog.findChildren(QPushButton) if b.text() in ("Yellow", "Red")]
    colours = set()
    for chip in chips:
        image = chip.grab().toImage()
        colours |= {
            image.pixelColor(x, y).name()
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).saturation() > 80
        }
    theme = window.themes.current
    assert theme.swatch("yellow").name() in colours and theme.swatch("red").name() in colours


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_export_preview_is_legible_in_night_in_every_format(qtbot, make_window, seeded, fmt):
    """An HTML brief brings its own dark ink: in Night it is previewed on white paper, not
    on the dark window, where it could not be read."""
    from ui.export.dialog import ExportDialog

    window = make_window()
    window.editor.highlight(seeded["port"], 0, 9, tags=["ports"], note="a note")
    window.themes.set_theme("night")
    _settle(qtbot)
    dialog = ExportDialog(library=window.library, current_article_id=seeded["port"], parent=window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_updated, timeout=5000):
        dialog.show()
    with qtbot.waitSignal(dialog.preview_updated, timeout=5000):
        dialog.select_template("brief-by-tag", fmt)  # a change from the default
    _settle(qtbot)
    viewport = dialog.preview.viewport()
    band = viewport.grab().toImage().copy(0, 0, viewport.width(), min(160, viewport.height()))
    from collections import Counter

    from PySide6.QtGui import QColor

    from tests.ui.theme.contrast import ratio

    pixels = [band.pixelColor(x, y) for y in range(band.height()) for x in range(band.width())]
    background = QColor(Counter(p.rgb() for p in pixels).most_common(1)[0][0])
    legible = sum(1 for p in pixels if ratio(p, background) >= 4.5)
    assert legible >= 500  # the title's strokes, in ink that stands out from the page
