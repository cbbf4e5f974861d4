"""Contrast as the analyst sees it: measured on the pixels Qt paints, not on palettes (a
widget under a style sheet can keep a palette the screen no longer shows)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)


def luminance(color: QColor) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _pixels(image: QImage) -> list[QColor]:
    return [
        image.pixelColor(x, y) for y in range(0, image.height()) for x in range(0, image.width())
    ]


def painted_contrast(image: QImage, *, inset: int = 3) -> float:
    """The background is the commonest colour inside the frame (a frame's border, drawn in
    one colour, would outnumber a gradient's rows); the ink is the pixel that differs from
    it most (the core of a glyph's stroke). Their contrast ratio."""
    if image.width() > 4 * inset and image.height() > 4 * inset:
        image = image.copy(inset, inset, image.width() - 2 * inset, image.height() - 2 * inset)
    pixels = _pixels(image)
    if not pixels:
        return 21.0
    background = QColor(Counter(p.rgb() for p in pixels).most_common(1)[0][0])
    ink = max(pixels, key=lambda p: ratio(p, background))
    return ratio(ink, background)


def shows_text(widget: QWidget) -> str:
    """The text a widget shows, '' when none (nothing to measure)."""
    if isinstance(widget, QLabel) and widget.pixmap().isNull():
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def text_widgets(root: QWidget) -> list[QWidget]:
    found = [root, *root.findChildren(QWidget)]
    return [
        w
        for w in found
        if w.isVisible() and w.width() > 4 and w.height() > 4 and shows_text(w).strip()
    ]


def indicator_image(widget: QCheckBox | QRadioButton) -> QImage:
    """Just the check box's or radio button's indicator, with a margin of background."""
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(widget, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    rect = widget.style().subElementRect(element, option, widget).adjusted(-3, -3, 3, 3)
    return as_seen(widget, rect)


def as_seen(widget: QWidget, rect: QRect | None = None) -> QImage:
    """What the screen shows where the widget is: grabbed from its window, so a background
    painted by a parent (a tool bar behind its buttons) is the one measured."""
    window = widget.window()
    area = rect if rect is not None else widget.rect()
    return window.grab(QRect(widget.mapTo(window, area.topLeft()), area.size())).toImage()


def problems(root: QWidget, *, text: float = 4.5, marks: float = 3.0) -> list[str]:
    """Every visible widget showing text under `text`:1, every indicator under `marks`:1."""
    found = []
    for widget in text_widgets(root):
        label = f"{type(widget).__name__} {widget.objectName() or shows_text(widget)[:30]!r}"
        measured = painted_contrast(as_seen(widget))
        needed = text if widget.isEnabled() else 3.0  # disabled text: legible, less prominent
        if measured < needed:
            found.append(f"{label}: {measured:.2f}:1")
        # WCAG 1.4.11 exempts inactive components: a disabled radio button may be faint.
        if isinstance(widget, QCheckBox | QRadioButton) and widget.isEnabled():
            mark = painted_contrast(indicator_image(widget), inset=0)
            if mark < marks:
                found.append(f"{label} indicator: {mark:.2f}:1")
    return found
