"""The start-up rule, written down once: what the window's first frame may import, and Qt's
namespace of enums (Qt.Key, Qt.AlignmentFlag, ...) without its start-up cost.

The rule: the first painted frame loads only the modules in FIRST_FRAME_MODULES (the
library list, the reader, the window's frame) and none of the heavy libraries in
HEAVY_LIBRARIES. Modules on the list import anything else inside the function that needs
it; every other module imports at module level, as usual, because it loads after the first
frame anyway. tests/ui/test_first_frame.py checks both lists against a real start-up, and
bench/startup_time.py measures what the rule buys (within 1.5x of a bare Qt window).

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

FIRST_FRAME_MODULES = frozenset(
    {
        "main",
        # core: the reader's fast path reads stored content without the article model
        *("core", "core.plain_text", "core.content_codes", "core.resources"),
        # storage: opening the library and reading the list and the open article
        *(
            "storage",
            "storage.articles",
            "storage.clock",
            "storage.connection",
            "storage.database",
            "storage.errors",
            "storage.highlight_spans",
            "storage.integrity",
            "storage.library",
            "storage.library_files",
            "storage.location",
            "storage.migrations",
            "storage.opening",
            "storage.originals",  # the open article's content is stored compressed (zlib)
            "storage.records",
            "storage.saved_searches",
            "storage.snippet_marks",
            "storage.stems",  # every library connection registers its SQL function
            "storage.tags",
            "storage.transaction",
        ),
        # ui: the frame of the window, the library list and the reader
        *("ui", "ui.first_frame", "ui.common", "ui.common.events"),
        *(
            "ui.app",
            "ui.app.application",
            "ui.app.display_check",
            "ui.app.first_paint",
            "ui.app.launch",
            "ui.app.library_opening",
            "ui.app.options",
            "ui.app.pyside_imports",
            "ui.app.settings",
            "ui.app.single_instance",
        ),
        *("ui.library", "ui.library.dates", "ui.library.delegate", "ui.library.model"),
        "ui.library.pane",
        *(
            "ui.reader",
            "ui.reader.article_view",
            "ui.reader.html_document",
            "ui.reader.offline_browser",
            "ui.reader.text_positions",
        ),
        *("ui.shell", "ui.shell.actions", "ui.shell.main_window"),
        *("ui.theme", "ui.theme.icons", "ui.theme.manager", "ui.theme.themes"),
    }
)
# Never before the first frame: extraction, Markdown, sqlite-utils, the anchoring engine.
HEAVY_LIBRARIES = (
    "trafilatura",
    "lxml",
    "justext",
    "htmldate",
    "dateparser",
    "markdown_it",
    "sqlite_utils",
    "charset_normalizer",
    "core.anchoring",
    "core.importers",
)
# Loaded just after the first frame, not in it: PyStemmer, to check the stems' format.
AFTER_THE_FRAME = ("Stemmer",)

# Qt::ItemDataRole
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 0x0100
# Qt::ToolButtonStyle, set through setProperty (which takes the int) for the same reason
TOOL_BUTTON_TEXT_BESIDE_ICON = 2
# Qt::ContextMenuPolicy, likewise: the library list's context menu (customContextMenuRequested)
CUSTOM_CONTEXT_MENU = 3


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
