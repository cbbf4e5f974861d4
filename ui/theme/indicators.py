"""Check boxes and radio buttons an analyst can see in every theme.

Fusion draws their frames in the window colour darkened by 40%: about 1.1:1 against a Night
window and 2:1 in Light, where WCAG asks 3:1 for such marks. This proxy lets Fusion paint
them as usual, then draws the frame again in a colour between the text and the window that
clears 3:1. It is set on the dialogs' check boxes and radio buttons only (they open after
the first frame): an application-wide Python style would route every paint through Python.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QProxyStyle,
    QRadioButton,
    QStyle,
    QStyleOption,
    QWidget,
)

_FRAMES = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: "box",
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck: "box",
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: "circle",
}


def frame_colour(palette: QPalette, enabled: bool) -> QColor:
    """Two thirds of the way from the window colour to the text colour: 3:1 or more."""
    group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
    text = palette.color(group, QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    mix = 0.7 if enabled else 0.5
    return QColor(
        round(window.red() + (text.red() - window.red()) * mix),
        round(window.green() + (text.green() - window.green()) * mix),
        round(window.blue() + (text.blue() - window.blue()) * mix),
    )


class LegibleIndicators(QProxyStyle):
    def drawPrimitive(self, element, option: QStyleOption, painter: QPainter, widget=None):
        super().drawPrimitive(element, option, painter, widget)
        shape = _FRAMES.get(element)
        if shape is None:
            return
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(frame_colour(option.palette, enabled))
        pen.setWidthF(1.2)
        painter.setPen(pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        rect = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if shape == "box":
            painter.drawRoundedRect(rect, 1.5, 1.5)
        else:
            painter.drawEllipse(rect)
        painter.restore()


_style: LegibleIndicators | None = None


def legible_indicators(root: QWidget) -> None:
    """Give every check box and radio button under root (and root's item views' check boxes)
    the legible frame."""
    global _style
    if _style is None:
        _style = LegibleIndicators()
    for widget in (
        root.findChildren(QCheckBox)
        + root.findChildren(QRadioButton)
        + root.findChildren(QAbstractItemView)  # lists with a check box per row
    ):
        widget.setStyle(_style)
