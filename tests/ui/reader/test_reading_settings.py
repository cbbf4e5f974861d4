"""The reading settings popover: typeface (any installed), line spacing and column width,
applied at once, remembered across a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase

from ui.app.settings import COLUMN_WIDTH, FONT_FAMILY, LINE_SPACING


def test_the_popover_changes_spacing_width_and_typeface_and_they_stay(qtbot, make_window, seeded):
    window = make_window()
    window.open_article(seeded["port"])
    view = window.view
    margin_before = view.document().rootFrame().frameFormat().leftMargin()
    qtbot.keyClick(view, Qt.Key.Key_Semicolon, Qt.KeyboardModifier.ControlModifier)
    menu = window._reading_menu
    qtbot.waitUntil(menu.isVisible)
    panel = menu.panel
    panel.spacing.setFocus()
    qtbot.keyClick(panel.spacing, Qt.Key.Key_End)  # 2.0× lines
    assert window.settings.get(LINE_SPACING) == 200
    qtbot.keyClick(panel.width_, Qt.Key.Key_Home)  # the narrowest column
    assert window.settings.get(COLUMN_WIDTH) == 45
    assert view.document().rootFrame().frameFormat().leftMargin() > margin_before
    families = [f for f in QFontDatabase.families() if QFontDatabase.isScalable(f)]
    panel.kind.setCurrentIndex(panel.kind.findData("other"))
    panel.family.setCurrentText(families[-1])
    chosen = window.settings.get(FONT_FAMILY)
    assert chosen not in ("serif", "sans")
    assert view.document().defaultFont().families()[0] == chosen
    assert not window.actions["font-serif"].isChecked()
    menu.close()
    window.close()
    again = make_window()  # a restart: the same settings file
    again.open_article(seeded["port"])
    assert again.settings.get(LINE_SPACING) == 200
    assert again.view.document().defaultFont().families()[0] == chosen
    assert again.view.document().rootFrame().frameFormat().leftMargin() > margin_before


def test_defaults_bring_everything_back(qtbot, make_window, seeded):
    window = make_window()
    window.show_reading_settings()
    panel = window._reading_menu.panel
    window.settings.set(LINE_SPACING, 180)
    window.settings.set(FONT_FAMILY, "sans")
    panel.reset.click()
    assert window.settings.get(LINE_SPACING) == 150
    assert window.settings.get(FONT_FAMILY) == "serif"
    assert window.actions["font-serif"].isChecked()
