"""Every option declared once, with its type, default and what it is for; stored in QSettings.

Code names an option by its constant (`settings.get(FONT_SIZE)`) or by its key, which is
checked: a misspelt key raises at once instead of reading a default forever. Widgets react
to one option with `settings.watch(FONT_SIZE, slot)` (the slot gets the new value), not by
filtering a general signal through if/elif chains (qutebrowser's config, Picard's options).
"""

import os
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal


class Option(NamedTuple):  # a named tuple: cheap to define before the first frame
    key: str
    type: type
    default: Any
    description: str


FONT_SIZES = (9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 36)
DEFAULT_FONT_SIZE = 14

FONT_SIZE = Option(
    "reader/font_size", int, 0, "Reading text size in points; 0 follows the default size"
)
FONT_FAMILY = Option(
    "reader/font_family", str, "serif", "Reading typeface: serif, sans, or an installed family"
)
LINE_SPACING = Option(
    "reader/line_spacing", int, 150, "Line spacing, in percent of the text's height (120-200)"
)
COLUMN_WIDTH = Option(
    "reader/column_width", int, 68, "How many characters a line of the article holds (45-100)"
)
LINE_SPACINGS = (120, 200)
COLUMN_WIDTHS = (45, 100)
THEME_NAME = Option("theme/name", str, "light", "Colour theme: light, sepia or night")
FOLLOW_SYSTEM = Option(
    "theme/follow_system", bool, False, "Follow the system's light or dark appearance"
)
WINDOW_GEOMETRY = Option("window/geometry", bytes, b"", "Where the window was, and its size")
WINDOW_STATE = Option("window/state", bytes, b"", "The window's toolbars and docks")
WINDOW_SPLITTER = Option("window/splitter", bytes, b"", "The widths of the three panes")
LIBRARY_SORT = Option("library/sort", str, "captured", "Order of the library list")
LAST_FOLDER = Option(
    "dialogs/last_folder", str, "", "Where the last Open or Save dialog was; Documents at first"
)

OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        FONT_SIZE,
        FONT_FAMILY,
        LINE_SPACING,
        COLUMN_WIDTH,
        THEME_NAME,
        FOLLOW_SYSTEM,
        WINDOW_GEOMETRY,
        WINDOW_STATE,
        WINDOW_SPLITTER,
        LIBRARY_SORT,
        LAST_FOLDER,
    )
}


def option(name: Option | str) -> Option:
    """The declared option for a constant or a key; an unknown key is a programming error."""
    if isinstance(name, Option):
        return name
    try:
        return OPTIONS[name]
    except KeyError:
        raise KeyError(f"no setting named {name!r}; declared: {', '.join(OPTIONS)}") from None


SETTINGS_ENV = "POSTIL_SETTINGS"  # an .ini file instead of the platform's settings store


def settings_from_environment() -> "Settings":
    """The platform's settings store, or the .ini file $POSTIL_SETTINGS names (tests, the
    self-test, a portable install)."""
    path = os.environ.get(SETTINGS_ENV)
    store = QSettings(path, QSettings.Format.IniFormat) if path else QSettings()
    return Settings(store=store)


class Settings(QObject):
    """Signals: changed(str) with the option's key after a value changes."""

    changed = Signal(str)

    def __init__(self, *, store: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._watchers: dict[str, list[Callable[[Any], None]]] = {}

    def get(self, name: Option | str) -> Any:
        opt = option(name)
        value = self._store.value(opt.key, opt.default)
        if value is None:
            return opt.default
        try:
            if opt.type is bool:
                return value if isinstance(value, bool) else str(value).lower() == "true"
            if opt.type is bytes:
                if isinstance(value, QByteArray):
                    return value.data()
                return bytes(value) if value else b""
            return opt.type(value)
        except (TypeError, ValueError):
            return opt.default

    def set(self, name: Option | str, value: Any) -> None:
        opt = option(name)
        if self.get(opt) == value:
            return
        # Bytes are stored as QByteArray: as Python bytes PySide would pickle them, and the
        # settings file would then need pickle (and Python) to read.
        stored = QByteArray(value) if opt.type is bytes else value
        self._store.setValue(opt.key, stored)
        for slot in self._watchers.get(opt.key, ()):
            slot(self.get(opt))
        self.changed.emit(opt.key)

    def watch(self, name: Option | str, slot: Callable[[Any], None]) -> None:
        """Call slot(new value) whenever this option changes."""
        self._watchers.setdefault(option(name).key, []).append(slot)

    def sync(self) -> None:
        self._store.sync()

    def font_size(self) -> int:
        return self.get(FONT_SIZE) or DEFAULT_FONT_SIZE

    def dialog_folder(self) -> str:
        """Where an Open or Save dialog starts: the folder used last, else Documents (never
        the folder Postil happens to be installed in)."""
        last = self.get(LAST_FOLDER)
        if last and os.path.isdir(last):
            return last
        from PySide6.QtCore import QStandardPaths

        location = QStandardPaths.StandardLocation.DocumentsLocation
        return QStandardPaths.writableLocation(location) or os.path.expanduser("~")

    def remember_folder(self, chosen: str) -> None:
        """After a dialog: its file's folder (or the folder itself) is where the next starts."""
        folder = chosen if os.path.isdir(chosen) else os.path.dirname(chosen)
        if folder:
            self.set(LAST_FOLDER, folder)
