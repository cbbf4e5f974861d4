"""Applies the chosen theme to the whole application, following the system when asked."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

from ui.app.settings import Settings
from ui.first_frame import Qt
from ui.theme.themes import Theme, theme


class ThemeManager(QObject):
    """Signals: theme_changed(object) with the Theme now in force."""

    theme_changed = Signal(object)

    def __init__(self, *, settings: Settings, app: QApplication, parent=None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._app = app
        settings.changed.connect(self._on_settings_changed)
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.current: Theme = self._resolve()
        self._day = self.current.name if self.current.name != "night" else "light"
        self._apply()

    def _resolve(self) -> Theme:
        if self._settings.get("theme/follow_system"):
            dark = self._app.styleHints().colorScheme() == Qt.ColorScheme.Dark
            if dark:
                return theme("night")
            chosen = self._settings.get("theme/name")
            return theme(chosen if chosen != "night" else "light")
        return theme(self._settings.get("theme/name"))

    def _apply(self) -> None:
        # A palette, not an application style sheet: a style sheet on the application makes
        # every widget go through Qt's style-sheet style (6-9 ms more before the first frame).
        # The few rules left are set on their own widgets (Theme.list_frame).
        self._app.setPalette(self.current.palette())
        self.theme_changed.emit(self.current)

    def set_theme(self, name: str) -> None:
        self._settings.set("theme/follow_system", False)
        self._settings.set("theme/name", name)

    def toggle_night(self) -> None:
        """Night and back to the day theme the analyst had (Light or Sepia)."""
        if self.current.name == "night":
            self.set_theme(self._day)
        else:
            self._day = self.current.name
            self.set_theme("night")

    @Slot(str)
    def _on_settings_changed(self, name: str) -> None:
        if name.startswith("theme/"):
            new = self._resolve()
            if new is not self.current:
                self.current = new
                self._apply()

    @Slot()
    def _on_color_scheme_changed(self, *_args) -> None:
        if self._settings.get("theme/follow_system"):
            self._on_settings_changed("theme/follow_system")
