"""The toolbar shows icons beside its labels, drawn in the theme's own ink: after a switch to
Night the icons turn light with the text (an icon that stayed dark would vanish)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QToolButton

from tests.ui.theme.contrast import painted_contrast, ratio
from ui.shell.actions import TOOLBAR_FACES
from ui.theme.icons import TOOLBAR_ICONS, disabled_colour, themed_icon
from ui.theme.themes import theme as theme_named

THEMES = ("light", "sepia", "night")


def _ink(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> tuple[QColor, int]:
    """The colour of the icon's fully opaque pixels, and how many there are."""
    image = icon.pixmap(QSize(36, 36), mode).toImage()
    solid = [
        image.pixelColor(x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert solid, "the icon paints nothing"
    return solid[len(solid) // 2], len(solid)


@pytest.mark.parametrize("name", TOOLBAR_ICONS)
@pytest.mark.parametrize("theme", THEMES)
def test_each_icon_is_drawn_in_the_themes_ink(qapp, name, theme):
    chosen = theme_named(theme)
    ink, count = _ink(themed_icon(name, chosen))
    assert ink == QColor(chosen.text)
    assert count > 20  # a drawing, not a speck
    assert ratio(ink, QColor(chosen.window)) >= 4.5
    faded, _ = _ink(themed_icon(name, chosen), QIcon.Mode.Disabled)
    assert faded == disabled_colour(chosen)
    assert ratio(faded, QColor(chosen.window)) >= 3.0  # still seen, as WCAG asks of graphics


def test_icons_are_crisp_at_twice_the_pixels(qapp):
    icon = themed_icon("find", theme_named("light"))
    pixmap = icon.pixmap(QSize(18, 18), 2.0)
    assert pixmap.width() == 36 and pixmap.devicePixelRatio() == 2.0


def _button(window, name: str) -> QToolButton:
    return window.toolbar.widgetForAction(window.actions[name])


@pytest.mark.parametrize("theme", THEMES)
def test_the_toolbar_shows_icon_and_label_in_every_theme(qtbot, make_window, seeded, theme):
    window = make_window()
    window.open_article(seeded["port"])
    window.themes.set_theme("night" if theme != "night" else "light")
    window.themes.set_theme(theme)  # switched at run time, as people do
    for _ in range(5):
        QApplication.processEvents()
    chosen = theme_named(theme)
    for name, (_icon, label) in TOOLBAR_FACES.items():
        button = _button(window, name)
        assert button.text() == label
        assert button.toolButtonStyle().value == 2  # text beside the icon
        image = button.grab().toImage()
        # the left part of the button holds the icon: it is painted, in the theme's ink
        icon_area = image.copy(0, 0, button.iconSize().width() + 8, image.height())
        assert painted_contrast(icon_area, inset=1) >= 3.0, name  # WCAG's figure for graphics
        background = QColor(chosen.window)
        pixels = [
            icon_area.pixelColor(QPoint(x, y))
            for x in range(icon_area.width())
            for y in range(icon_area.height())
        ]
        ink = max(pixels, key=lambda p: ratio(p, background))
        # drawn in the text's direction: light strokes on Night, dark ones on the day themes
        towards_text = QColor(chosen.text).lightness() - background.lightness()
        assert (ink.lightness() - background.lightness()) * towards_text > 0, name
    assert window.theme_button.icon().isNull() is False


def test_an_empty_size_gives_an_empty_pixmap_not_a_crash(qapp):
    icon = themed_icon("export", theme_named("night"))
    assert icon.pixmap(QSize(0, 0)).isNull()
    assert icon.pixmap(QSize(0, 16)).isNull()


def test_icons_come_after_the_first_frame_without_moving_the_buttons(qtbot, qapp, tmp_path):
    """The first frame shows placeholders that keep each button's room; the drawn icons
    replace them once setup is done, and no button moves."""
    from PySide6.QtCore import QSettings

    from storage.library import Library
    from ui.app.settings import Settings
    from ui.shell.main_window import MainWindow
    from ui.theme.manager import ThemeManager

    settings = Settings(store=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    with Library.open(tmp_path / "l.postil") as library:
        window = MainWindow(
            library=library,
            settings=settings,
            themes=ThemeManager(settings=settings, app=qapp),
            defer_panels=True,
        )
        qtbot.addWidget(window)
        window.resize(1200, 700)
        window.show()
        before = {n: _button(window, n).geometry() for n in TOOLBAR_FACES}
        assert all(_button(window, n).icon().pixmap(QSize(18, 18)).isNull() for n in before)
        qtbot.waitUntil(lambda: window.annotation_actions is not None, timeout=5000)
        after = {n: _button(window, n).geometry() for n in TOOLBAR_FACES}
        assert after == before
        assert not any(_button(window, n).icon().pixmap(QSize(18, 18)).isNull() for n in after)
        window.close()
