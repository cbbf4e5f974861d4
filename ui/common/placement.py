"""Where a floating window goes so that it does not hide what it points at.

The All Highlights browser stays open while the analyst goes from passage to passage; after
each jump it steps aside from the passage, to the side with room (below, right, left, above),
smaller if it must, never off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

GAP = 12  # between the passage and the window that steps aside


def clear_of(window: QRect, obstacle: QRect, area: QRect, minimum: QSize) -> QRect:
    """The geometry nearest `window` that stays inside `area` and off `obstacle`: as it is
    when it does not touch it; else moved to the roomiest side, shrunk to that side's room
    (not below `minimum`). When no side has the minimum, the side with the most room."""
    if not window.intersects(obstacle):
        return QRect(window)
    sides = {
        "below": QRect(
            QPoint(area.left(), obstacle.bottom() + GAP), QPoint(area.right(), area.bottom())
        ),
        "right": QRect(
            QPoint(obstacle.right() + GAP, area.top()), QPoint(area.right(), area.bottom())
        ),
        "left": QRect(
            QPoint(area.left(), area.top()), QPoint(obstacle.left() - GAP, area.bottom())
        ),
        "above": QRect(QPoint(area.left(), area.top()), QPoint(area.right(), obstacle.top() - GAP)),
    }
    fitting = [
        room
        for room in sides.values()
        if room.width() >= minimum.width() and room.height() >= minimum.height()
    ]
    if not fitting:  # no side has room (a passage as large as the screen): stay, on screen
        return _inside(window, area)
    whole = [r for r in fitting if r.width() >= window.width() and r.height() >= window.height()]
    room = (
        whole
        or sorted(
            fitting,
            key=lambda r: -min(r.width(), window.width()) * min(r.height(), window.height()),
        )
    )[0]
    size = QSize(min(window.width(), room.width()), min(window.height(), room.height()))
    # the nearest spot to where it was, inside the room
    x = max(room.left(), min(window.left(), room.right() - size.width() + 1))
    y = max(room.top(), min(window.top(), room.bottom() - size.height() + 1))
    return QRect(QPoint(x, y), size)


def _inside(window: QRect, area: QRect) -> QRect:
    """`window` moved (and if need be shrunk) to lie within `area`."""
    size = QSize(min(window.width(), area.width()), min(window.height(), area.height()))
    x = max(area.left(), min(window.left(), area.right() - size.width() + 1))
    y = max(area.top(), min(window.top(), area.bottom() - size.height() + 1))
    return QRect(QPoint(x, y), size)
