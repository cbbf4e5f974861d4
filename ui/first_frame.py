"""Qt's namespace of enums (Qt.Key, Qt.AlignmentFlag, ...) without its start-up cost.

PySide builds the Python enums of the whole Qt namespace (about 95 enums, some 15 ms) the first
time anything imports the name `Qt` from QtCore, while a bare window never pays for it. The
modules on the way to the first frame import `Qt` from here: a stand-in that loads the real
namespace on first attribute access. What those modules need before the first frame is below
as plain ints (Qt hands roles and flags to Python as ints anyway); tests/ui/test_qt_namespace.py
checks each value against Qt's enum, and that the first frame never loads the namespace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QBrush, QColor

# Qt::ItemDataRole
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 0x0100


def solid_brush(color: QColor) -> QBrush:
    """A brush of one colour. QBrush(color) resolves its overloads against Qt-namespace enums
    (so would load them all); a palette hands out the same brush without."""
    from PySide6.QtGui import QPalette

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, color)
    return palette.brush(QPalette.ColorRole.Base)


class _LazyNamespace:
    """Stands in for PySide6.QtCore.Qt; each attribute is fetched from it once, then kept."""

    def __getattr__(self, name: str) -> Any:
        from PySide6 import QtCore

        value = getattr(QtCore.Qt, name)
        setattr(self, name, value)
        return value


Qt: Any = _LazyNamespace()
