"""The toolbar's icons: line drawings in SVG, painted in the theme's text colour.

The files in resources/icons/toolbar draw with `currentColor`, as icons on the web do. A
QIcon made straight from such a file paints black on every theme (invisible in Night), so
each icon is an engine that substitutes the theme's colour, and its disabled colour for the
Disabled mode, and renders the SVG at the size and pixel ratio asked for: crisp on any screen,
and nothing rendered before a button is painted.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap

from core.resources import resources_dir
from ui.theme.themes import Theme

TOOLBAR_ICONS = ("import", "paste", "find", "export", "theme")


@cache
def _svg_source(name: str) -> str:
    return (resources_dir() / "icons" / "toolbar" / f"{name}.svg").read_text(encoding="utf-8")


def disabled_colour(theme: Theme) -> QColor:
    """The colour of disabled labels (the palette's Disabled text): icon and label fade
    together, and stay legible."""
    return QColor(theme.muted)


class _TintedSvgEngine(QIconEngine):
    """Renders one SVG with `currentColor` replaced: the normal colour, or the disabled one."""

    def __init__(self, name: str, colour: QColor, disabled: QColor) -> None:
        from PySide6.QtSvg import QSvgRenderer  # after the first frame: see placeholder_icon

        super().__init__()
        self._name = name
        self._colours = (colour, disabled)
        source = _svg_source(name)
        self._renderers = tuple(
            QSvgRenderer(QByteArray(source.replace("currentColor", c.name()).encode()))
            for c in self._colours
        )

    def _renderer(self, mode: QIcon.Mode):
        return self._renderers[1 if mode == QIcon.Mode.Disabled else 0]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        square = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        self._renderer(mode).render(painter, square)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        if size.isEmpty() or scale <= 0:
            return QPixmap()
        from PySide6.QtGui import QImage  # the icons are drawn after the first frame: its enums too

        image = QImage(size * scale, QImage.Format.Format_ARGB32_Premultiplied)
        blank = image.bits()  # zeroed by hand: QImage.fill loads Qt's namespace (ui/first_frame.py)
        blank[:] = bytes(len(blank))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._name, *self._colours)

    def key(self) -> str:
        return "postil-tinted-svg"


class _Blank(QIconEngine):
    """Takes an icon's room and paints nothing."""

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        pass

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return QPixmap()

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _Blank()


def placeholder_icon() -> QIcon:
    """An icon that holds a toolbar button's layout until the real one is drawn. Loading Qt's
    SVG module and drawing the icons took about a fifth of the bare window's start-up, so the
    first frame shows the buttons with their room kept, and the icons come a moment later
    without moving anything."""
    return QIcon(_Blank())


def themed_icon(name: str, theme: Theme) -> QIcon:
    """The icon `name` (one of TOOLBAR_ICONS) in `theme`'s text colour."""
    return QIcon(_TintedSvgEngine(name, QColor(theme.text), disabled_colour(theme)))
